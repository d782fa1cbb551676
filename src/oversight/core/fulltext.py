"""One search over every public register: full text, facets, ranking and highlights.

What is indexed comes from the publication schemas only: a schema's `search` paths
are its searchable text, its `facets` what is counted, and its `queryset` decides
which rows are public. Every schema with `search` paths is in the index.

The index (`SearchDocument`, `SearchFacet`) follows the rows it indexes in their own
transaction: `connect()` registers post_save and post_delete receivers for every
model that any schema reads (the model itself, and the models its field paths
reach through foreign keys), so a row that is saved is re-read through its schema's
queryset at once and indexed, re-indexed or, when it is no longer public, removed.
`reindex()` (`oversight search reindex`) rebuilds it from the rows.

Two engines behind one interface (`Engine`): SQLite FTS5 on the embedded default,
PostgreSQL full-text search (a generated `tsvector` column with a GIN index) at
scale. Both see the same words: text is cut into words here (letters and digits,
lower case), and a query is those words only, each a plain term that must occur,
so `"`, `*`, `NEAR`, `(`, `-` and `:` are searched as text, never as syntax.
"""

import hashlib
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from django.core.cache import caches
from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.db import connection, transaction
from django.db.models import Count, JSONField, Model, QuerySet
from django.db.models.expressions import Col
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from oversight.core import publication
from oversight.core.models import SearchDocument, SearchFacet
from oversight.core.publication import FACETS, Facet, Schema
from oversight.core.search import BadQuery

WORD = re.compile(r"[^\W_]+")
MAX_QUERY = 200  # characters of `q`
MAX_TERMS = 12
PAGE_SIZE = 20
MAX_PAGE = 500  # deeper than this, narrow the search (or download it)
TITLES = ("title", "name", "reference", "number", "code", "subject", "external_id")
SORTS = ("relevance", "newest", "oldest")


def words(text: str) -> list[str]:
    return [word.lower() for word in WORD.findall(text)]


def indexed(schema: Schema) -> bool:
    return bool(schema.search)


def schemas() -> list[Schema]:
    return [schema for schema in publication.all_schemas() if indexed(schema)]


# --------------------------------------------------------------------------- index


def _title_path(schema: Schema) -> str:
    name = next((name for name in TITLES if name in schema.fields), schema.key)
    return schema.fields[name]


@dataclass
class _Gathered:
    key: str = ""
    title: str = ""
    texts: list[str] = field(default_factory=list)  # every searchable value: the terms
    shown: list[str] = field(default_factory=list)  # of public fields only: the snippet
    facets: dict[tuple[str, str], str] = field(default_factory=dict)  # (name, value): label
    year: int | None = None


def _values(value: Any) -> list[Any]:
    if value is None or value == "":
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _year(value: Any) -> int | None:
    if isinstance(value, date):
        return value.year
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


