"""End to end in Chromium, JavaScript off: one proposal from draft through comment, hearing,
vote, policy and deployment to its annual report, read on the public pages."""

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone

from oversight.accounts.models import User
from oversight.accounts.tests.helpers import PASSWORD, Clock, code_for
from oversight.consultations.models import Consultation
from oversight.core import audit
from oversight.procurement.models import Proposal
from oversight.procurement.tests.helpers import ANSWERS, World
from oversight.procurement.tests.test_actions import POLICY, REPORT

sync_api = pytest.importorskip("playwright.sync_api")

ALL_APPS = [config.name for config in apps.get_app_configs()]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True, available_apps=ALL_APPS),
]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
LABELS = {
    "purpose": "Purpose, and the problem it addresses",
    "how_it_works": "How the technology works",
    "data_retention": "Data collected, retention and deletion",
    "sharing": "Who it is shared with",
    "accuracy_bias": "Accuracy and known bias",
    "equity": "Affected communities and equity",
    "fiscal_cost": "Fiscal cost, over the whole life",
    "alternatives": "Alternatives considered",
    "laws": "The laws that apply",
    "legality_citation": "Legality: the law or rule that permits the use, cited precisely",
    "legality_reasoning": "Legality: why that law permits this use",
    "necessity_reasoning": "Necessity and proportionality: why less intrusive means fail",
    "legitimate_aim": "Legitimate aim",
    "aim_reasoning": "Legitimate aim: how the use serves it",
}


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
        self.page = browser.new_context(java_script_enabled=False).new_page()
        self.page.goto(f"{base}/accounts/login/")
        self.page.get_by_label("Username").fill(user.username)
        self.page.get_by_label("Password").fill(PASSWORD)
        self.page.get_by_role("button", name="Continue").click()
        self.page.get_by_label("Code", exact=True).fill(code_for(user))
        self.page.get_by_role("button", name="Sign in").click()

    def open(self, path: str) -> Any:
        self.page.goto(f"{self.base}{path}")
        return self.page

    def fill(self, label: str, value: str) -> None:
        self.page.get_by_label(label, exact=True).fill(value)

    def click(self, name: str) -> None:
        self.page.get_by_role("button", name=name).click()


def draft_and_submit(official: Session, world: World) -> str:
    page = official.open("/staff/procurement/new/")
    page.get_by_label("Agency").select_option(label=world.agency.name)
    page.get_by_label("Oversight body").select_option(label=world.body.organisation.name)
    page.get_by_label("What is proposed").select_option("acquisition")
    official.fill("Title", "Number-plate readers")
    page.get_by_label("Technology (from the registry)").select_option(label=str(world.tool))
    page.get_by_label("Supplier or donor").select_option(label=str(world.supplier))
    page.get_by_label("How it entered the country").select_option("licence")
    official.fill("Licence, decision or transfer reference", "GB-2026-0001")
    official.click("Start the draft")
    official.click("Submit for public comment")  # nothing written yet: every gap is listed
    assert "The laws that apply" in page.content()
    for name, label in LABELS.items():
        official.fill(label, ANSWERS[name])
    official.click("Save draft")
    official.click("Submit for public comment")
    assert "Open for public comment" in page.locator("#status").inner_text()
    reference: str = page.url.rstrip("/").split("#")[0].rstrip("/").split("/")[-1]
    return reference


def test_one_proposal_from_draft_to_annual_report_without_javascript(
    browser: Any, live_server: Any, world: World, clock: Clock, settings: Any
) -> None:
    settings.PROCUREMENT_NOTICE_DAYS = 90
    base = live_server.url
    ref = draft_and_submit(Session(browser, base, world.official), world)

    public = browser.new_context(java_script_enabled=False).new_page()
    public.goto(f"{base}/procurement/proposals/{ref}/")
    assert "Road Traffic Act 2011, s. 12(3)" in public.content()
    public.get_by_role("link", name="Open: comment here").click()
    public.get_by_label("You comment as").select_option("civil_society")
    public.get_by_label("Your comment").fill("Who will see our number plates?")
    public.get_by_role("button", name="Send comment").click()

    consultation = Consultation.objects.get()
    chair = Session(browser, base, world.members[0])
    page = chair.open(f"/staff/consultations/{consultation.reference}/")
    page.get_by_label("Accept").check()
    chair.click("Save moderation")
    clock.advance(days=31)

    chair = Session(browser, base, world.members[0])
    page = chair.open(f"/staff/procurement/proposals/{ref}/")
    chair.click("Close the comment period")
    assert "Before the oversight body" in page.locator("#status").inner_text()
    page.get_by_label("Held at").fill(timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    chair.fill("Place", "City Hall, room 2")
    chair.fill("Attendance", "40")
    chair.fill("Summary of what was said", "Residents asked who sees the data.")
    chair.fill("Minutes", "Opened 18:00; closed 20:10.")
    chair.click("Record the meeting")
    chair.fill("Theme", "Who sees the data")
    chair.fill("Response to the comments", "Only two named analysts; the prosecutor per case.")
    page.get_by_label("Who will see our number plates?", exact=False).check()
    chair.click("Add the theme")
    for member in world.members[:2]:
        session = Session(browser, base, member)
        session.open(f"/staff/procurement/proposals/{ref}/")
        session.page.get_by_label("Your vote").select_option("approve")
        session.click("Cast the vote")
    page = chair.open(f"/staff/procurement/proposals/{ref}/")
    page.get_by_label("Outcome").select_option("approve")
    chair.fill("Reasons", "The three tests are met; the comment was answered.")
    for test in ("legality", "necessity and proportionality", "legitimate aim"):
        page.get_by_label(f"The {test} test is met").check()
    chair.click("Record the decision")
    assert "Approved" in page.locator("#status").inner_text()

    chain = Proposal.objects.get(reference=ref).holding.chain  # type: ignore[union-attr]
    official = Session(browser, base, world.official)
    page = official.open(f"/staff/procurement/inventory/{chain}/")
    for name, text in POLICY.items():
        page.locator(f"#id_policy-{name}").fill(text)
    official.click("Save the policy draft")
    chair.open(f"/staff/procurement/inventory/{chain}/")
    chair.click("Approve and publish version 1")
    page = official.open(f"/staff/procurement/inventory/{chain}/")
    official.fill("Where", "Harbour Road")
    official.fill("From", str(timezone.localdate() + timedelta(days=90)))
    official.fill("How much data", "5,000 reads a day")
    official.click("Record the deployment")
    assert "In use" in page.locator("#status").inner_text()
    page.locator("#id_report-year").fill(str(timezone.localdate().year))
    page.locator("#id_report-uses_count").fill("212")
    for name, text in REPORT.items():
        page.locator(f"#id_report-{name}").fill(text)
    official.click("File the report")

    public.goto(f"{base}/procurement/")
    public.get_by_role("link", name=chain).click()
    content = public.content()
    assert "Recovery rate rose from 4% to 11%." in content  # the annual report
    assert "GB-2026-0001" in content and ref in content  # the chain
    assert "fewer than five (not shown)" in content
    assert audit.verify().ok
