"""End to end in Chromium with JavaScript off: search every register, narrow the search
by a facet, open a record and download the CSV of the result."""

import csv
import io
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from oversight.accounts.tests.test_browser_login import ALL_APPS, ARGS, CHROMIUM
from oversight.licensing.models import Decision
from oversight.registry.models import Jurisdiction

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True, available_apps=ALL_APPS),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def _country(code: str, name: str) -> Jurisdiction:
    return Jurisdiction.objects.update_or_create(code=code, defaults={"name": name})[0]


def test_a_journalist_searches_filters_opens_and_downloads(browser: Any, live_server: Any) -> None:
    gb, mx, bh = (
        _country("GB", "United Kingdom"),
        _country("MX", "Mexico"),
        _country("BH", "Bahrain"),
    )
    for n, destination in enumerate([mx, mx, bh]):
        Decision.objects.create(
            reference=f"E2E-{n}",
            outcome="issued",
            exporting_jurisdiction=gb,
            destination=destination,
            exporter_name="Interception Systems Ltd",
            control_codes=["5.A.2"],
            decided_on=date(2013, 1, n + 1),
            published_at=timezone.now(),
        )
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/search/")
        page.get_by_label("Words").fill("interception")
        page.get_by_role("button", name="Search").click()
        assert "3 records" in page.get_by_role("status").inner_text()
        page.get_by_role("complementary").get_by_role("link", name="Mexico").click()
        assert "2 records" in page.get_by_role("status").inner_text()
        assert "destination=MX" in page.url
        with page.expect_download() as download_info:
            page.get_by_role("link", name="Every matching record, from all pages, as CSV").click()
        path = download_info.value.path()
        with open(path, encoding="utf-8") as handle:
            rows = list(csv.DictReader(io.StringIO(handle.read())))
        assert sorted(row["key"] for row in rows) == ["E2E-0", "E2E-1"]
        page.get_by_role("link", name="E2E-1", exact=True).click()
        assert page.url.endswith("/licence-decisions/E2E-1/")
        assert "Interception Systems Ltd" in page.content()
        assert "Mexico" in page.content()
    finally:
        context.close()
