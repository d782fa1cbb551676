"""Public pages: the home page, a list and a detail page for every public dataset."""

from dataclasses import dataclass
from typing import Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    QueryDict,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from oversight.core import fulltext, publication
from oversight.core.publication import Filter, Schema
from oversight.core.search import BadQuery
from oversight.core.serialise import CONTENT_TYPES, write_rows
from oversight.portal import datasets
from oversight.portal import search as search_page

PAGE_SIZE = 50


# The registers in the order a newcomer reads them; datasets added later follow.
ORDER = ("jurisdictions", "organisations", "technologies", "transfers", "licence-statistics")


def in_order() -> list[Schema]:
    rank = {name: index for index, name in enumerate(ORDER)}
    return sorted(publication.all_schemas(), key=lambda s: (rank.get(s.name, len(ORDER)), s.name))


def home(request: HttpRequest) -> HttpResponse:
    registers = [(schema, schema.queryset().count()) for schema in in_order()]
    return render(request, "portal/home.html", {"registers": registers})


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    selected: bool


@dataclass(frozen=True)
class Control:
    """One labelled filter control of the search form."""

    name: str
    label: str
    kind: str
    value: str
    options: tuple[Option, ...] = ()


def _control(flt: Filter, value: str) -> Control:
    if flt.kind == "bool":
        pairs = [("yes", _("Yes")), ("no", _("No"))]
    elif flt.kind == "choice" and flt.choices is not None:
        pairs = [(str(key), str(label)) for key, label in flt.choices()]
    else:
        return Control(flt.name, str(flt.label), "int" if flt.kind == "int" else "text", value)
    options = tuple(Option(key, label, key == value) for key, label in pairs)
    return Control(flt.name, str(flt.label), "select", value, options)


def _with(params: QueryDict, **changes: str) -> str:
    """This page's query string with some parameters changed ('' removes one)."""
    query = params.copy()
    for name, value in changes.items():
        query.pop(name, None)
        if value:
            query[name] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def _page(request: HttpRequest, rows: Any) -> Page[Any]:
    paginator = Paginator(rows, PAGE_SIZE, allow_empty_first_page=True)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except PageNotAnInteger:
        raise BadQuery(_("page: expected a whole number"), "page") from None
    except EmptyPage:
        pages = paginator.num_pages
        message = ngettext(
            "page: there is only %(pages)d page", "page: there are only %(pages)d pages", pages
        )
        raise BadQuery(message % {"pages": pages}, "page") from None


def dataset_list(request: HttpRequest, dataset: str) -> HttpResponseBase:
    schema = datasets.schema_or_404(dataset)
    params = request.GET
    context: dict[str, Any] = {"schema": schema, "q": params.get("q", "").strip()}
    context["controls"] = [
        _control(flt, params.get(flt.name, "").strip()) for flt in schema.filters
    ]
    try:
        fmt = params.get("format", "")
        if fmt and fmt not in datasets.FORMATS:
            raise BadQuery(_("format: expected csv, json or ndjson"), "format")
        query, qs = datasets.search(schema, params)
        if fmt:
            return _download(schema, qs, fmt)
        reader = datasets.Reader(schema, datasets.columns(schema))
        page = _page(request, reader.values(qs))
    except BadQuery as error:
        context["error"] = str(error)
        return render(request, "portal/dataset_list.html", context, status=400)
    context |= {
        "page": page,
        "rows": [reader.row(values) for values in page.object_list],
        "headers": [(name, schema.label(name)) for name in reader.names],
        "filtered": bool(query.text or query.filters),
        "facets": _facets(schema, qs, params),
        "downloads": [(fmt, _with(params, format=fmt, page="")) for fmt in datasets.FORMATS],
        "previous": _with(params, page=str(page.number - 1)) if page.has_previous() else "",
        "next": _with(params, page=str(page.number + 1)) if page.has_next() else "",
    }
    return render(request, "portal/dataset_list.html", context)


def _facets(schema: Schema, qs: Any, params: QueryDict) -> list[tuple[str, list[Any]]]:
    """The page's facet counts (those of the one search), each value a link that filters
    the page where the dataset has a filter for it."""
    labels = search_page.facet_labels()
    shown = []
    for name, values in fulltext.dataset_facets(schema, qs).items():
        facet = next(f for f in schema.facets if f.name == name)
        flt = next((f for f in schema.filters if f.name == name or f.lookup == facet.path), None)
        links = [
            (v, _with(params, **{flt.name: v.value, "page": ""}) if flt else "") for v in values
        ]
        if links:
            shown.append((labels[name], links[:15]))
    return shown


def _download(schema: Schema, qs: Any, fmt: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        write_rows(schema.fields, schema.rows(qs), fmt), content_type=CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{schema.name}.{fmt}"'
    return response


def record(request: HttpRequest, dataset: str, key: str) -> HttpResponse:
    schema = datasets.schema_or_404(dataset)
    row = datasets.detail(schema, key)
    if row is None:
        raise Http404(key)
    texts = {cell.name: ", ".join(p.text for p in cell.parts) for cell in row.cells}
    title = next((texts[name] for name in _TITLES if name in texts), row.key)
    related = datasets.related(schema, row.key)
    context = {"schema": schema, "row": row, "title": title, "related": related}
    return render(request, "portal/record.html", context)


_TITLES = ("name", "title", "code")


def about_data(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/about_data.html", {"schemas": in_order()})
