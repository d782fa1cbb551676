"""Read-only public API over every publication schema (mounted at /api/v1/).

One generic set of endpoints serves every dataset; each dataset also gets its own
path (/api/v1/transfers …) whose OpenAPI entry lists that dataset's filters.
Query parameters are validated here, not by ninja, so that every bad value gets
the same 400 naming the parameter as the HTML pages give (`BadQuery`, answered in
the one error shape of core.api).
"""

import re
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema
from ninja.errors import HttpError

from oversight.core import publication
from oversight.core.api import ErrorOut
from oversight.core.publication import Schema as Dataset
from oversight.core.search import BadQuery
from oversight.portal import datasets
from oversight.portal import search as one_search
from oversight.portal.transparency import (
    PUBLIC_ENTRY_FIELDS,
    cosigned_note,
    latest_cosignatures,
    public_entries,
    public_head,
    published_entries,
    signed_head,
)

WHOLE = re.compile(r"[0-9]{1,18}")  # ASCII digits: "²".isdigit() is true, int("²") fails
DEFAULT_LIMIT = 50
MAX_LIMIT = 500
RESERVED = {"datasets", "transparency", "me", "docs", "openapi.json", "search"}
# Datasets whose list path another router owns (registered before this one, so it serves
# it): `GET /api/v1/misuse-reports` is the assessing body's list (companies.api). Their
# list stays at /api/v1/datasets/<name>, their records at /api/v1/<name>/<key>.
LIST_OWNED_ELSEWHERE = {"misuse-reports"}

router = Router()


