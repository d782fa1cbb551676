"""The public read API: datasets, rows with filters and paging, records, the log head."""

from typing import Any

import pytest
from django.test import Client

from oversight.core import audit
from oversight.portal.tests.clock import yesterday
from oversight.portal.tests.conftest import get

pytestmark = pytest.mark.django_db


def test_it_lists_datasets_with_their_filters(client: Client, registry: Any) -> None:
    found = {d["name"]: d for d in get(client, "/api/v1/datasets").json()}
    transfers = found["t-transfers"]
    assert transfers["title"] == "Test transfers"
    assert transfers["count"] == 1
    assert [f["name"] for f in transfers["filters"]] == ["year", "recipient"]
    assert transfers["filters"][1]["choices"] == [{"value": "BH", "label": "Bahrain"}]
    assert {"name": "supplier", "label": "Supplier", "links_to": "t-organisations"} in transfers[
        "fields"
    ]


def test_it_pages_rows_with_limit_and_offset(client: Client, many_transfers: int) -> None:
    page = get(client, "/api/v1/datasets/t-transfers", limit="50", offset="100").json()
    assert page["count"] == many_transfers
    assert len(page["results"]) == many_transfers - 100
    assert page["next"] is None
    assert page["previous"].endswith("/api/v1/datasets/t-transfers?limit=50&offset=50")
    first = get(client, "/api/v1/datasets/t-transfers", limit="20").json()
    assert len(first["results"]) == 20 and first["previous"] is None
    assert "offset=20" in first["next"]
    assert set(first["results"][0]) == {
        "id",
        "title",
        "supplier",
        "recipient",
        "year",
        "source_links",
    }


def test_it_searches_and_filters_rows(client: Client, many_transfers: int) -> None:
    page = get(client, "/api/v1/datasets/t-transfers", q="finspy", recipient="BH").json()
    assert [row["id"] for row in page["results"]] == ["t-1"]
    assert get(client, "/api/v1/datasets/t-transfers", year="2003").json()["count"] == 12


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"year": "soon"}, "year"),
        ({"recipient": "ZZ"}, "recipient"),
        ({"limit": "0"}, "limit"),
        ({"limit": "5000"}, "limit"),
        ({"offset": "-1"}, "offset"),
    ],
)
def test_it_refuses_a_bad_parameter_by_name(
    client: Client, registry: Any, params: dict[str, str], parameter: str
) -> None:
    error = get(client, "/api/v1/datasets/t-transfers", 400, **params).json()
    assert list(error["errors"]) == [parameter]
    assert error["status"] == 400 and error["message"].startswith(f"{parameter}:")


def test_it_returns_one_record(client: Client, registry: Any) -> None:
    record = get(client, "/api/v1/datasets/t-transfers/t-1").json()
    assert record["title"] == "FinSpy to Bahrain"
    assert record["source_links"] == ["https://example.org/report"]
    get(client, "/api/v1/datasets/t-transfers/nope", 404)
    get(client, "/api/v1/datasets/nope", 404)
    get(client, "/api/v1/datasets/nope/x", 404)


def test_it_gives_the_log_head_and_public_entries(client: Client, registry: Any) -> None:
    with yesterday():
        audit.record("first", registry["vendor"], actor_label="someone")
        second = audit.record("second")
    audit.record("today")  # in tomorrow's checkpoint, not yet public
    head = get(client, "/api/v1/transparency/log/head").json()
    assert (head["count"], head["hash"]) == (2, second.hash)
    assert set(head) == {"origin", "count", "hash", "time", "root", "checkpoint", "cosignatures"}
    entry = get(client, "/api/v1/transparency/log/entries/1").json()
    assert set(entry) == {"seq", "hash", "prev_hash", "time", "action"}
    assert entry["action"] == "first"
    assert get(client, "/api/v1/transparency/log/entries/2").json()["prev_hash"] == entry["hash"]
    get(client, "/api/v1/transparency/log/entries/3", 404)


def test_it_describes_every_path_in_openapi(client: Client, db: None) -> None:
    paths = get(client, "/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/datasets",
        "/api/v1/datasets/{name}",
        "/api/v1/datasets/{name}/{key}",
        "/api/v1/transparency/log/head",
        "/api/v1/transparency/log/entries/{seq}",
        "/api/v1/transparency/log/checkpoint",
        "/api/v1/transparency/log/proof",
        "/api/v1/transparency/witness",
    ):
        assert path in paths, sorted(paths)
    params = {p["name"] for p in paths["/api/v1/datasets/{name}"]["get"]["parameters"]}
    assert {"name", "q", "limit", "offset"} <= params


def test_it_documents_each_api_path_as_the_router_that_serves_it() -> None:
    """`GET /api/v1/misuse-reports` is the assessing body's list (companies, a token); the
    dataset's own list must not be documented there too (the fuzzer found the clash):
    the public dataset is `GET /api/v1/datasets/misuse-reports`, its records stay."""
    document = Client().get("/api/v1/openapi.json").json()
    listed = document["paths"]["/api/v1/misuse-reports"]["get"]
    ok = listed["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok.get("type") == "array", (listed["operationId"], ok)
    assert Client().get("/api/v1/misuse-reports").status_code == 401
    assert "/api/v1/misuse-reports/{key}" in document["paths"]
    assert Client().get("/api/v1/datasets/misuse-reports").status_code == 200


def test_it_refuses_an_unknown_filter_and_lists_the_valid_ones(
    client: Client, many_transfers: int
) -> None:
    """A misspelt filter used to be ignored, so that it returned every row."""
    error = get(client, "/api/v1/datasets/t-transfers", 400, recipient_country="BH").json()
    assert list(error["errors"]) == ["recipient_country"]
    assert "recipient, year" in error["message"]
    page = get(client, "/t-transfers/", 400, recipient_country="BH")
    assert "recipient_country" in page.content.decode()
    assert get(client, "/t-transfers/", recipient="BH").status_code == 200


def test_it_answers_the_api_root_with_an_index(client: Client, db: None) -> None:
    """The README names /api/v1/ as the API: it answered 404."""
    index = get(client, "/api/v1/").json()
    assert index["openapi"] == "http://testserver/api/v1/openapi.json"
    assert index["docs"] == "http://testserver/api/v1/docs"
    assert index["datasets"] == "http://testserver/api/v1/datasets"
    assert index["open_data"] == "http://testserver/data/"
    for link in ("openapi", "datasets", "search", "transparency_log"):
        assert client.get(index[link]).status_code == 200, link
