"""Open data at /data/: every public register in CSV, JSON and NDJSON (streamed), a
Frictionless data package, FollowTheMoney entities, and the audit log's published
checkpoint beside them, so that a downloader can check what they hold.

Everything is read through the publication schemas (the portal names no model).
`/data/ocds/…` is left to the procurement app.
"""

import json
import re
from collections.abc import Iterator
from typing import Any

from django.db.models import (
    AutoField,
    BigAutoField,
    BooleanField,
    DateField,
    DateTimeField,
    DecimalField,
    FloatField,
    IntegerField,
    JSONField,
)
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from followthemoney import model as ftm
from followthemoney.proxy import EntityProxy

from oversight import __version__
from oversight.core import publication
from oversight.core.publication import Schema
from oversight.core.serialise import CONTENT_TYPES, write_rows
from oversight.portal import datasets, views
from oversight.portal.transparency import public_head

FORMATS = datasets.FORMATS


def _schema(name: str) -> Schema:
    try:
        return publication.get(name)
    except LookupError:
        raise Http404(name) from None


def index(request: HttpRequest) -> HttpResponse:
    head = public_head()
    registers = [(schema, schema.queryset().count()) for schema in views.in_order()]
    context = {"registers": registers, "formats": FORMATS, "head": head}
    return render(request, "portal/data_index.html", context)


