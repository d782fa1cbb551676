"""Publication schemas: the public fields of each model, declared once.

The portal, open data, exports and the public API read only through these
schemas (and `core.search`), so a field that is not listed here cannot leak by
accident, and the portal needs to import no domain app.

Every text a schema shows (title, description, headings, filter and choice labels)
is lazy: it is translated when a page or a download is made, in the language of
that request, never frozen in the language the process started in.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Choices as ModelChoices
from django.db.models import Model, QuerySet
from django.utils.text import capfirst
from django_stubs_ext import StrOrPromise

ChoiceList = Callable[[], list[tuple[str, str]]]  # (value, label), read when a page needs them


@dataclass(frozen=True)
class Filter:
    """A facet people can filter a dataset by, e.g. ?wassenaar=yes or ?category=intrusion."""

    name: str  # query-string parameter
    label: StrOrPromise
    lookup: str  # ORM lookup path the value is matched against
    kind: Literal["choice", "bool", "int"] = "choice"
    choices: ChoiceList | None = None


# The facets of the one search over every register (`core.fulltext`), by public name;
# "dataset" is every document's own. A schema maps the others to its fields.
FACETS = (
    "dataset",
    "jurisdiction",
    "destination",
    "category",
    "control_entry",
    "outcome",
    "criterion",
    "year",
)


@dataclass(frozen=True)
class Facet:
    """A field of a schema that the one search counts and filters by, under a shared name:
    Facet("destination", "destination_id", "destination__name"). A JSON list gives one
    value per item; `label_path` names the value (a country's name), else the labels are
    the choices of the schema's filter of the same name or of the model field."""

    name: str  # one of FACETS (not "dataset")
    path: str  # ORM lookup path of the value
    label_path: str = ""


@dataclass(frozen=True)
class Link:
    """A field that points at a record of another dataset."""

    dataset: str
    key_path: str  # ORM lookup path giving that record's key


@dataclass(frozen=True)
class Structure:
    """How a structured field (a list of records, or JSON) reads on a record page: labels
    for its keys and for the coded values of a key, the key that titles each record, and
    the keys a reader never needs (a code that the title already says)."""

    keys: Mapping[str, StrOrPromise] = field(default_factory=dict)
    values: Mapping[str, Mapping[str, StrOrPromise]] = field(default_factory=dict)
    title: str = ""
    hidden: tuple[str, ...] = ()


@dataclass(frozen=True)
class Schema:
    name: str  # URL- and CLI-safe, e.g. "transfers"
    title: StrOrPromise
    description: StrOrPromise
    queryset: Callable[[], QuerySet[Any]]  # the public rows only
    fields: dict[str, str]  # public name -> ORM lookup path (scalar or FK path, no M2M)
    key: str = "id"  # the public name (in `fields`) that identifies a record
    # public name -> column heading; with `headings(...)`, every field not given is headed
    # by its model field's verbose name, otherwise by its name made readable
    labels: Mapping[str, StrOrPromise] = field(default_factory=dict)
    search: tuple[str, ...] = ()  # ORM paths searched by ?q= here and by the one search
    facets: tuple[Facet, ...] = ()  # what the one search (and the dataset page) counts
    filters: tuple[Filter, ...] = ()
    links: dict[str, Link] = field(default_factory=dict)  # public name -> link
    list_fields: tuple[str, ...] = ()  # columns of the HTML list (default: all)
    ordering: tuple[str, ...] = ()
    licence: StrOrPromise = ""
    sources: tuple[StrOrPromise, ...] = ()
    structures: Mapping[str, Structure] = field(default_factory=dict)  # public name -> how

    def __post_init__(self) -> None:
        unknown = set(self.labels) - set(self.fields)
        if unknown:
            raise ValueError(f"{self.name}: labels for fields it does not publish: {unknown}")
        strange = {facet.name for facet in self.facets} - set(FACETS[1:])
        if strange:
            raise ValueError(f"{self.name}: facets the search does not know: {strange}")
        if isinstance(self.labels, Headings):
            model, given = self.queryset().model, self.labels
            labels = {
                name: given[name] if name in given else heading(model, name)
                for name in self.fields
            }
            object.__setattr__(self, "labels", labels)

    def rows(self, queryset: QuerySet[Any] | None = None) -> Iterator[dict[str, Any]]:
        qs = self.queryset() if queryset is None else queryset
        paths = list(self.fields.values())
        for values in qs.values_list(*paths).iterator(chunk_size=2000):
            yield dict(zip(self.fields, values, strict=True))

    def label(self, name: str) -> str:
        """The heading of a public field, in the language active now."""
        return str(self.labels[name]) if name in self.labels else readable(name)


class Headings(dict[str, StrOrPromise]):
    """Column headings given where a model field's verbose name does not fit (see `headings`)."""


def headings(**given: StrOrPromise) -> Headings:
    """Headings from the model's verbose names, written once on the model, except those
    given here: headings(slug=_("Identifier")) heads `slug` "Identifier" and `name`
    by the verbose name of the model's `name` field."""
    return Headings(given)


def heading(model: type[Model], name: str) -> StrOrPromise:
    """The verbose name of the model's field called `name`, capitalised (and translated
    when shown), or the name itself made readable if the model has no such field or
    Django made the field up (the automatic primary key, "ID")."""
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return readable(name)
    verbose = getattr(found, "verbose_name", None)  # a reverse relation has none
    return readable(name) if verbose is None or found.auto_created else capfirst(verbose)


def readable(name: str) -> str:
    return name.replace("_", " ").capitalize()


def same(*names: str) -> dict[str, str]:
    """Fields published under their own names; an argument may hold several, space-separated:
    same("code name", "kind") == {"code": "code", "name": "name", "kind": "kind"}."""
    return {name: name for names_ in names for name in names_.split()}


def linked(dataset: str, key_path: str, names: str) -> dict[str, Link]:
    """Links of public fields (space-separated: a name and its code, say) to one record
    of another dataset: linked("jurisdictions", "jurisdiction_id", "country country_code")."""
    return {name: Link(dataset, key_path) for name in names.split()}


def choices(options: Iterable[ModelChoices]) -> ChoiceList:
    """A filter's choices from model choices (an enumeration, or some of its members),
    labelled in the language of the request that reads them."""
    members = tuple(options)
    return lambda: [(str(option.value), str(option.label)) for option in members]


def present(model: type[Model], key: str, label: str, **where: Any) -> ChoiceList:
    """A filter's choices from the rows of `model` that public rows refer to. Let `where`
    name only published rows (transfers_in__published=True), so that no choice hints at
    a record that is not public."""

    def read() -> list[tuple[str, str]]:
        rows = model._default_manager.filter(**where).distinct()
        return [(str(value), str(text)) for value, text in rows.values_list(key, label)]

    return read


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