class _Plan:
    """The paths a schema's documents are read from, in one values_list query."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        facet_paths = [p for f in schema.facets for p in (f.path, f.label_path) if p]
        paths = ["pk", schema.fields[schema.key], _title_path(schema)]
        paths += [*schema.search, *facet_paths]
        self.paths = list(dict.fromkeys(paths))

    def gather(self, rows: Iterable[Sequence[Any]]) -> dict[str, _Gathered]:
        """Rows (several per record when a path crosses a to-many relation) by pk."""
        found: dict[str, _Gathered] = {}
        for values in rows:
            at = dict(zip(self.paths, values, strict=True))
            doc = found.setdefault(str(at["pk"]), _Gathered())
            doc.key = str(at[self.schema.fields[self.schema.key]])
            doc.title = str(at[_title_path(self.schema)] or doc.key)[:300]
            public = set(self.schema.fields.values())
            for path in self.schema.search:
                for item in _values(at[path]):
                    if str(item) not in doc.texts:
                        doc.texts.append(str(item))
                        if path in public:  # a derived search column is never shown
                            doc.shown.append(str(item))
            for facet in self.schema.facets:
                label = str(at[facet.label_path] or "") if facet.label_path else ""
                for item in _values(at[facet.path]):
                    doc.facets[(facet.name, str(item)[:200])] = label[:300]
                    if facet.name == "year" and doc.year is None:
                        doc.year = _year(item)
        return found


def _write(schema: Schema, found: Mapping[str, _Gathered]) -> None:
    _index_changed()
    documents = [
        SearchDocument(
            dataset=schema.name,
            pk_text=pk,
            key=doc.key,
            title=doc.title,
            text=" · ".join(doc.shown),
            title_terms=" ".join(words(doc.title)),
            terms=" ".join(words(" ".join(doc.texts))),
            year=doc.year,
        )
        for pk, doc in found.items()
    ]
    SearchDocument.objects.bulk_create(documents, batch_size=500)
    facets = [
        (document.pk, name, value, label)
        for document in documents
        for (name, value), label in [
            *found[document.pk_text].facets.items(),
            (("dataset", schema.name), ""),
        ]
    ]
    # Plain executemany: the ORM's bulk_create spent more time compiling these small
    # rows (seven a document) than the database spent writing them (bench/RESULTS.md).
    table = SearchFacet._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (document_id, name, value, label) VALUES (%s, %s, %s, %s)",  # noqa: S608 - constant SQL, values as parameters
            facets,
        )


def index_rows(schema: Schema, pks: Iterable[Any]) -> None:
    """(Re-)index these rows of `schema`: those its queryset no longer gives leave."""
    keys = [pk for pk in dict.fromkeys(pks) if pk is not None]
    if not keys:
        return
    plan = _Plan(schema)
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        _drop(schema, [str(pk) for pk in chunk])
        rows = schema.queryset().filter(pk__in=chunk).order_by().values_list(*plan.paths)
        _write(schema, plan.gather(rows))


def index_saved(model: type[Model], pks: Iterable[Any]) -> None:
    """(Re-)index rows of `model` written without `save()` (bulk_create, bulk_update):
    the documents of the schemas that list the model itself. Rows of other schemas that
    show these rows are left as they are: call it only for rows that no other indexed
    row shows, or for new rows (which nothing shows yet)."""
    keys = list(pks)
    for reader in _readers().get(model, []):
        if not reader.prefix:
            index_rows(reader.schema, keys)


def _drop(schema: Schema, pks: list[str]) -> None:
    _index_changed()
    documents = SearchDocument.objects.filter(dataset=schema.name, pk_text__in=pks)
    SearchFacet.objects.filter(document__in=documents.values("id")).delete()
    documents.delete()


def build_if_empty(**kwargs: Any) -> None:
    """After `migrate`: an empty index over public rows is built (an upgrade, or rows the
    migrations load in bulk, such as the countries). A partial migrate is left alone."""
    using = str(kwargs.get("using", "default"))
    if using != "default" or SearchDocument.objects.exists():
        return
    tables = set(connection.introspection.table_names())
    if all(schema.queryset().model._meta.db_table in tables for schema in schemas()):
        with transaction.atomic():
            reindex()


def reindex(names: Iterable[str] = ()) -> dict[str, int]:
    """Rebuild the index of these datasets (all when none), from their public rows."""
    chosen = [publication.get(name) for name in names] or schemas()
    counts = {}
    for schema in chosen:
        documents = SearchDocument.objects.filter(dataset=schema.name)
        SearchFacet.objects.filter(document__in=documents.values("id")).delete()
        documents.delete()
        plan = _Plan(schema)
        rows = schema.queryset().order_by("pk").values_list(*plan.paths)
        counts[schema.name] = 0
        batch: list[Sequence[Any]] = []
        last: Any = object()
        for values in rows.iterator(chunk_size=2000):
            if len(batch) >= 2000 and values[0] != last:  # a record's rows stay together
                found = plan.gather(batch)
                _write(schema, found)
                counts[schema.name] += len(found)
                batch = []
            batch.append(values)
            last = values[0]
        found = plan.gather(batch)
        _write(schema, found)
        counts[schema.name] += len(found)
    return counts


@dataclass(frozen=True)
class _Reader:
    """A schema that reads `model`: itself (`prefix` "") or through a relation path, and
    the fields of `model` its documents or its queryset's conditions depend on."""

    schema: Schema
    prefix: str
    fields: frozenset[str]  # attnames on the related model; empty for the model itself


