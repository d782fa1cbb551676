"""End to end in Chromium with JavaScript off: report with a file, read the receipt, follow it."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps

from oversight.grievances.models import EvidenceFile, Report
from oversight.grievances.tests.conftest import build_world

sync_api = pytest.importorskip("playwright.sync_api")

ALL_APPS = [config.name for config in apps.get_app_configs()]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True, available_apps=ALL_APPS),
]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip
SCREENSHOTS = Path("/tmp")  # noqa: S108 - files to look at


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def test_it_reports_and_follows_with_javascript_off(
    browser: Any, live_server: Any, tmp_path: Path
) -> None:
    build_world()
    evidence = tmp_path / "evidence.txt"
    evidence.write_text("what I saw")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    other_hosts: list[str] = []
    page.on(
        "request",
        lambda r: None if r.url.startswith(live_server.url) else other_hosts.append(r.url),
    )
    try:
        page.goto(f"{live_server.url}/report/")
        page.get_by_label("What happened?").fill("A spyware link arrived by text message.")
        page.get_by_label("Privacy").check()
        page.get_by_label("Evidence files (optional)").set_input_files(str(evidence))
        page.get_by_label("The UN working group").check()
        page.screenshot(path=str(SCREENSHOTS / "oversight-report-form.png"), full_page=True)
        page.get_by_role("button", name="Send my report").click()
        receipt = page.locator("#receipt").inner_text().strip()
        assert len(receipt.replace(" ", "")) == 25, page.content()[-3000:]
        page.screenshot(path=str(SCREENSHOTS / "oversight-receipt.png"), full_page=True)
        page.get_by_role("link", name="Follow my report").last.click()
        page.get_by_label("Your receipt").fill(receipt)
        page.get_by_role("button", name="Open my report").click()
        assert page.locator("#report-status").inner_text() == "Received, waiting to be read"
        assert "evidence.txt" in page.content()
        page.get_by_label("Your message (optional)").fill("One more thing.")
        page.get_by_role("button", name="Send").click()
        assert "We received what you sent." in page.content()
        page.screenshot(path=str(SCREENSHOTS / "oversight-status.png"), full_page=True)
    finally:
        context.close()
    assert Report.objects.count() == 1 and EvidenceFile.objects.count() == 1
    assert Report.objects.get().consents == ["un"]
    assert other_hosts == []
