"""Search and filter a public dataset from query parameters (portal, API and open data alike)."""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from oversight.core.publication import Filter, Schema

_YES = {"yes", "true", "1"}
_NO = {"no", "false", "0"}
# ASCII digits only ("²".isdigit() is true, int("²") fails), and within a 64-bit column.
_WHOLE = re.compile(r"-?[0-9]{1,18}")


class BadQuery(ValueError):
    """A filter value that makes no sense; the message names the parameter."""

    def __init__(self, message: str, parameter: str = "") -> None:
        super().__init__(message)
        self.parameter = parameter  # the query parameter at fault, for APIs


@dataclass(frozen=True)
class Query:
    text: str
    filters: dict[str, str]


# What every dataset's page, download and API take besides its own filters.
PARAMETERS = frozenset({"q", "page", "limit", "offset", "format", "sort", "facets", "cursor"})


def parse(schema: Schema, params: Mapping[str, str]) -> Query:
    """The query of ?q= and the schema's filters; an unknown parameter is refused by name,
    so that a misspelt filter never silently returns every row."""
    known = {flt.name: flt for flt in schema.filters}
    for name in params:
        if name not in known and name not in PARAMETERS:
            raise BadQuery(
                _("%(name)s: not a filter of this dataset; its filters are: %(known)s")
                % {"name": name, "known": ", ".join(sorted(known)) or _("none")},
                name,
            )
    chosen = {}
    for name, flt in known.items():
        value = (params.get(name) or "").strip()
        if value:
            _check(flt, value)
            chosen[name] = value
    return Query((params.get("q") or "").strip(), chosen)


def _is_year(flt: Filter) -> bool:
    """A year (a `__year` lookup or a `year` column): the calendar's bounds apply."""
    return flt.lookup == "year" or flt.lookup.endswith("__year")


def _check(flt: Filter, value: str) -> None:
    if flt.kind == "bool" and value.lower() not in _YES | _NO:
        raise BadQuery(
            _("%(name)s: expected yes or no, got “%(value)s”")
            % {"name": flt.name, "value": value},
            flt.name,
        )
    if flt.kind == "int" and not _WHOLE.fullmatch(value):
        raise BadQuery(
            _("%(name)s: expected a whole number, got “%(value)s”")
            % {"name": flt.name, "value": value},
            flt.name,
        )
    if flt.kind == "int" and _is_year(flt) and not MINYEAR <= int(value) <= MAXYEAR:
        raise BadQuery(
            _("%(name)s: expected a year from %(first)d to %(last)d, got “%(value)s”")
            % {"name": flt.name, "first": MINYEAR, "last": MAXYEAR, "value": value},
            flt.name,
        )
    if flt.kind == "choice" and flt.choices is not None:
        allowed = {str(key) for key, _label in flt.choices()}
        if value not in allowed:
            raise BadQuery(
                _("%(name)s: “%(value)s” is not one of the choices")
                % {"name": flt.name, "value": value},
                flt.name,
            )


def apply(schema: Schema, query: Query) -> QuerySet[Any]:
    qs = schema.queryset()
    if query.text and schema.search:
        condition = Q()
        for path in schema.search:
            condition |= Q(**{f"{path}__icontains": query.text})
        qs = qs.filter(condition)
    for flt in schema.filters:
        value = query.filters.get(flt.name)
        if value is None:
            continue
        if flt.kind == "bool":
            qs = qs.filter(**{flt.lookup: value.lower() in _YES})
        elif flt.kind == "int":
            qs = qs.filter(**{flt.lookup: int(value)})
        else:
            qs = qs.filter(**{flt.lookup: value})
    if schema.ordering:
        qs = qs.order_by(*schema.ordering)
    return qs.distinct() if any("__" in path for path in schema.search) else qs
