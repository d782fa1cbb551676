"""End to end in Chromium with JavaScript off: an analyst records a case."""

from collections.abc import Iterator
from typing import Any

import pytest

from oversight.accounts.models import Role
from oversight.accounts.tests.helpers import PASSWORD, code_for, make_user
from oversight.accounts.tests.test_browser_login import ALL_APPS, ARGS, CHROMIUM
from oversight.monitoring.models import Case
from oversight.registry.models import Jurisdiction

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True, available_apps=ALL_APPS),
    pytest.mark.usefixtures("world"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def test_it_lets_an_analyst_record_a_case_without_javascript(
    browser: Any, live_server: Any
) -> None:
    # Earlier transactional tests flush the countries the migrations load: bring Mexico back.
    Jurisdiction.objects.get_or_create(code="MX", defaults={"name": "Mexico", "alpha3": "MEX"})
    analyst = make_user("e2e-analyst", Role.ANALYST)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(analyst.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Continue").click()
        page.get_by_label("Code", exact=True).fill(code_for(analyst))
        page.get_by_role("button", name="Sign in").click()
        page.goto(f"{live_server.url}/staff/monitoring/cases/new/")
        page.get_by_label("Title", exact=True).fill("Spyware found on a lawyer's phone")
        page.get_by_label("Country concerned").fill("Mexico")
        page.get_by_label("Occurred", exact=True).fill("2025-02-01")
        page.get_by_label("Disclosed", exact=True).fill("2025-04-01")
        page.get_by_label("Victim group").select_option("lawyer")
        page.get_by_label("Affiliation type").select_option("legal")
        page.get_by_label("Web address", exact=True).fill("https://citizenlab.ca/2025/report")
        page.get_by_role("button", name="Record the case").click()
        assert "Case recorded as a draft" in page.content(), page.content()[-3000:]
        page.get_by_role("button", name="Move to: Published").click()
        assert "Status now: Published." in page.content()
    finally:
        context.close()
    case = Case.objects.get()
    assert case.status == "published" and case.source_hosts == ["citizenlab.ca"]
