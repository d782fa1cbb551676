"""A refused decision comes back as typed, its reasons beside the fields (Chromium, no JS)."""

from typing import Any

import pytest

from oversight.accounts.tests.helpers import Clock
from oversight.procurement import actions
from oversight.procurement.models import Proposal
from oversight.procurement.tests.helpers import World, draft, to_vote
from oversight.procurement.tests.test_browser import ALL_APPS, Session, browser  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True, available_apps=ALL_APPS),
]


def test_it_keeps_a_refused_decision_of_the_body_as_typed(
    browser: Any,  # noqa: F811
    live_server: Any,
    world: World,
    clock: Clock,
) -> None:
    proposal = draft(world)
    to_vote(world, clock, proposal)
    for member in world.members[:2]:
        actions.cast_vote(proposal, actor=member, choice="approve")
    before = Proposal.objects.filter(pk=proposal.pk).values().get()
    chair = Session(browser, live_server.url, world.members[0])
    page = chair.open(f"/staff/procurement/proposals/{proposal.reference}/")
    page.get_by_label("Outcome").select_option("approve_with_conditions")
    chair.fill("Reasons", "Legal and aimed; the comment was answered.")
    page.get_by_label("The legality test is met").check()
    page.get_by_label("The legitimate aim test is met").check()  # necessity left unticked
    chair.click("Record the decision")

    assert chair.page.get_by_label("Reasons", exact=True).input_value() == (
        "Legal and aimed; the comment was answered."
    )
    assert page.get_by_label("Outcome").input_value() == "approve_with_conditions"
    assert page.get_by_label("The legality test is met").is_checked()
    assert not page.get_by_label("The necessity and proportionality test is met").is_checked()
    beside = page.locator("#id_conditions ~ .field-error").all_inner_texts()
    assert beside == ["State the conditions of the approval."]
    beside = page.locator("#id_necessity_met ~ .field-error").all_inner_texts()
    assert len(beside) == 1 and "necessity and proportionality" in beside[0]
    summary = page.locator(".messages").inner_text()
    assert "State the conditions of the approval." in summary
    assert Proposal.objects.filter(pk=proposal.pk).values().get() == before
    assert not hasattr(Proposal.objects.get(pk=proposal.pk), "decision")
    form = page.locator("form", has=page.locator("#id_necessity_met"))
    form.screenshot(path="docs/screenshots/procurement-refused-decision.png")
