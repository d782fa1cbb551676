"""Record pages, and that unpublished records appear nowhere public."""

from typing import Any

import pytest
from django.test import Client

from oversight.portal.tests.conftest import get

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/",
    "/t-technologies/",
    "/t-technologies/?format=csv",
    "/t-technologies/?format=json",
    "/t-technologies/?format=ndjson",
    "/t-transfers/",
    "/t-transfers/?format=csv",
    "/t-transfers/?format=ndjson",
    "/t-organisations/acme/",
    "/api/v1/datasets",
    "/api/v1/datasets/t-technologies",
    "/api/v1/datasets/t-transfers",
    "/api/v1/datasets/t-transfers?q=deal",
    "/about/data/",
]


def content(response: Any) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return str(response.content.decode())


def test_it_shows_every_public_field_with_labels_and_links(
    client: Client, registry: dict[str, Any]
) -> None:
    html = get(client, "/t-transfers/t-1/").content.decode()
    assert "<h1>FinSpy to Bahrain</h1>" in html
    for label in ("Id", "Title", "Supplier", "Recipient", "Year", "Source links"):
        assert f"<dt>{label}</dt>" in html
    assert 'href="/t-organisations/acme/"' in html
    assert 'href="https://example.org/report" rel="nofollow noopener noreferrer"' in html


def test_it_labels_yes_no_and_empty_values(client: Client, registry: dict[str, Any]) -> None:
    html = get(client, "/t-jurisdictions/BH/").content.decode()
    assert "<dd>No</dd>" in html  # wassenaar
    assert "<dd>—</dd>" in html  # joined
    assert "<dd>None</dd>" in html  # safeguards: the choice label of "none"


@pytest.mark.parametrize("url", ["/t-technologies/secret-tool/", "/t-transfers/t-hidden/"])
def test_it_answers_404_for_unpublished_records(
    client: Client, registry: dict[str, Any], url: str
) -> None:
    get(client, url, 404)
    name = url.split("/")[2]
    get(client, f"/api/v1/datasets/{url.split('/')[1]}/{name}", 404)


def test_it_answers_404_for_a_key_of_the_wrong_shape(client: Client, registry: Any) -> None:
    get(client, "/t-transfers/nothing/", 404)


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_it_never_shows_unpublished_records(
    client: Client, registry: dict[str, Any], url: str
) -> None:
    body = content(get(client, url))
    assert "Secret Tool" not in body and "secret-tool" not in body
    assert "Hidden deal" not in body and "t-hidden" not in body
