"""Downloads stream the same filtered rows as the page shows, in every format."""

import csv
import io
import json
from typing import Any

import pytest
from django.test import Client

from oversight.portal.tests.conftest import get

pytestmark = pytest.mark.django_db


def body(response: Any) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def test_it_streams_csv_of_the_filtered_rows(client: Client, many_transfers: int) -> None:
    response = get(client, "/t-transfers/", format="csv", recipient="DE", page="2")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="t-transfers.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body(response))))
    assert len(rows) == 60  # every page, not just page 2
    assert list(rows[0]) == ["id", "title", "supplier", "recipient", "year", "source_links"]
    assert {row["recipient"] for row in rows} == {"Germany"}


def test_it_streams_json_and_ndjson_with_the_same_rows(
    client: Client, many_transfers: int
) -> None:
    as_json = json.loads(body(get(client, "/t-transfers/", format="json", q="transfer 00")))
    lines = body(get(client, "/t-transfers/", format="ndjson", q="transfer 00")).splitlines()
    assert [json.loads(line) for line in lines] == as_json
    assert len(as_json) == 10
    page = get(client, "/t-transfers/", q="transfer 00").content.decode()
    assert "10 records" in page
    for row in as_json:
        assert row["title"] in page


def test_it_offers_download_links_that_keep_the_search(
    client: Client, registry: dict[str, Any]
) -> None:
    html = get(client, "/t-transfers/", q="finspy", page="1").content.decode()
    for fmt in ("csv", "json", "ndjson"):
        assert f'href="?q=finspy&amp;format={fmt}"' in html


def test_it_refuses_a_download_with_a_bad_filter(client: Client, registry: Any) -> None:
    response = get(client, "/t-transfers/", 400, format="csv", year="soon")
    assert b"year:" in response.content
