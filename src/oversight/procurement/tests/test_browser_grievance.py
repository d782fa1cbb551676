"""In Chromium with JavaScript off: a complainant names a deployed technology on /report/
and consents to route the report to the body that oversees it."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps

from oversight.grievances.models import Report
from oversight.procurement.tests.helpers import World
from oversight.procurement.tests.test_grievance_subject import holding, inboxes  # noqa: F401

sync_api = pytest.importorskip("playwright.sync_api")

ALL_APPS = [config.name for config in apps.get_app_configs()]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True, available_apps=ALL_APPS),
]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


@pytest.fixture(autouse=True)
def _grievance_settings(settings: Any, tmp_path: Any) -> None:
    settings.GRIEVANCE_ARGON2 = {"time_cost": 1, "memory_kib": 8}
    settings.GRIEVANCE_FILES_DIR = tmp_path / "grievance-files"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def test_a_complainant_names_a_deployed_technology_with_javascript_off(
    browser: Any,
    live_server: Any,
    world: World,
    inboxes: dict[str, Any],  # noqa: F811
) -> None:
    holding(world)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/report/")
        page.get_by_label("What happened?").fill("My car was tracked at every junction.")
        page.get_by_label("Is it about a technology an agency is known to use?").select_option(
            label="Port City Police: PlateReader 5 (CH-2026-0042)"
        )
        page.get_by_label("I agree that my report may be sent to the body that oversees").check()
        page.get_by_role("button", name="Send my report").click()
        receipt = page.locator("#receipt").inner_text().strip()
        assert len(receipt.replace(" ", "")) == 25, page.content()[-3000:]
    finally:
        context.close()
    report = Report.objects.get()
    assert report.consents == ["state"] and report.concerns is None
