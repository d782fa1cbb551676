"""Read a public dataset for a page, a download or the API, through its schema only.

Everything here goes through `core.publication` and `core.search`: the portal
never names a domain model, so a field that is not in a schema cannot leak.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import JSONField, Model, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from oversight.core import publication
from oversight.core.publication import Schema
from oversight.core.search import BadQuery, Query, apply, parse

FORMATS = ("csv", "json", "ndjson")


def schema_or_404(name: str) -> Schema:
    """The schema, with each filter's choices read at most once for this request."""
    try:
        schema = publication.get(name)
    except LookupError:
        raise Http404(name) from None
    filters = tuple(
        replace(flt, choices=cache(flt.choices)) if flt.choices else flt for flt in schema.filters
    )
    return replace(schema, filters=filters)


def key_path(schema: Schema) -> str:
    return schema.fields[schema.key]


def columns(schema: Schema) -> tuple[str, ...]:
    return schema.list_fields or tuple(schema.fields)


def search(schema: Schema, params: Mapping[str, str]) -> tuple[Query, QuerySet[Any]]:
    """The public rows matching ?q= and the filters, in a stable order; BadQuery if not."""
    query = parse(schema, params)
    qs = apply(schema, query)
    if not qs.ordered:
        qs = qs.order_by(key_path(schema))
    return query, qs


@dataclass(frozen=True)
class Part:
    text: str
    href: str = ""
    external: bool = False


@dataclass(frozen=True)
class Cell:
    name: str
    label: str
    parts: tuple[Part, ...]
    tree: str = ""  # a structured value as HTML (lists, labelled records), on record pages

    @property
    def separator(self) -> str:
        """Sentences follow each other; codes and names are listed with commas."""
        ends = tuple(".!?;:")
        return " " if any(part.text.endswith(ends) for part in self.parts) else ", "


@dataclass(frozen=True)
class Row:
    key: str
    href: str
    cells: tuple[Cell, ...]


class Reader:
    """Fetches the named public fields, plus the keys their links need, in one query."""

    def __init__(self, schema: Schema, names: Sequence[str], *, trees: bool = False) -> None:
        self.schema = schema
        self.trees = trees  # render structured values as HTML (a record page)
        self.names = tuple(names)
        links = {name: schema.links[name].key_path for name in names if name in schema.links}
        wanted = [schema.fields[name] for name in self.names]
        wanted += [key_path(schema), *links.values()]
        self.paths = list(dict.fromkeys(wanted))
        self.links = links
        self.model = schema.queryset().model
        self.labels = {name: value_labels(schema, self.model, name) for name in self.names}

    def values(self, qs: QuerySet[Any]) -> QuerySet[Any]:
        return qs.values_list(*self.paths)

    def row(self, values: Sequence[Any]) -> Row:
        at = dict(zip(self.paths, values, strict=True))
        key = str(at[key_path(self.schema)])
        cells = tuple(self._cell(name, at) for name in self.names)
        return Row(key, record_url(self.schema.name, key), cells)

    def _cell(self, name: str, at: dict[str, Any]) -> Cell:
        value = at[self.schema.fields[name]]
        href = ""
        if name in self.links and at[self.links[name]] is not None:
            href = record_url(self.schema.links[name].dataset, str(at[self.links[name]]))
        tree = ""
        if self.trees and isinstance(value, list | tuple | dict) and value:
            structure = self.schema.structures.get(name, publication.Structure())
            tree = render_tree(value, structure, self.labels[name])
        cell_parts = parts(value, href, self.labels[name])
        return Cell(name, self.schema.label(name), cell_parts, tree)


def _readable_key(key: str, structure: publication.Structure) -> str:
    return str(structure.keys.get(key) or publication.readable(key))


def _leaf(value: Any, key: str, structure: publication.Structure, labels: Any) -> SafeString:
    coded = structure.values.get(key) or (labels if not key else None)
    text = display(value, {str(k): str(v) for k, v in coded.items()} if coded else None)
    if isinstance(value, str) and value.startswith(("https://", "http://")):
        return format_html(
            '<a href="{}" rel="nofollow noopener noreferrer" class="external">{}</a>', value, text
        )
    return format_html("{}", text)


