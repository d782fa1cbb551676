"""The API's one error shape: every refusal answers {status, message, errors per field}."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.test import Client
from ninja import Router, Schema
from ninja.security import HttpBearer
from ninja.testing import TestClient

from oversight.core.api import ErrorOut, OversightAPI, field_of
from oversight.core.rules import Reason, Verdict
from oversight.core.search import BadQuery
from oversight.core.transitions import IllegalTransition


class Bearer(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> str | None:
        return token if token == "good" else None


class Item(Schema):
    name: str
    quantity: int


class Order(Schema):
    items: list[Item]


router = Router()


@router.post("/refused")
def refused(request: HttpRequest) -> None:
    Verdict.of([Reason("Choose a destination.", "destination"), "Not yet."]).enforce()


@router.post("/invalid")
def invalid(request: HttpRequest) -> None:
    raise ValidationError(["Not today."])


@router.post("/order")
def order(request: HttpRequest, body: Order) -> int:
    return len(body.items)


@router.get("/count")
def count(request: HttpRequest, year: int) -> int:
    return year


@router.get("/forbidden")
def forbidden(request: HttpRequest) -> None:
    raise PermissionDenied("Only administrators.")


@router.get("/missing")
def missing(request: HttpRequest) -> None:
    raise Http404("secret detail")


@router.get("/query")
def query(request: HttpRequest) -> None:
    raise BadQuery("year: expected a year", "year")


@router.post("/move")
def move(request: HttpRequest) -> None:
    raise IllegalTransition("Licence L-1 cannot go from “revoked” to “suspended”")


@router.get("/mine", auth=Bearer())
def mine(request: HttpRequest) -> str:
    return "ok"


api = OversightAPI(urls_namespace="test-errors")
api.add_router("/", router)
client = TestClient(api)


def _error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    body: dict[str, Any] = response.json()
    assert set(body) == {"status", "message", "errors"}
    assert body["status"] == status and body["message"]
    ErrorOut.model_validate(body)
    return body


def test_it_answers_a_refusal_with_422_keyed_by_field() -> None:
    body = _error(client.post("/refused"), 422)
    assert body["errors"] == {"destination": ["Choose a destination."], "__all__": ["Not yet."]}


def test_it_answers_a_validation_error_about_no_field_under_all() -> None:
    assert _error(client.post("/invalid"), 422)["errors"] == {"__all__": ["Not today."]}


def test_it_names_the_field_of_a_request_that_does_not_validate() -> None:
    payload = {"items": [{"name": "probe", "quantity": 1}, {"name": "x", "quantity": "many"}]}
    errors = _error(client.post("/order", json=payload), 422)["errors"]
    assert list(errors) == ["items.1.quantity"]
    assert _error(client.get("/count?year=soon"), 422)["errors"].keys() == {"year"}
    assert _error(client.get("/count"), 422)["errors"].keys() == {"year"}


def test_it_answers_a_body_that_is_not_json_with_400() -> None:
    response = client.post("/order", body="{", content_type="application/json")
    assert _error(response, 400)["message"] == "Cannot parse request body"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"items": [{"name": "a", "quantity": 1}, {"name": "\\ud800", "quantity": 1}]}',
         "items.1.name"),
        ('{"items": [], "note": ["ok", "\\udfff"]}', "note.1"),
        ('{"items": [], "\\ud800": 1}', "__all__"),
    ],
)  # fmt: skip
def test_it_refuses_a_lone_surrogate_naming_the_field(body: str, field: str) -> None:
    response = client.post("/order", body=body, content_type="application/json")
    assert _error(response, 422)["errors"].keys() == {field}


def test_it_answers_forbidden_with_403_and_the_reason() -> None:
    assert _error(client.get("/forbidden"), 403)["message"] == "Only administrators."


def test_it_answers_missing_with_404_and_tells_nothing_more() -> None:
    body = _error(client.get("/missing"), 404)
    assert "secret" not in body["message"] and body["errors"] == {}


def test_it_answers_a_bad_query_parameter_with_400_naming_it() -> None:
    assert _error(client.get("/query"), 400)["errors"] == {"year": ["year: expected a year"]}


def test_it_answers_an_illegal_move_with_409() -> None:
    assert "cannot go from" in _error(client.post("/move"), 409)["message"]


def test_it_answers_no_token_or_a_bad_one_with_401() -> None:
    _error(client.get("/mine"), 401)
    _error(client.get("/mine", headers={"Authorization": "Bearer bad"}), 401)
    assert client.get("/mine", headers={"Authorization": "Bearer good"}).json() == "ok"


@pytest.mark.parametrize(
    ("location", "field"),
    [
        (("body", "payload", "victims", 0, "group"), "victims.0.group"),
        (("body", "payload"), "__all__"),
        (("query", "year"), "year"),
        (("path", "pk"), "pk"),
        ((), "__all__"),
    ],
)
def test_it_takes_the_field_from_the_location(location: tuple[Any, ...], field: str) -> None:
    assert field_of(location) == field


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    openapi: dict[str, Any] = Client().get("/api/v1/openapi.json").json()
    return openapi


def test_every_operation_documents_its_errors_with_the_one_schema(document: Any) -> None:
    operations = [op for path in document["paths"].values() for op in path.values()]
    assert len(operations) > 20
    for operation in operations:
        for status in ("401", "403", "404", "422"):
            content = operation["responses"][status]["content"]["application/json"]
            assert content["schema"] == {"$ref": "#/components/schemas/ErrorOut"}, (
                operation["operationId"],
                status,
            )
        for status, response in operation["responses"].items():
            if status.startswith(("4", "5")):
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorOut"}, operation


def test_the_one_error_schema_is_the_only_one(document: Any) -> None:
    schemas = document["components"]["schemas"]
    assert set(schemas["ErrorOut"]["required"]) == {"status", "message", "errors"}
    shaped_like_errors = [
        name
        for name, schema in schemas.items()
        if {"detail", "errors", "parameter"} & set(schema.get("properties", {}))
        and name != "ErrorOut"
    ]
    assert shaped_like_errors == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/companies/demo/misuse-reports/-2/status",  # {int:pk} matches no negative
        "/api/v1/transparency/log/entries/-1",
        "/api/v1/no-such-thing",
    ],
)
def test_it_answers_a_path_no_operation_matches_with_the_one_error_schema(path: str) -> None:
    """Found by the fuzzer: Django's HTML 404 page answered, which the document never lists."""
    for method in ("get", "post"):
        response = getattr(Client(enforce_csrf_checks=True), method)(path)
        assert response["Content-Type"].split(";")[0] == "application/json"
        assert _error(response, 404) == {"status": 404, "message": "Not found.", "errors": {}}