def _parameter(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


_KINDS: dict[str, dict[str, Any]] = {
    "bool": {"type": "string", "enum": ["yes", "no"]},
    "int": {"type": "integer"},
}
PAGING = [
    _parameter("q", "Words to search for.", {"type": "string"}),
    _parameter("limit", f"Rows per page, 1 to {MAX_LIMIT}.", {"type": "integer"}),
    _parameter("offset", "Rows to skip.", {"type": "integer"}),
]


class Choice(Schema):
    value: str
    label: str


class FilterOut(Schema):
    name: str
    label: str
    kind: str
    choices: list[Choice] | None


class FieldOut(Schema):
    name: str
    label: str
    links_to: str | None


class DatasetOut(Schema):
    name: str
    title: str
    description: str
    key: str
    fields: list[FieldOut]
    filters: list[FilterOut]
    licence: str
    sources: list[str]
    count: int


class Page(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[dict[str, Any]]


class Cosigned(Schema):
    witness: str
    url: str
    key: str
    size: int
    root: str
    time: int
    line: str


class Head(Schema):
    origin: str
    count: int
    hash: str
    time: datetime
    root: str  # base64 RFC 9162 Merkle root over the first `count` entries' hashes
    checkpoint: str  # the signed note, with its witnesses' cosignatures
    cosignatures: list[Cosigned]  # each witness's latest cosignature of this log


class Entry(Schema):
    seq: int
    hash: str
    prev_hash: str
    time: datetime
    action: str


def _describe(schema: Dataset) -> dict[str, Any]:
    filters = [
        {
            "name": flt.name,
            "label": str(flt.label),
            "kind": flt.kind,
            "choices": [{"value": str(v), "label": str(lb)} for v, lb in flt.choices()]
            if flt.choices
            else None,
        }
        for flt in schema.filters
    ]
    fields = [
        {"name": name, "label": schema.label(name), "links_to": getattr(link, "dataset", None)}
        for name in schema.fields
        for link in [schema.links.get(name)]
    ]
    return {
        "name": schema.name,
        "title": str(schema.title),
        "description": str(schema.description),
        "key": schema.key,
        "fields": fields,
        "filters": filters,
        "licence": str(schema.licence),
        "sources": [str(source) for source in schema.sources],
        "count": schema.queryset().count(),
    }


class IndexOut(Schema):
    openapi: str
    docs: str
    datasets: str
    search: str
    open_data: str
    transparency_log: str


@router.get("", response=IndexOut, tags=["public data"])
def index(request: HttpRequest) -> dict[str, str]:
    """Where to start: the OpenAPI document, its docs, the datasets, search and open data."""
    url = request.build_absolute_uri
    return {
        "openapi": url(reverse("api:openapi-json")),
        "docs": url(reverse("api:openapi-view")),
        "datasets": url(reverse("api:list_datasets")),
        "search": url(reverse("api:search")),
        "open_data": url(reverse("portal:data")),
        "transparency_log": url(reverse("api:log_head")),
    }


@router.get("/datasets", response=list[DatasetOut], tags=["public data"])
def list_datasets(request: HttpRequest) -> list[dict[str, Any]]:
    """Every public dataset: what it holds, its fields, filters, licence and sources."""
    return [_describe(schema) for schema in publication.all_schemas()]


def _number(request: HttpRequest, name: str, default: int, top: int | None) -> int:
    text = request.GET.get(name, "").strip()
    if not text:
        return default
    if not WHOLE.fullmatch(text) or (top is not None and not 0 < int(text) <= top):
        limit = f"1 to {top}" if top else "0 or more"
        raise BadQuery(f"{name}: expected a whole number from {limit}, got “{text}”", name)
    return int(text)


def _link(request: HttpRequest, offset: int | None, limit: int) -> str | None:
    if offset is None:
        return None
    query = request.GET.copy()
    query["offset"], query["limit"] = str(offset), str(limit)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _rows(request: HttpRequest, name: str) -> Page:
    schema = publication.get(name)
    limit = _number(request, "limit", DEFAULT_LIMIT, MAX_LIMIT)
    offset = _number(request, "offset", 0, None)
    _query, qs = datasets.search(schema, request.GET)
    count = qs.count()
    results = list(schema.rows(qs[offset : offset + limit]))
    after = offset + limit if offset + limit < count else None
    before = max(0, offset - limit) if offset > 0 else None
    page = Page(
        count=count,
        next=_link(request, after, limit),
        previous=_link(request, before, limit),
        results=results,
    )
    return page


def _missing(what: str) -> HttpError:
    return HttpError(404, f"no public {what}")


BAD_QUERY = {400: ErrorOut}  # a filter, limit or offset that makes no sense, named


@router.get(
    "/datasets/{name}",
    response={200: Page, **BAD_QUERY},
    tags=["public data"],
    openapi_extra={"parameters": PAGING},
)
def dataset_rows(request: HttpRequest, name: str) -> Page:
    """Rows of a public dataset; `q` searches, the dataset's filters are query parameters."""
    if name not in {schema.name for schema in publication.all_schemas()}:
        raise _missing(f"dataset called “{name}”")
    return _rows(request, name)


@router.get("/datasets/{name}/{path:key}", response=dict[str, Any], tags=["public data"])
def dataset_record(request: HttpRequest, name: str, key: str) -> dict[str, Any]:
    """One public record, every public field."""
    try:
        schema = publication.get(name)
    except LookupError:
        raise _missing(f"dataset called “{name}”") from None
    row = datasets.find(schema, key)
    if row is None:
        raise _missing(f"record “{key}” in {name}")
    return row


class FacetCount(Schema):
    value: str
    label: str
    count: int


class Hit(Schema):
    dataset: str
    key: str
    title: str
    title_html: str
    snippet_html: str
    year: int | None
    url: str
    api_url: str


class SearchOut(Schema):
    count: int
    page: int
    pages: int
    next: str | None
    previous: str | None
    results: list[Hit]
    facets: dict[str, list[FacetCount]]


SEARCH_PARAMETERS = [
    _parameter(
        "q",
        "Words to search for (at most 200 characters); every word must occur. "
        "Quotes, *, NEAR, brackets, - and : are searched as text.",
        {"type": "string"},
    ),
    _parameter("dataset", "Only this register (repeat for several).", {"type": "string"}),
    _parameter(
        "jurisdiction",
        "ISO code of the exporting, licensing or concerned State.",
        {"type": "string"},
    ),
    _parameter(
        "destination", "ISO code of the destination or recipient country.", {"type": "string"}
    ),
    _parameter("category", "Technology category code.", {"type": "string"}),
    _parameter("control_entry", "Control-list entry, e.g. 5.A.2.", {"type": "string"}),
    _parameter("outcome", "Decision outcome code, e.g. refused.", {"type": "string"}),
    _parameter("criterion", "Human rights review criterion code.", {"type": "string"}),
    _parameter("year", "Year.", {"type": "integer"}),
    _parameter(
        "facets",
        "Comma-separated facets to count (default: all): dataset, "
        "jurisdiction, destination, category, control_entry, outcome, criterion, year.",
        {"type": "string"},
    ),
    _parameter("sort", "relevance (default), newest or oldest.", {"type": "string"}),
    _parameter("page", "Page of 20 results, 1 to 500.", {"type": "integer"}),
]


@router.get(
    "/search",
    response={200: SearchOut, **BAD_QUERY},
    tags=["public data"],
    openapi_extra={"parameters": SEARCH_PARAMETERS},
)
def search(request: HttpRequest) -> dict[str, Any]:
    """One search over every public register: ranked results with matches highlighted
    (HTML-escaped, matches in <mark>), and counts per facet over every matching record.
    A filter given several times matches any of its values; filters of different names
    must all match. An unknown parameter, facet or page is a 400 naming it."""
    return one_search.answer(request)


@router.get("/transparency/log/head", response=Head, tags=["transparency"])
def log_head(request: HttpRequest) -> dict[str, Any]:
    """The audit log's published checkpoint: the log as it stood at the last midnight
    UTC (never the live head). Record it, and check it later against entries/{count}."""
    signed = signed_head()
    head = signed.head
    return {
        "origin": head.origin,
        "count": head.count,
        "hash": head.hash,
        "time": head.time,
        "root": signed.tree.root_b64,
        "checkpoint": cosigned_note(signed),
        "cosignatures": latest_cosignatures(),
    }


@router.get("/transparency/log/entries/{int:seq}", response=Entry, tags=["transparency"])
def log_entry(request: HttpRequest, seq: int) -> dict[str, Any]:
    """One entry's public part: its number, day, action and hash (never actor or object).
    Only entries covered by the published checkpoint; the action is "restricted" on a
    day with a complaint."""
    rows = published_entries(public_head()).filter(seq=seq).values_list(*PUBLIC_ENTRY_FIELDS)
    found = public_entries(list(rows))
    if not found:
        raise _missing(f"audit entry #{seq}")
    return {**found[0], "time": found[0]["at"]}


def parameters(schema: Dataset) -> list[dict[str, Any]]:
    """The OpenAPI query parameters of a dataset's own path: paging, search, its filters."""
    filters = [
        _parameter(flt.name, str(flt.label), _KINDS.get(flt.kind, {"type": "string"}))
        for flt in schema.filters
    ]
    return [*PAGING, *filters]


def add_dataset_paths(schema: Dataset) -> None:
    """/api/v1/<dataset> and /api/v1/<dataset>/<key>, documented with the dataset's filters."""
    name = schema.name

    def rows(request: HttpRequest) -> Page:
        return _rows(request, name)

    def record(request: HttpRequest, key: str) -> dict[str, Any]:
        return dataset_record(request, name, key)

    ident = name.replace("-", "_")
    if name not in LIST_OWNED_ELSEWHERE:
        router.add_api_operation(
            f"/{name}",
            ["GET"],
            rows,
            response={200: Page, **BAD_QUERY},
            operation_id=f"list_{ident}",
            summary=str(schema.title),
            description=str(schema.description),
            tags=["datasets"],
            openapi_extra={"parameters": parameters(schema)},
        )
    router.add_api_operation(
        f"/{name}/{{path:key}}",
        ["GET"],
        record,
        response=dict[str, Any],
        operation_id=f"get_{ident}",
        summary=f"One record of {schema.title}",
        tags=["datasets"],
    )


for _schema in publication.all_schemas():
    if _schema.name not in RESERVED:
        add_dataset_paths(_schema)
