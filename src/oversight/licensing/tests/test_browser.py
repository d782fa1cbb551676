"""End to end in Chromium with JavaScript off: one application from draft to the register."""

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps

from oversight.accounts.models import User
from oversight.accounts.tests.helpers import PASSWORD, Clock, code_for
from oversight.core import audit
from oversight.core.tests.hostile import blank_pdf
from oversight.licensing.models import Application
from oversight.licensing.tests.flow import comment_on
from oversight.licensing.tests.helpers import World

sync_api = pytest.importorskip("playwright.sync_api")

ALL_APPS = [config.name for config in apps.get_app_configs()]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True, available_apps=ALL_APPS),
]
CHROMIUM = "/usr/bin/chromium"
SCREENSHOT = "/tmp/oversight-licensing-decision.png"  # noqa: S108 - a file to look at
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class Session:
    """One signed-in person in their own browser context (JavaScript off)."""

    def __init__(self, browser: Any, base: str, user: User) -> None:
        self.base = base
        self.context = browser.new_context(java_script_enabled=False)
        self.page = self.context.new_page()
        self.page.goto(f"{base}/accounts/login/")
        self.page.get_by_label("Username").fill(user.username)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.page.get_by_role("button", name="Continue").click()
        self.page.get_by_label("Code", exact=True).fill(code_for(user))
        self.page.get_by_role("button", name="Sign in").click()

    def open(self, path: str) -> Any:
        self.page.goto(f"{self.base}{path}")
        return self.page

    def click(self, name: str) -> None:
        self.page.get_by_role("button", name=name).click()


def draft_and_submit(session: Session, tmp_path: Path) -> str:
    page = session.open("/staff/licensing/new/")
    session.click("Start the draft")
    ref: str = page.url.rstrip("/").split("/")[-2]
    page.get_by_label("Destination country").fill("United Arab Emirates")
    page.get_by_label("Stated end use").fill("Lawful interception by the regulator.")
    statement = tmp_path / "statement.pdf"
    statement.write_bytes(blank_pdf())
    page.get_by_label("End-use statement (signed, PDF)").set_input_files(str(statement))
    page.get_by_label("I declare the information given is accurate and complete").check()
    page.get_by_label("I undertake to comply with the licence conditions").check()
    session.click("Save draft")
    page.get_by_label("Technology").select_option(label="Interceptor")
    page.get_by_label("Control-list entry").fill("5A001j")
    page.get_by_label("Quantity").fill("3")
    page.get_by_label("Value").fill("25000")
    session.click("Add line")
    for role, name in [("consignee", "Gulf Trading"), ("end_user", "Telecom Regulator")]:
        page.get_by_label("Role").select_option(role)
        page.get_by_label("Name", exact=True).fill(name)
        page.get_by_label("Type").select_option("government")
        page.get_by_label("Country").fill("AE")
        session.click("Add party")
    assert "Nothing is missing" in page.content()
    session.click("Submit the application")
    assert "Screened, awaiting consultation" in page.locator("#status").inner_text()
    return ref


def review(session: Session, ref: str) -> None:
    page = session.open(f"/staff/licensing/applications/{ref}/review/")
    for box in page.locator("textarea[name$='_reasoning']").all():
        box.fill("Assessed against the public record.")
    page.get_by_label("Recommendation").select_option("approve_with_conditions")
    page.get_by_label("Summary of advice (published)").fill("Approve with monitoring.")
    session.click("Submit the review")


def test_it_walks_one_application_to_the_register_without_javascript(
    browser: Any, live_server: Any, world: World, clock: Clock, tmp_path: Path
) -> None:
    base = live_server.url
    ref = draft_and_submit(Session(browser, base, world.member), tmp_path)
    officer = Session(browser, base, world.officer)
    page = officer.open(f"/staff/licensing/applications/{ref}/")
    page.get_by_label("Comment period (days)").fill("1")
    officer.click("Open the public consultation")
    comment = comment_on(Application.objects.get(reference=ref))
    page.reload()
    page.get_by_label("Accept").check()
    officer.click("Save moderation")
    clock.advance(days=2)
    officer = Session(browser, base, world.officer)
    page = officer.open(f"/staff/licensing/applications/{ref}/")
    officer.click("Close the comment period and send to human rights review")
    page.get_by_label("Response (where the comment changed anything)").fill("Checked.")
    officer.click(f"Mark comment #{comment.pk} as considered")
    review(Session(browser, base, world.reviewer), ref)
    page = officer.open(f"/staff/licensing/applications/{ref}/")
    page.screenshot(path=SCREENSHOT, full_page=True)
    page.get_by_label("Approve: issue a licence").check()
    page.get_by_label("Reasons (published; one per line)").fill("Safeguards adequate.")
    page.get_by_label("Conditions of the licence (one per line)").fill("End-use monitoring")
    officer.click("Decide and publish")
    assert "Licence issued" in page.locator("#status").inner_text()
    public = browser.new_context(java_script_enabled=False).new_page()
    public.goto(f"{base}/licence-decisions/?q={ref}")
    public.get_by_role("link", name=ref).first.click()
    assert "Safeguards adequate." in public.content()
    response = public.request.get(f"{base}/licence-decisions/?q={ref}&format=csv")
    rows = list(csv.DictReader(io.StringIO(response.text())))
    assert [(row["reference"], row["outcome"]) for row in rows] == [(ref, "issued")]
    assert "End-use monitoring" in rows[0]["conditions"]
    assert audit.verify().ok
