"""End to end in Chromium with JavaScript off: report with a file, read the receipt, follow it;
a handler admits a colleague to the channel's key."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from oversight.accounts.models import Role
from oversight.accounts.tests.helpers import PASSWORD, code_for, make_user
from oversight.grievances.models import EvidenceFile, Report
from oversight.grievances.tests.conftest import World
from oversight.grievances.tests.helpers import handler_client, receipt_of, submit

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
    browser: Any, live_server: Any, tmp_path: Path, world: World
) -> None:
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


def test_it_admits_a_colleague_with_javascript_off(
    browser: Any, live_server: Any, world: World
) -> None:
    receipt_of(submit(Client(), what_happened="words-only-the-channel-reads"))
    report = Report.objects.get()
    colleague = make_user("colleague", Role.GRIEVANCE_HANDLER, organisation="un-working-group")
    late = handler_client(colleague)
    page_of_report = f"/staff/grievances/{report.reference}/"
    assert "words-only-the-channel-reads" not in late.get(page_of_report).content.decode()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(world.handler.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Continue").click()
        page.get_by_label("Code", exact=True).fill(code_for(world.handler))
        page.get_by_role("button", name="Sign in").click()
        page.goto(f"{live_server.url}/staff/grievances/unlock/")
        page.get_by_label("Your password").fill(PASSWORD)
        page.get_by_role("button", name="Unlock").click()
        assert "you hold this channel's key" in page.content()
        page.get_by_role("button", name="Admit colleague").click()
        assert "colleague now holds the key of" in page.content(), page.content()[-3000:]
        page.screenshot(path=str(SCREENSHOTS / "oversight-grievances-admit.png"), full_page=True)
    finally:
        context.close()
    assert "words-only-the-channel-reads" in late.get(page_of_report).content.decode()
