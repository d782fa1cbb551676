"""The one search over every register: /search/ (HTML, works without JavaScript) and
the JSON of /api/v1/search, both from `core.fulltext` (the portal names no model)."""

from typing import Any

from django.http import HttpRequest, HttpResponseBase, QueryDict, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from oversight.core import fulltext
from oversight.core.publication import FACETS
from oversight.core.search import BadQuery
from oversight.core.serialise import CONTENT_TYPES, write_rows
from oversight.portal.datasets import record_url


def facet_labels() -> dict[str, str]:
    return {
        "dataset": _("Register"),
        "jurisdiction": _("Jurisdiction"),
        "destination": _("Destination"),
        "category": _("Technology category"),
        "control_entry": _("Control-list entry"),
        "outcome": _("Outcome"),
        "criterion": _("Review criterion"),
        "year": _("Year"),
    }


def with_params(params: QueryDict, **changes: str | None) -> str:
    """This page's query string with some parameters changed (None or '' removes one)."""
    query = params.copy()
    for name, value in changes.items():
        query.pop(name, None)
        if value:
            query[name] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def toggled(params: QueryDict, name: str, value: str) -> str:
    """The query string with this facet value added, or removed if it was chosen."""
    query = params.copy()
    query.pop("page", None)
    values = query.getlist(name)
    query.setlist(name, [v for v in values if v != value] if value in values else [*values, value])
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def result(hit: fulltext.Hit) -> dict[str, Any]:
    return {
        "dataset": hit.dataset,
        "key": hit.key,
        "title": hit.title,
        "title_html": str(hit.title_html),
        "snippet_html": str(hit.snippet_html),
        "year": hit.year,
        "url": record_url(hit.dataset, hit.key),
        "api_url": reverse("api:dataset_record", kwargs={"name": hit.dataset, "key": hit.key}),
    }


def answer(request: HttpRequest) -> dict[str, Any]:
    """The API's answer: count, results, facets ({name: [{value, label, count}]})."""
    found = fulltext.run(fulltext.parse(request.GET))
    page = found.search.page

    def link(number: int) -> str:
        return request.build_absolute_uri(
            request.path + with_params(request.GET, page=str(number))
        )

    return {
        "count": found.count,
        "page": page,
        "pages": found.pages,
        "next": link(page + 1) if page < found.pages else None,
        "previous": link(page - 1) if page > 1 else None,
        "results": [result(hit) for hit in found.hits],
        "facets": {
            name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
            for name, values in found.facets.items()
        },
    }


def search_page(request: HttpRequest) -> HttpResponseBase:
    params = request.GET
    context: dict[str, Any] = {"q": params.get("q", "").strip()[: fulltext.MAX_QUERY * 2]}
    try:
        fmt = params.get("format", "")
        if fmt and fmt != "csv":
            raise BadQuery(_("format: expected csv"), "format")
        search = fulltext.parse(params)
        if fmt:
            columns = ("dataset", "key", "title", "year", "url")
            response = StreamingHttpResponse(
                write_rows(columns, _rows(search), "csv"), content_type=CONTENT_TYPES["csv"]
            )
            response["Content-Disposition"] = 'attachment; filename="search.csv"'
            return response
        found = fulltext.run(search)
    except BadQuery as error:
        context["error"] = str(error)
        return render(request, "portal/search.html", context, status=400)
    labels = facet_labels()
    titles = {schema.name: str(schema.title) for schema in fulltext.schemas()}
    named = {(n, v.value): v.label for n, values in found.facets.items() for v in values}
    context |= {
        "found": found,
        "hits": [
            (hit, record_url(hit.dataset, hit.key), titles.get(hit.dataset, hit.dataset))
            for hit in found.hits
        ],
        "start": (found.search.page - 1) * fulltext.PAGE_SIZE + 1,
        "facets": [
            (name, labels[name], [(v, toggled(params, name, v.value)) for v in values])
            for name, values in found.facets.items()
            if values
        ],
        "chosen": [
            (labels[name], named.get((name, value), value), toggled(params, name, value))
            for name in FACETS
            for value in params.getlist(name)
            if value
        ],
        "sort": found.search.sort,
        "sorts": [
            ("relevance", _("Relevance")),
            ("newest", _("Newest first")),
            ("oldest", _("Oldest first")),
        ],
        "hidden": [(n, v) for n in FACETS for v in params.getlist(n) if v],
        "csv": with_params(params, format="csv", page=None),
        "previous": with_params(params, page=str(found.search.page - 1))
        if found.search.page > 1
        else "",
        "next": with_params(params, page=str(found.search.page + 1))
        if found.search.page < found.pages
        else "",
    }
    return render(request, "portal/search.html", context)


def _rows(search: fulltext.Search) -> Any:
    for row in fulltext.rows_for_download(search):
        yield {**row, "url": record_url(row["dataset"], row["key"])}
