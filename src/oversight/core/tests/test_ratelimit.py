"""The public API and open data: CORS for reading from any page, and per-client limits
that answer 429 with Retry-After, counted in the database that every worker shares."""

from typing import Any

import pytest
from django.test import Client

from oversight.core import ratelimit
from oversight.core.models import RateCount

pytestmark = pytest.mark.django_db


@pytest.fixture
def limit(settings: Any, monkeypatch: pytest.MonkeyPatch) -> int:
    settings.API_REQUESTS_PER_MINUTE = 3
    monkeypatch.setattr(ratelimit, "clock", lambda: 1_000_000 * 60 + 15.0)  # 45 s to go
    return 3


def test_a_client_over_its_limit_gets_429_with_retry_after(client: Client, limit: int) -> None:
    for _ in range(limit):
        assert client.get("/api/v1/datasets").status_code == 200
    refused = client.get("/data/datapackage.json")
    assert refused.status_code == 429 and refused["Retry-After"] == "45"
    assert refused.json()["status"] == 429
    other = Client(REMOTE_ADDR="192.0.2.7")  # another client has its own budget
    assert other.get("/api/v1/datasets").status_code == 200


def test_the_count_is_shared_by_every_worker_and_holds_no_address(
    client: Client, limit: int
) -> None:
    client.get("/api/v1/datasets", REMOTE_ADDR="203.0.113.9")
    row = RateCount.objects.get()
    assert row.count == 1 and "203.0.113.9" not in row.client and len(row.client) == 40
    RateCount.objects.filter(pk=row.pk).update(count=limit)  # another process's requests
    assert client.get("/api/v1/datasets", REMOTE_ADDR="203.0.113.9").status_code == 429


def test_a_token_is_its_own_client_and_pages_are_never_limited(client: Client, limit: int) -> None:
    for _ in range(limit + 2):
        assert client.get("/search/").status_code == 200  # pages: no limit, no count
        assert client.get("/report/status/").status_code == 200
    assert not RateCount.objects.exists()
    for _ in range(limit):
        client.get("/api/v1/datasets")
    assert client.get("/api/v1/datasets").status_code == 429
    with_token = client.get("/api/v1/datasets", HTTP_AUTHORIZATION="Bearer ovt_someone")
    assert with_token.status_code == 200


def test_old_minutes_are_forgotten(client: Client, limit: int, monkeypatch: Any) -> None:
    client.get("/api/v1/datasets")
    monkeypatch.setattr(ratelimit, "clock", lambda: 1_000_003 * 60 + 1.0)
    client.get("/api/v1/datasets")
    assert list(RateCount.objects.values_list("window", flat=True)) == [1_000_003]


def test_any_page_may_read_the_public_api_but_not_write_or_send_credentials(
    client: Client, db: None
) -> None:
    read = client.get("/api/v1/search", HTTP_ORIGIN="https://newsroom.example")
    assert read["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in read
    data = client.get("/data/datapackage.json", HTTP_ORIGIN="https://newsroom.example")
    assert data["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/licensing/applications",
        HTTP_ORIGIN="https://newsroom.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )
    assert "POST" not in preflight.get("Access-Control-Allow-Methods", "")
    assert "authorization" not in preflight.get("Access-Control-Allow-Headers", "")
    page = client.get("/report/status/", HTTP_ORIGIN="https://newsroom.example")
    assert "Access-Control-Allow-Origin" not in page
