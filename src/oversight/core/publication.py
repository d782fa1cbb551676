"""Publication schemas: the public fields of each model, declared once.

The portal, open data, exports and the public API read only through these
schemas (and `core.search`), so a field that is not listed here cannot leak by
accident, and the portal needs to import no domain app.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db.models import QuerySet


@dataclass(frozen=True)
class Filter:
    """A facet people can filter a dataset by, e.g. ?wassenaar=yes or ?category=intrusion."""

    name: str  # query-string parameter
    label: str
    lookup: str  # ORM lookup path the value is matched against
    kind: Literal["choice", "bool", "int"] = "choice"
    choices: Callable[[], list[tuple[str, str]]] | None = None  # (value, label)


@dataclass(frozen=True)
class Link:
    """A field that points at a record of another dataset."""

    dataset: str
    key_path: str  # ORM lookup path giving that record's key


@dataclass(frozen=True)
class Schema:
    name: str  # URL- and CLI-safe, e.g. "transfers"
    title: str
    description: str
    queryset: Callable[[], QuerySet[Any]]  # the public rows only
    fields: dict[str, str]  # public name -> ORM lookup path (scalar or FK path, no M2M)
    key: str = "id"  # the public name (in `fields`) that identifies a record
    labels: dict[str, str] = field(default_factory=dict)  # public name -> column heading
    search: tuple[str, ...] = ()  # ORM paths searched (icontains) by ?q=
    filters: tuple[Filter, ...] = ()
    links: dict[str, Link] = field(default_factory=dict)  # public name -> link
    list_fields: tuple[str, ...] = ()  # columns of the HTML list (default: all)
    ordering: tuple[str, ...] = ()
    licence: str = ""
    sources: tuple[str, ...] = ()

    def rows(self, queryset: QuerySet[Any] | None = None) -> Iterator[dict[str, Any]]:
        qs = self.queryset() if queryset is None else queryset
        paths = list(self.fields.values())
        for values in qs.values_list(*paths).iterator(chunk_size=2000):
            yield dict(zip(self.fields, values, strict=True))

    def label(self, name: str) -> str:
        return self.labels.get(name, name.replace("_", " ").capitalize())


_schemas: dict[str, Schema] = {}


def register(schema: Schema) -> Schema:
    if schema.name in _schemas and _schemas[schema.name] is not schema:
        raise ValueError(f"publication schema {schema.name!r} registered twice")
    _schemas[schema.name] = schema
    return schema


def get(name: str) -> Schema:
    try:
        return _schemas[name]
    except KeyError:
        raise LookupError(f"no public dataset called {name!r}") from None


def all_schemas() -> list[Schema]:
    return sorted(_schemas.values(), key=lambda schema: schema.name)