def download(request: HttpRequest, dataset: str, fmt: str) -> StreamingHttpResponse:
    """A whole register, every public field, in its schema's order, as a stream."""
    schema = _schema(dataset)
    if fmt not in FORMATS:
        raise Http404(fmt)
    qs = schema.queryset()
    if not qs.ordered:
        qs = qs.order_by(datasets.key_path(schema))
    rows = write_rows(schema.fields, schema.rows(qs), fmt)
    response = StreamingHttpResponse(rows, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{schema.name}.{fmt}"'
    return response


def checkpoint(request: HttpRequest) -> HttpResponse:
    """The audit log's published checkpoint (origin, count, hash, time, one a line)."""
    return HttpResponse(public_head().text(), content_type="text/plain; charset=utf-8")


# --------------------------------------------------------------------------- Frictionless

_TYPES: list[tuple[type[Any], str]] = [
    (BooleanField, "boolean"),
    (AutoField, "integer"),
    (BigAutoField, "integer"),
    (IntegerField, "integer"),
    (DecimalField, "number"),
    (FloatField, "number"),
    (DateTimeField, "datetime"),  # before DateField, its parent
    (DateField, "date"),
]


def field_type(schema: Schema, name: str) -> str:
    """The Frictionless type of a public field, as its CSV cell reads."""
    path = schema.fields[name]
    if path.endswith("__year"):
        return "integer"
    found = datasets.model_field(schema.queryset().model, path)
    if isinstance(found, JSONField):
        default = found.default() if callable(found.default) else found.default
        return (
            "array"
            if isinstance(default, list)
            else "object"
            if isinstance(default, dict)
            else "any"
        )
    for kind, name_ in _TYPES:
        if isinstance(found, kind):
            return name_
    return "string" if found is not None else "any"


def _licence(text: str) -> dict[str, str]:
    name = re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-")[:60] or "other"
    return {"name": name, "title": text}


def resource(schema: Schema) -> dict[str, Any]:
    fields = [
        {"name": name, "title": schema.label(name), "type": field_type(schema, name)}
        for name in schema.fields
    ]
    described: dict[str, Any] = {
        "name": schema.name,
        "profile": "tabular-data-resource",
        "path": f"{schema.name}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": str(schema.title),
        "description": str(schema.description),
        "schema": {"fields": fields, "primaryKey": [schema.key]},
    }
    if schema.licence:
        described["licenses"] = [_licence(str(schema.licence))]
    if schema.sources:
        described["sources"] = [{"title": str(source)} for source in schema.sources]
    return described


def package(request: HttpRequest) -> JsonResponse:
    """/data/datapackage.json: every public register as a Frictionless tabular resource
    (paths relative to this file), with the audit log's published checkpoint."""
    head = public_head()
    descriptor = {
        "name": "oversight",
        "title": "Oversight: public registers of the surveillance technology trade",
        "description": (
            "Every public register of this Oversight instance (A/HRC/41/35): licensing "
            "decisions, licences, transfers, organisations, technologies, cases and more."
        ),
        "version": __version__,
        "homepage": request.build_absolute_uri(reverse("portal:data")),
        "profile": "tabular-data-package",
        "resources": [resource(schema) for schema in publication.all_schemas()],
        "oversight_audit_checkpoint": {
            "origin": head.origin,
            "count": head.count,
            "hash": head.hash,
            "time": head.time.isoformat(),
            "url": request.build_absolute_uri(reverse("portal:data_checkpoint")),
        },
    }
    return JsonResponse(descriptor, json_dumps_params={"ensure_ascii": False, "indent": 1})


# --------------------------------------------------------------------------- FollowTheMoney

PREFIX = "oversight"
KINDS = {"company": "Company", "agency": "PublicBody"}


def _id(kind: str, key: Any) -> str:
    return f"{PREFIX}-{kind}-{key}"


def _add(entity: EntityProxy, prop: str, value: Any) -> None:
    for item in value if isinstance(value, list | tuple) else [value]:
        if item not in (None, ""):
            entity.add(prop, str(item))


def organisation_entities(row: dict[str, Any]) -> Iterator[EntityProxy]:
    entity = ftm.make_entity(KINDS.get(str(row.get("kind")), "Organization"))
    entity.id = _id("org", row["slug"])
    _add(entity, "name", row["name"])
    _add(entity, "alias", row.get("aliases") or [])
    _add(entity, "country", (row.get("country_code") or "").lower())
    _add(entity, "website", row.get("website"))
    _add(entity, "description", row.get("description"))
    yield entity


def technology_entities(row: dict[str, Any]) -> Iterator[EntityProxy]:
    asset = ftm.make_entity("Asset")
    asset.id = _id("tech", row["slug"])
    _add(asset, "name", row["name"])
    _add(asset, "description", row.get("description"))
    _add(asset, "keywords", [row.get("category"), *(row.get("control_codes") or [])])
    yield asset
    if row.get("vendor_slug"):
        owner = ftm.make_entity("Ownership")
        owner.id = _id("tech-vendor", row["slug"])
        owner.add("owner", _id("org", row["vendor_slug"]))
        owner.add("asset", asset.id)
        owner.add("role", "vendor")
        yield owner


def transfer_entities(row: dict[str, Any]) -> Iterator[EntityProxy]:
    """A transfer as FtM models a sale: a Contract with its buyer (the end user), and a
    ContractAward to the supplier."""
    contract = ftm.make_entity("Contract")
    contract.id = _id("transfer", row["external_id"])
    _add(contract, "title", row.get("title") or row["external_id"])
    _add(contract, "country", (row.get("recipient_country_code") or "").lower())
    _add(contract, "description", row.get("goods"))
    _add(contract, "keywords", row.get("categories") or [])
    _add(contract, "contractDate", row.get("year"))
    _add(contract, "sourceUrl", row.get("source_links") or [])
    if row.get("end_user_slug"):
        contract.add("authority", _id("org", row["end_user_slug"]))
    yield contract
    if row.get("supplier_slug"):
        award = ftm.make_entity("ContractAward")
        award.id = _id("transfer-award", row["external_id"])
        award.add("contract", contract.id)
        award.add("supplier", _id("org", row["supplier_slug"]))
        _add(award, "date", row.get("year"))
        yield award


MAKERS = {
    "organisations": organisation_entities,
    "technologies": technology_entities,
    "transfers": transfer_entities,
}


def entities() -> Iterator[dict[str, Any]]:
    for name, make in MAKERS.items():
        for row in publication.get(name).rows():
            for entity in make(row):
                yield entity.to_dict()


def ftm_entities(request: HttpRequest) -> StreamingHttpResponse:
    """FollowTheMoney entities (one JSON object a line) for organisations, technologies
    and transfers, ready for `ftm` tools, Aleph or OpenSanctions' pipelines."""
    lines = (json.dumps(entity, ensure_ascii=False) + "\n" for entity in entities())
    response = StreamingHttpResponse(lines, content_type=CONTENT_TYPES["ndjson"])
    response["Content-Disposition"] = 'attachment; filename="oversight.ftm.ndjson"'
    return response