_READERS: dict[tuple[int, ...], dict[type[Model], list[_Reader]]] = {}


def _readers() -> dict[type[Model], list[_Reader]]:
    """Model -> the schemas that read it, for the schemas registered now (tests
    register some of their own for a while)."""
    indexed = schemas()
    key = tuple(id(schema) for schema in indexed)
    if key not in _READERS:
        _READERS.clear()
        _READERS[key] = _readers_of(indexed)
    return _READERS[key]


def _conditions(qs: QuerySet[Any]) -> set[tuple[type[Model], str]]:
    """The (model, attname) of every column the queryset's WHERE clause reads: the public
    queryset of comments reads their consultation's `closed_at`, say."""
    found: set[tuple[type[Model], str]] = set()

    def walk(node: Any) -> None:
        if isinstance(node, Col):
            found.add((node.target.model, node.target.attname))
        for child in getattr(node, "children", []) or []:
            walk(child)
        if hasattr(node, "get_source_expressions"):
            for expression in node.get_source_expressions():
                walk(expression)
        for side in ("lhs", "rhs"):
            if hasattr(node, side) and not isinstance(node, Col):
                walk(getattr(node, side))

    walk(qs.query.where)
    return found


def _readers_of(indexed: list[Schema]) -> dict[type[Model], list[_Reader]]:
    reads: dict[tuple[type[Model], int, str], set[str]] = defaultdict(set)
    by_id = {id(schema): schema for schema in indexed}
    for schema in indexed:
        qs = schema.queryset()
        model = qs.model
        reads[(model, id(schema), "")] = set()
        conditions = _conditions(qs)
        for path in _Plan(schema).paths:
            steps = path.split("__")
            current: Any = model
            for depth in range(1, len(steps)):
                try:
                    related = current._meta.get_field(steps[depth - 1]).related_model
                except FieldDoesNotExist:
                    break
                if not isinstance(related, type):
                    break
                prefix = "__".join(steps[:depth])
                fields = reads[(related, id(schema), prefix)]
                try:
                    fields.add(getattr(related, "_meta").get_field(steps[depth]).attname)  # noqa: B009
                except (FieldDoesNotExist, AttributeError):  # a lookup or a reverse relation
                    fields.add("*")
                fields.update(attname for owner, attname in conditions if owner is related)
                current = related
    readers: dict[type[Model], list[_Reader]] = defaultdict(list)
    for (model, schema_id, prefix), fields in reads.items():
        readers[model].append(_Reader(by_id[schema_id], prefix, frozenset(fields)))
    return dict(readers)


def _referring(instance: Model, changed: set[str] | None) -> list[tuple[Schema, list[Any]]]:
    """The indexed rows of other schemas whose documents show something of `instance`
    that changed (`changed` None: anything may have)."""
    found = []
    for reader in _readers().get(type(instance), []):
        if not reader.prefix:
            continue
        if changed is not None and "*" not in reader.fields and not changed & reader.fields:
            continue  # a moratorium declared changes no document that shows the country
        model = reader.schema.queryset().model
        rows = model._default_manager.filter(**{reader.prefix: instance.pk})
        found.append((reader.schema, list(rows.values_list("pk", flat=True))))
    return found


_BEFORE = "_search_before"
_PENDING = "_search_referring"


def _watched(sender: type[Model]) -> set[str]:
    fields: set[str] = set()
    for reader in _readers().get(sender, []):
        fields |= reader.fields
    return fields