def render_tree(
    value: Any, structure: publication.Structure, labels: Any = None, key: str = ""
) -> SafeString:
    """A structured value as a document: a list as a list, a record as labelled fields
    titled by its `structure.title` key, codes as their labels; never a Python repr."""
    if isinstance(value, dict):
        title = value.get(structure.title) if structure.title else None
        shown = [
            (k, v)
            for k, v in value.items()
            if k not in structure.hidden and k != structure.title and v not in ("", None, [])
        ]
        fields = format_html_join(
            "",
            '<div class="tree-field"><dt>{}</dt><dd>{}</dd></div>',
            ((_readable_key(k, structure), render_tree(v, structure, None, k)) for k, v in shown),
        )
        heading = (
            format_html(
                '<p class="tree-title">{}</p>', _leaf(title, structure.title, structure, None)
            )
            if title
            else ""
        )
        return format_html('{}<dl class="tree">{}</dl>', heading, fields)
    if isinstance(value, list | tuple):
        if not value:
            return format_html("{}", "—")
        items = format_html_join(
            "", "<li>{}</li>", ((render_tree(item, structure, labels, key),) for item in value)
        )
        return format_html('<ul class="tree-list">{}</ul>', items)
    return _leaf(value, key, structure, labels)


def record_url(dataset: str, key: str) -> str:
    return reverse("portal:record", kwargs={"dataset": dataset, "key": key})


def parts(value: Any, href: str = "", labels: Mapping[str, str] | None = None) -> tuple[Part, ...]:
    """How a value reads on a page: lists item by item, web addresses as links."""
    if isinstance(value, list | tuple):
        return tuple(part for item in value for part in parts(item, "", labels)) or (Part("—"),)
    if isinstance(value, dict):
        shown = [(k, v) for k, v in value.items() if v not in ("", None, [])]
        return tuple(Part(f"{publication.readable(k)}: {_flat(v)}") for k, v in shown) or (
            Part("—"),
        )
    text = display(value, labels)
    if not href and isinstance(value, str) and value.startswith(("https://", "http://")):
        return (Part(text, value, external=True),)
    return (Part(text, href),)


def _flat(value: Any) -> str:
    """A nested value in one line of text (a list cell), never a Python repr."""
    if isinstance(value, dict):
        return "; ".join(f"{publication.readable(k)}: {_flat(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "; ".join(_flat(item) for item in value) or "—"
    return display(value)


def display(value: Any, labels: Mapping[str, str] | None = None) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if labels and str(value) in labels:
        return labels[str(value)]
    if isinstance(value, datetime | date | Decimal | int):
        return str(formats.localize(value))
    return str(value)


def model_field(model: type[Model], path: str) -> Any:
    """The model field at the end of an ORM path, or None (an annotation, say)."""
    try:
        for step in path.split("__")[:-1]:
            related = model._meta.get_field(step).related_model
            if not isinstance(related, type):
                return None
            model = related
        return model._meta.get_field(path.split("__")[-1])
    except FieldDoesNotExist:
        return None


def value_labels(schema: Schema, model: type[Model], name: str) -> dict[str, str] | None:
    """Human labels for stored codes: the field's own choices or, for a list of codes
    (a JSON field), the choices of the filter that searches it (?category= for categories)."""
    path = schema.fields[name]
    field = model_field(model, path)
    choices = getattr(field, "flatchoices", None)
    if choices:
        return {str(value): str(label) for value, label in choices}
    if not isinstance(field, JSONField):
        return None
    for flt in schema.filters:
        if flt.kind == "choice" and flt.choices and flt.lookup.startswith(path):
            return {str(value): str(label) for value, label in flt.choices()}
    return None


def _one(schema: Schema, key: str) -> QuerySet[Any] | None:
    try:
        return schema.queryset().filter(**{key_path(schema): key})
    except (ValueError, TypeError, ValidationError):
        return None  # a key of the wrong type cannot name a record


def find(schema: Schema, key: str) -> dict[str, Any] | None:
    """The public record with this key, as {public name: value}, or None."""
    qs = _one(schema, key)
    return None if qs is None else next(iter(list(schema.rows(qs[:1]))), None)


def detail(schema: Schema, key: str) -> Row | None:
    """The public record with this key, every public field labelled and linked, or None."""
    qs = _one(schema, key)
    if qs is None:
        return None
    reader = Reader(schema, tuple(schema.fields), trees=True)
    values = reader.values(qs).first()
    return None if values is None else reader.row(values)


@dataclass(frozen=True)
class Related:
    title: str
    label: str
    href: str
    count: int


def related(schema: Schema, key: str) -> list[Related]:
    """Records of other datasets that link to this one, where a filter can select them
    (a country's transfers by ?recipient=, a vendor's technologies by ?vendor=)."""
    found = []
    for other in publication.all_schemas():
        targets = {link.key_path for link in other.links.values() if link.dataset == schema.name}
        for flt in other.filters:
            if flt.kind != "choice" or flt.lookup not in targets:
                continue
            count = apply(other, Query("", {flt.name: key})).count()
            if count:
                href = reverse("portal:dataset", kwargs={"dataset": other.name})
                href += "?" + urlencode({flt.name: key})
                found.append(Related(str(other.title), str(flt.label), href, count))
    return found


__all__ = ["FORMATS", "BadQuery", "Reader", "Row", "columns", "detail", "find", "related"]
