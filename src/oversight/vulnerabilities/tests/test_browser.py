"""End to end in Chromium with JavaScript off: the board restricts, then the public counts."""

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from oversight.accounts.models import User
from oversight.accounts.tests.helpers import PASSWORD, code_for
from oversight.accounts.tests.test_browser_login import ALL_APPS, ARGS, CHROMIUM
from oversight.vulnerabilities import actions
from oversight.vulnerabilities.models import Status, Vulnerability

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True, available_apps=ALL_APPS),
]
SHOTS = Path("/tmp")  # noqa: S108 - files to look at (copies in docs/screenshots/)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def _sign_in(page: Any, url: str, user: User) -> None:
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Code", exact=True).fill(code_for(user))
    page.get_by_role("button", name="Sign in").click()


def test_it_lets_the_board_restrict_with_a_review_date_without_javascript(
    browser: Any, live_server: Any, vulnerability: Vulnerability, board: User
) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1000, "height": 900}
    )
    page = context.new_page()
    try:
        _sign_in(page, live_server.url, board)
        page.goto(f"{live_server.url}/staff/vulnerabilities/")
        page.get_by_role("link", name=vulnerability.reference).click()
        page.get_by_label("Restrict", exact=True).check()
        page.get_by_label("Reasons", exact=True).fill("Needed for an authorised operation.")
        page.get_by_role("button", name="Record the decision").click()
        assert "A restriction needs a review date." in page.content()
        assert Vulnerability.objects.get().status == Status.AWAITING
        page.screenshot(path=str(SHOTS / "vulnerabilities-refused.png"), full_page=True)
        page.get_by_label("Review by (required to restrict)").fill("2099-01-01")
        page.get_by_role("button", name="Record the decision").click()
        assert "A restriction is reviewed within 366 days." in page.content()
        soon = (timezone.localdate() + timedelta(days=90)).isoformat()
        page.get_by_label("Review by (required to restrict)").fill(soon)
        page.get_by_role("button", name="Record the decision").click()
        assert "decision is recorded." in page.content(), page.content()[-2000:]
    finally:
        context.close()
    assert Vulnerability.objects.get().status == Status.RESTRICTED


def test_it_shows_the_public_only_counts(browser: Any, live_server: Any, year_2025: None) -> None:
    with time_machine.travel(date(2026, 6, 1), tick=False):
        actions.publish_statistics()
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1200, "height": 800}
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/vulnerability-statistics/")
        text = page.content()
        page.screenshot(path=str(SHOTS / "vulnerabilities-statistics.png"), full_page=True)
    finally:
        context.close()
    assert "GB-2025" in text and "Example Mail" not in text and "Example Brokers" not in text
