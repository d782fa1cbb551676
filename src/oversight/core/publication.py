"""Publication schemas: the public fields of each model, declared once.

The portal, open data, exports and the public API read only through these
schemas, so a field that is not listed here cannot leak by accident.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet


@dataclass(frozen=True)
class Schema:
    name: str  # URL- and CLI-safe, e.g. "transfers"
    title: str
    description: str
    queryset: Callable[[], QuerySet[Any]]  # the public rows only
    fields: dict[str, str]  # public name -> ORM lookup path
    key: str = "id"
    licence: str = ""
    sources: tuple[str, ...] = field(default_factory=tuple)

    def rows(self, queryset: QuerySet[Any] | None = None) -> Iterator[dict[str, Any]]:
        qs = self.queryset() if queryset is None else queryset
        paths = list(self.fields.values())
        for values in qs.values_list(*paths).iterator(chunk_size=2000):
            yield dict(zip(self.fields, values, strict=True))


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
