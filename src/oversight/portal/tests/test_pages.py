"""Every public page renders, is self-contained and sends the strict CSP."""

import re
from typing import Any

import pytest
from django.test import Client

from oversight.core.middleware import CSP
from oversight.portal.tests.conftest import get

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/t-jurisdictions/",
    "/t-jurisdictions/DE/",
    "/t-organisations/",
    "/t-organisations/acme/",
    "/t-technologies/",
    "/t-technologies/finspy/",
    "/t-transfers/",
    "/t-transfers/t-1/",
    "/transparency/log/",
    "/about/data/",
]
FOREIGN = re.compile(
    r"<(?:link|script|img|iframe|source)\b[^>]*\b(?:src|href)=\"(?:https?:)?//", re.I
)


@pytest.mark.parametrize("url", PAGES)
def test_it_renders_a_self_contained_page(
    client: Client, registry: dict[str, Any], url: str
) -> None:
    response = get(client, url)
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<main id="main"' in html
    assert not FOREIGN.search(html), FOREIGN.search(html)
    assert "<script" not in html and "style=" not in html and "<style" not in html
    assert response["Content-Security-Policy"] == CSP
    assert "style-src 'self'" in response["Content-Security-Policy"]


def test_it_explains_the_platform_and_counts_the_registers(
    client: Client, registry: dict[str, Any]
) -> None:
    html = get(client, "/").content.decode()
    assert "human rights review" in html and "public consultation" in html
    assert "oversight body" in html and "due diligence" in html
    assert "working group" in html and "anonymously" in html
    assert '<a href="/t-transfers/">Test transfers</a>' in html
    assert "1 record" in html  # one published transfer, one published technology


def test_it_labels_every_form_control(client: Client, registry: dict[str, Any]) -> None:
    html = get(client, "/t-jurisdictions/").content.decode()
    ids = re.findall(r"<(?:input|select)[^>]*\bid=\"([^\"]+)\"", html)
    assert ids
    for control_id in ids:
        assert f'<label for="{control_id}">' in html


def test_it_lists_sources_and_licences(client: Client, registry: dict[str, Any]) -> None:
    html = get(client, "/about/data/").content.decode()
    assert "Test licence" in html and "https://example.org/source" in html
    assert 'href="/t-transfers/?format=csv"' in html