def _saving(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    """Before a save of a row others show: what they show of it, to see what changes."""
    if raw or sender not in _readers() or instance._state.adding:
        return
    watched = sorted(_watched(sender) - {"*"})
    if watched and "*" not in _watched(sender):
        before = sender._default_manager.filter(pk=instance.pk).values(*watched).first()
        setattr(instance, _BEFORE, before)


def _changed(sender: type[Model], instance: Model, created: bool) -> set[str] | None:
    before = getattr(instance, _BEFORE, None)
    if created or before is None:
        return None
    delattr(instance, _BEFORE)
    return {name for name, value in before.items() if getattr(instance, name) != value}


def _saved(
    sender: type[Model], instance: Model, created: bool = False, raw: bool = False, **kwargs: Any
) -> None:
    if raw or sender not in _readers():
        return
    for reader in _readers()[sender]:
        if not reader.prefix:
            index_rows(reader.schema, [instance.pk])
    if not created:  # a new row is shown by no other row yet
        for schema, pks in _referring(instance, _changed(sender, instance, created)):
            index_rows(schema, pks)


def _deleting(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if sender in _readers():  # before the delete: the rows that refer to it still do
        setattr(instance, _PENDING, _referring(instance, None))


def _deleted(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if sender not in _readers():
        return
    for reader in _readers()[sender]:
        if not reader.prefix:
            _drop(reader.schema, [str(instance.pk)])
    for schema, pks in getattr(instance, _PENDING, []):
        index_rows(schema, pks)


def connect() -> None:
    """Keep the index in step with every save and delete (called once, at start-up)."""
    pre_save.connect(_saving, dispatch_uid="oversight.core.fulltext.saving")
    post_save.connect(_saved, dispatch_uid="oversight.core.fulltext.saved")
    pre_delete.connect(_deleting, dispatch_uid="oversight.core.fulltext.deleting")
    post_delete.connect(_deleted, dispatch_uid="oversight.core.fulltext.deleted")


# --------------------------------------------------------------------------- engines


class Engine(Protocol):
    """Turns words into the SQL that matches and ranks documents (alias `d`)."""

    def source(self, terms: Sequence[str]) -> tuple[str, list[Any]]:
        """FROM clause (with `d`), its WHERE conditions and their parameters."""
        ...

    def rank(self) -> str:
        """An ORDER BY expression, best first."""
        ...


class SQLiteFTS5:
    def source(self, terms: Sequence[str]) -> tuple[str, list[Any]]:
        if not terms:
            return "core_searchdocument d", []
        match = " ".join(f'"{term}"' for term in terms)  # words only: no quote inside
        # CROSS JOIN: SQLite keeps the full-text match as the outer loop. With a plain
        # JOIN its planner may walk the documents and probe the match once a document.
        return (
            "core_search_fts CROSS JOIN core_searchdocument d ON d.id = core_search_fts.rowid "
            "WHERE core_search_fts MATCH %s",
            [match],
        )

    def rank(self) -> str:
        return "bm25(core_search_fts, 4.0, 1.0)"


class PostgresFTS:
    def source(self, terms: Sequence[str]) -> tuple[str, list[Any]]:
        if not terms:
            return "core_searchdocument d", []
        return (
            "core_searchdocument d, plainto_tsquery('simple', %s) query WHERE d.vector @@ query",
            [" ".join(terms)],
        )

    def rank(self) -> str:
        return "ts_rank(d.vector, query) DESC"


def engine() -> Engine:
    return PostgresFTS() if connection.vendor == "postgresql" else SQLiteFTS5()


# --------------------------------------------------------------------------- queries


@dataclass(frozen=True)
class Search:
    text: str
    terms: tuple[str, ...]
    filters: dict[str, tuple[str, ...]]
    facets: tuple[str, ...]
    sort: str = "relevance"
    page: int = 1


@dataclass(frozen=True)
class Hit:
    dataset: str
    key: str
    title: str
    title_html: SafeString  # escaped, matches in <mark>
    snippet_html: SafeString
    year: int | None


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Found:
    search: Search
    count: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // PAGE_SIZE))


PARAMETERS = frozenset({"q", "page", "facets", "sort", "format", *FACETS})


def parse(params: Any, extra: Iterable[str] = ()) -> Search:
    """A search from query parameters (a QueryDict); BadQuery naming the parameter if bad.
    `extra` are parameters the caller reads itself (the page's own)."""
    for name in params:
        if name not in PARAMETERS and name not in extra:
            raise BadQuery(_("%(name)s: not a search parameter") % {"name": name}, name)
    text = (params.get("q") or "").strip()
    if len(text) > MAX_QUERY:
        raise BadQuery(
            _("q: at most %(most)d characters, got %(got)d")
            % {"most": MAX_QUERY, "got": len(text)},
            "q",
        )
    terms = tuple(dict.fromkeys(words(text)))
    if len(terms) > MAX_TERMS:
        raise BadQuery(_("q: at most %(most)d words") % {"most": MAX_TERMS}, "q")
    filters = {}
    for name in FACETS:
        values = tuple(v.strip() for v in params.getlist(name) if v.strip())
        for value in values:
            _check(name, value)
        if values:
            filters[name] = values
    chosen = [n.strip() for n in (params.get("facets") or "").split(",") if n.strip()]
    for name in chosen:
        if name not in FACETS:
            raise BadQuery(_("facets: “%(name)s” is not a facet") % {"name": name[:50]}, "facets")
    sort = (params.get("sort") or "relevance").strip()
    if sort not in SORTS:
        raise BadQuery(_("sort: expected relevance, newest or oldest"), "sort")
    page_text = (params.get("page") or "1").strip()
    if not re.fullmatch(r"[0-9]{1,6}", page_text) or not 1 <= int(page_text) <= MAX_PAGE:
        raise BadQuery(
            _("page: expected a whole number from 1 to %(most)d") % {"most": MAX_PAGE}, "page"
        )
    return Search(text, terms, filters, tuple(chosen) or FACETS, sort, int(page_text))


def _check(name: str, value: str) -> None:
    if name == "year" and not re.fullmatch(r"[0-9]{1,4}", value):
        raise BadQuery(_("year: expected a year, got “%(value)s”") % {"value": value[:20]}, name)
    if name == "dataset" and value not in {schema.name for schema in schemas()}:
        raise BadQuery(
            _("dataset: no searchable dataset called “%(value)s”") % {"value": value[:50]}, name
        )
    if len(value) > 200:
        raise BadQuery(_("%(name)s: at most 200 characters") % {"name": name}, name)


def _where(search: Search) -> tuple[list[str], list[Any]]:
    conditions, params = [], []
    for name, values in search.filters.items():
        marks = ", ".join(["%s"] * len(values))
        if name == "dataset":
            conditions.append(f"d.dataset IN ({marks})")
        else:
            # A probe a matching document (index document, name), not the list of every
            # document with the value: "outcome = issued" is nearly all of them.
            conditions.append(
                "EXISTS (SELECT 1 FROM core_searchfacet x WHERE x.document_id = d.id "  # noqa: S608 - constant SQL, values as parameters
                f"AND x.name = %s AND x.value IN ({marks}))"
            )
            params.append(name)
        params.extend(values)
    return conditions, params


def _matching(search: Search) -> tuple[str, list[Any]]:
    """FROM … WHERE … of the documents matching the words and the filters."""
    source, params = engine().source(search.terms)
    conditions, more = _where(search)
    if search.text and not search.terms:
        conditions.append("1 = 0")  # only signs, no word: nothing has those words
    if conditions:
        source += (" AND " if " WHERE " in source else " WHERE ") + " AND ".join(conditions)
    return source, params + more


def run(search: Search) -> Found:
    """The page of hits, the count and the facets. A search asked again while the index
    is unchanged is answered from the cache (`_cached`)."""
    found: Found = _cached(search, lambda: _run(search))
    return found


def _run(search: Search) -> Found:
    source, params = _matching(search)
    order = {
        "relevance": f"{engine().rank()}, d.id"
        if search.terms
        else "d.year DESC NULLS LAST, d.id DESC",
        "newest": "d.year DESC NULLS LAST, d.id DESC",
        "oldest": "d.year ASC NULLS LAST, d.id ASC",
    }[search.sort]
    with connection.cursor() as cursor:
        count, facets = _count_and_facets(cursor, search, source, params)
        offset = (search.page - 1) * PAGE_SIZE
        if offset and offset >= count:
            pages = max(1, -(-count // PAGE_SIZE))
            message = ngettext(
                "page: there is only %(pages)d page of results",
                "page: there are only %(pages)d pages of results",
                pages,
            )
            raise BadQuery(message % {"pages": pages}, "page")
        rows = []
        if count:
            cursor.execute(
                f"SELECT d.dataset, d.key, d.title, d.text, d.year FROM {source} "  # noqa: S608 - constant SQL, values as parameters
                f"ORDER BY {order} LIMIT %s OFFSET %s",
                [*params, PAGE_SIZE, offset],
            )
            rows = cursor.fetchall()
    hits = [
        Hit(
            dataset,
            key,
            title,
            highlight(title, search.terms),
            snippet(text, search.terms),
            year,
        )
        for dataset, key, title, text, year in rows
    ]
    return Found(search, count, hits, facets)


def _count_and_facets(
    cursor: Any, search: Search, source: str, params: list[Any]
) -> tuple[int, dict[str, list[FacetValue]]]:
    """The count and every requested facet's counts over the matching documents, in one
    pass over the matches: each matching document's facet rows are read by its id (index
    document, name). The count is the sum of the `dataset` facet, which every document
    has exactly once (`_write`)."""
    names = tuple(dict.fromkeys(("dataset", *search.facets)))
    marks = ", ".join(["%s"] * len(names))
    join = "CROSS JOIN" if connection.vendor == "sqlite" else "JOIN"  # matches outermost
    cursor.execute(
        "SELECT f.name, f.value, max(f.label), count(*) "  # noqa: S608 - constant SQL, values as parameters
        f"FROM (SELECT d.id FROM {source}) m {join} core_searchfacet f "
        f"ON f.document_id = m.id AND f.name IN ({marks}) GROUP BY f.name, f.value",
        [*params, *names],
    )
    labels = choice_labels()
    counted: dict[str, list[FacetValue]] = {name: [] for name in search.facets}
    count = 0
    for name, value, label, n in cursor.fetchall():
        if name == "dataset":
            count += n
        if name not in counted:
            continue
        shown = label or labels.get(name, {}).get(value) or value
        selected = value in search.filters.get(name, ())
        counted[name].append(FacetValue(value, str(shown), n, selected))
    for values in counted.values():
        values.sort(key=lambda item: (-item.count, item.label))
    return count, counted if count else {}


# --------------------------------------------------------------------------- cache

CACHE_VERSION_KEY = "oversight.fulltext.version"
CACHE_SECONDS = 600


def _version() -> str | None:
    """The index's version: a fresh random value written (shared by every worker
    process, in the `limits` cache, a database table) after each commit that changed
    the index. None while a transaction is open: what it sees may not be committed."""
    if connection.in_atomic_block:
        return None
    shared = caches["limits"]
    version = shared.get(CACHE_VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        shared.set(CACHE_VERSION_KEY, version, None)
    return str(version)


def _index_changed() -> None:
    """Called by every write to the index: after the commit, searches cached before it
    are stale."""
    transaction.on_commit(lambda: caches["limits"].set(CACHE_VERSION_KEY, uuid.uuid4().hex, None))


def _cached(what: Any, compute: Any) -> Any:
    """Hot searches from this process's memory, keyed by `what` (the search), the
    language and the index's version; a search that raises (a page past the end) is
    not kept."""
    version = _version()
    if version is None:
        return compute()
    key = (
        "oversight.fulltext:"
        + hashlib.sha256(repr((version, get_language(), what)).encode()).hexdigest()
    )
    found = caches["default"].get(key)
    if found is None:
        found = compute()
        caches["default"].set(key, found, CACHE_SECONDS)
    return found


def choice_labels() -> dict[str, dict[str, str]]:
    """Labels of facet values that are codes, in the active language: the datasets'
    titles, and the choices of each schema's filter or model field behind a facet."""
    labels: dict[str, dict[str, str]] = {"dataset": {s.name: str(s.title) for s in schemas()}}
    for schema in schemas():
        for facet in schema.facets:
            if facet.label_path:
                continue
            found = labels.setdefault(facet.name, {})
            for value, label in _choices(schema, facet):
                found.setdefault(value, label)
    return labels


def _choices(schema: Schema, facet: Facet) -> list[tuple[str, str]]:
    for flt in schema.filters:
        if flt.name == facet.name and flt.choices is not None:
            return [(str(v), str(label)) for v, label in flt.choices()]
    model_field = _field(schema.queryset().model, facet.path)
    return [(str(v), str(label)) for v, label in getattr(model_field, "flatchoices", None) or []]


def _field(model: type[Model], path: str) -> Any:
    try:
        for step in path.split("__")[:-1]:
            model = model._meta.get_field(step).related_model  # type: ignore[assignment]
        return model._meta.get_field(path.split("__")[-1])
    except Exception:
        return None


# --------------------------------------------------------------------------- highlight


def highlight(text: str, terms: Sequence[str]) -> SafeString:
    """`text` escaped for HTML, each word that is a search term in <mark>."""
    wanted = set(terms)
    out: list[str] = []
    last = 0
    for match in WORD.finditer(text):
        if match.group().lower() in wanted:
            out.append(escape(text[last : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above


def snippet(text: str, terms: Sequence[str], width: int = 240) -> SafeString:
    """Up to `width` characters around the first match, highlighted."""
    wanted = set(terms)
    start = 0
    for match in WORD.finditer(text):
        if match.group().lower() in wanted:
            start = max(0, match.start() - width // 3)
            break
    piece = text[start : start + width]
    prefix = "… " if start else ""
    suffix = " …" if start + width < len(text) else ""
    return mark_safe(  # noqa: S308 - highlight escapes
        escape(prefix) + highlight(piece, terms) + escape(suffix)
    )


# --------------------------------------------------------------------------- one dataset


def dataset_facets(schema: Schema, qs: QuerySet[Any]) -> dict[str, list[FacetValue]]:
    """The facet counts of a dataset page's rows (its own filters and search applied).
    Cached like a search when the dataset is indexed: a change to any of its public rows
    (or to what they show) re-indexes the row, which renews the index's version."""
    if not indexed(schema):
        return _dataset_facets(schema, qs)
    try:
        sql = str(qs.query)  # the rows' query, with its parameters
    except EmptyResultSet:
        return _dataset_facets(schema, qs)
    result: dict[str, list[FacetValue]] = _cached(
        ("dataset", schema.name, sql), lambda: _dataset_facets(schema, qs)
    )
    return result


def _dataset_facets(schema: Schema, qs: QuerySet[Any]) -> dict[str, list[FacetValue]]:
    counted: dict[str, list[FacetValue]] = {}
    labels = choice_labels()
    model = schema.queryset().model
    for facet in schema.facets:
        paths = [facet.path, *([facet.label_path] if facet.label_path else [])]
        groups = qs.order_by().values(*paths).annotate(n=Count("pk", distinct=True))
        totals: dict[str, list[Any]] = {}
        listed = isinstance(_field(model, facet.path), JSONField)
        for group in groups:
            label = str(group.get(facet.label_path) or "") if facet.label_path else ""
            for item in _values(group[facet.path]) if listed else [group[facet.path]]:
                if item is None or item == "":
                    continue
                entry = totals.setdefault(str(item), [label, 0])
                entry[1] += group["n"]
        counted[facet.name] = sorted(
            (
                FacetValue(value, label or labels.get(facet.name, {}).get(value, value), n)
                for value, (label, n) in totals.items()
            ),
            key=lambda item: (-item.count, item.label),
        )
    return counted


def rows_for_download(search: Search) -> Iterator[dict[str, Any]]:
    """Every matching document (not only a page), best first, for a CSV of the result."""
    source, params = _matching(search)
    order = f"{engine().rank()}, d.id" if search.terms else "d.year DESC NULLS LAST, d.id DESC"
    with connection.chunked_cursor() as cursor:  # PostgreSQL: a server-side cursor
        cursor.execute(
            f"SELECT d.dataset, d.key, d.title, d.year FROM {source} ORDER BY {order}",  # noqa: S608 - constant SQL, values as parameters
            params,
        )
        while batch := cursor.fetchmany(2000):
            for dataset, key, title, year in batch:
                yield {"dataset": dataset, "key": key, "title": title, "year": year}
