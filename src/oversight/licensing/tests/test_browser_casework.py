"""Casework in Chromium with JavaScript off: a case routed to a queue, its refusal drafted
as advice, countersigned by the head of licensing, and issued."""

from typing import Any

import pytest

from oversight.accounts.models import Role
from oversight.accounts.tests.helpers import Clock, make_user
from oversight.core import audit
from oversight.licensing.actions import casework as work
from oversight.licensing.models import Application, Countersignature, Status
from oversight.licensing.tests.flow import to_decision
from oversight.licensing.tests.helpers import World
from oversight.licensing.tests.test_browser import ALL_APPS, Session, browser  # noqa: F401

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True, available_apps=ALL_APPS),
]
SCREENSHOT = "/tmp/oversight-casework-advice.png"  # noqa: S108 - a file to look at


def test_it_routes_countersigns_and_refuses_a_case_without_javascript(
    browser: Any,  # noqa: F811 - the fixture
    live_server: Any,
    world: World,
    clock: Clock,
) -> None:
    team = work.set_up_team(world.gb, "gb-cyber", "Cyber team", actor=None)
    queue = work.set_up_queue(team, "gb-high-risk", "High risk", target_days=30, actor=None)
    work.set_routing_rule(world.gb, 1, "Gulf", {"destination": ["AE"]}, queue, actor=None)
    senior = make_user("senior", Role.LICENSING_OFFICER, jurisdiction="GB")
    work.add_team_member(team, senior, countersigner=True, actor=None)
    work.set_countersign_step(world.gb, 1, team, "Head of licensing", actor=None)
    app = to_decision(world, clock)
    base = live_server.url
    officer = Session(browser, base, world.officer)
    page = officer.open("/staff/licensing/queues/gb-high-risk/")
    assert app.reference in page.content()
    page.get_by_role("link", name=app.reference).click()
    assert "High risk" in page.locator("#queue").inner_text()
    page.get_by_label("Refuse").check()
    page.get_by_label("Reasons (published; one per line)").fill("Surveils journalists.")
    page.get_by_label("The end user's record").check()
    page.get_by_label("Justification for deciding against the review (published)").fill(
        "The review missed the end user's record."
    )
    officer.click("Draft the advice")
    assert "A refusal is countersigned." in page.content()
    counter = Session(browser, base, senior)
    page2 = counter.open(f"/staff/licensing/applications/{app.reference}/")
    counter.click("Countersign this version")
    assert Countersignature.objects.filter(signer=senior).count() == 1
    page = officer.open(f"/staff/licensing/applications/{app.reference}/")
    page.screenshot(path=SCREENSHOT, full_page=True)
    officer.click("Issue the advice as the decision")
    assert Application.objects.get(pk=app.pk).status == Status.REFUSED
    assert "Refused" in page.locator("#status").inner_text()
    assert page2 is not None and audit.verify().ok
