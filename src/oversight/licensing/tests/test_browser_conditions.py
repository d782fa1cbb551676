"""In Chromium with JavaScript off: the officer sets a usage-report condition, the holder
submits evidence, the officer assesses it; the public register shows it met."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from oversight.accounts.tests.helpers import Clock
from oversight.licensing.models import LicenceCondition
from oversight.licensing.tests.helpers import World
from oversight.licensing.tests.test_browser import ALL_APPS, Session, browser  # noqa: F401
from oversight.licensing.tests.test_conditions import issue

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True, available_apps=ALL_APPS),
]
# A file to look at; docs/screenshots/conditions-assessment.png was taken from it.
SCREENSHOT = "/tmp/oversight-licensing-conditions.png"  # noqa: S108


def test_a_condition_is_set_evidenced_and_met_without_javascript(
    browser: Any,  # noqa: F811 - the module fixture of test_browser
    live_server: Any,
    world: World,
    clock: Clock,
) -> None:
    licence = issue(world, clock)
    path = f"/staff/licensing/licences/{licence.number}/conditions/"
    officer = Session(browser, live_server.url, world.officer)
    page = officer.open(path)
    page.get_by_label("Kind of condition").select_option("usage_report")
    page.get_by_label("Terms (published)").fill("Report each use of the capability, monthly.")
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    page.get_by_label("Evidence due by").fill(due)
    officer.click("Set the condition")
    assert "Condition set." in page.content()
    condition = LicenceCondition.objects.get()

    holder = Session(browser, live_server.url, world.member)
    page = holder.open(path)
    page.get_by_label("Evidence (seen by the licensing officers, not published)").fill(
        "Usage report for March, sent by registered post."
    )
    holder.click("Submit the evidence")
    page = officer.open(path)
    page.get_by_label("Yes: the condition is met").check()
    page.get_by_label("Reasons (one per line)").fill("The report is complete.")
    page.screenshot(path=SCREENSHOT, full_page=True)
    officer.click("Record the assessment")
    assert LicenceCondition.objects.get(pk=condition.pk).status == "met"
    public = browser.new_context(java_script_enabled=False).new_page()
    public.goto(f"{live_server.url}/licence-conditions/")
    assert "Met" in public.content() and "registered post" not in public.content()
