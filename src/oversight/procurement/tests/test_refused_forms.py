"""A refused or invalid form comes back as typed, each reason beside its field, as a 400."""

import re
from datetime import timedelta
from html import escape
from typing import Any

import pytest
from django.test.client import Client
from django.utils import timezone

from oversight.accounts.tests.helpers import Clock, signed_in
from oversight.core.models import AuditEntry
from oversight.procurement import actions
from oversight.procurement.models import Holding, Proposal
from oversight.procurement.tests.helpers import World, approve, draft, holding_of, to_vote
from oversight.procurement.tests.test_actions import POLICY, REPORT

pytestmark = pytest.mark.django_db

FIELD = re.compile(r'<div class="field">(.*?)</div>', re.S)


def snapshot(row: Proposal | Holding) -> tuple[int, dict[str, Any]]:
    return AuditEntry.objects.count(), dict(type(row).objects.filter(pk=row.pk).values().get())


def refused(client: Client, url: str, data: dict[str, str], row: Proposal | Holding) -> str:
    """Post; assert a 400 that changed nothing; the page as text."""
    before = snapshot(row)
    response = client.post(url, data)
    assert response.status_code == 400, response.content.decode()[-1500:]
    assert snapshot(row) == before
    return response.content.decode()


def beside(page: str, name: str, typed: str, error: str | None) -> None:
    """The field `name` holds what was typed, with the error (if any) in its own block."""
    blocks = [b for b in FIELD.findall(page) if f'name="{name}"' in b]
    assert any(escape(typed) in b and (error is None or escape(error) in b) for b in blocks), (
        blocks
    )


def above(page: str, error: str) -> None:
    assert f'<p class="field-error" role="alert">{escape(error)}</p>' in page


def staff(proposal: Proposal, tail: str) -> str:
    return f"/staff/procurement/proposals/{proposal.reference}/{tail}"


def test_it_keeps_a_refused_decision_as_typed(world: World, clock: Clock) -> None:
    proposal = draft(world)
    to_vote(world, clock, proposal)
    for member in world.members[:2]:
        signed_in(member).post(staff(proposal, "vote/"), {"choice": "approve", "conflict": ""})
    typed = "Legal & aimed; proportionality <unclear>."
    page = refused(
        signed_in(world.members[0]),
        staff(proposal, "decide/"),
        {"outcome": "approve", "reasons": typed, "legality_met": "on", "aim_met": "on"},
        proposal,
    )
    outcome = [b for b in FIELD.findall(page) if 'name="outcome"' in b]
    assert any('value="approve" selected' in b for b in outcome), outcome
    necessity = [b for b in FIELD.findall(page) if 'name="necessity_met"' in b]
    assert any("field-error" in b and "necessity and proportionality" in b for b in necessity)
    beside(page, "reasons", typed, None)
    legality = [b for b in FIELD.findall(page) if 'name="legality_met"' in b]
    assert any(re.search(r"<input[^>]*checked", b) for b in legality), legality


def test_it_keeps_a_second_vote_as_typed(world: World, clock: Clock) -> None:
    proposal = draft(world)
    to_vote(world, clock, proposal)
    member = signed_in(world.members[0])
    member.post(staff(proposal, "vote/"), {"choice": "approve", "conflict": ""})
    typed = "I advise the supplier."
    page = refused(
        member, staff(proposal, "vote/"), {"choice": "reject", "conflict": typed}, proposal
    )
    beside(page, "conflict", typed, None)
    above(page, "This member has already voted on this proposal.")


def test_it_keeps_an_invalid_meeting_as_typed(world: World, clock: Clock) -> None:
    proposal = draft(world)
    to_vote(world, clock, proposal)
    data = {
        "held_at": "2026-05-01T18:00",
        "place": "Library hall",
        "attendance": "-3",
        "summary": "Many questions.",
        "minutes": "Opened 18:00.",
    }
    page = refused(signed_in(world.members[0]), staff(proposal, "meetings/"), data, proposal)
    beside(page, "place", "Library hall", None)
    beside(page, "attendance", "-3", "Ensure this value is greater than or equal to 0.")
    assert "Attendance: Ensure this value is greater than or equal to 0." in page  # summary


def test_it_answers_a_refused_submission_with_every_reason(world: World) -> None:
    proposal = draft(world, purpose="", laws="")
    page = refused(signed_in(world.official), staff(proposal, "submit/"), {}, proposal)
    assert "Purpose, and the problem it addresses" in page and "The laws that apply" in page


def test_it_keeps_an_empty_withdrawal_refused(world: World) -> None:
    proposal = draft(world)
    page = refused(
        signed_in(world.official), staff(proposal, "withdraw/"), {"reasons": " "}, proposal
    )
    beside(page, "reasons", "", "This field is required.")


def inventory(holding: Holding, tail: str) -> str:
    return f"/staff/procurement/inventory/{holding.chain}/{tail}"


@pytest.fixture
def holding(world: World, clock: Clock) -> Holding:
    proposal = draft(world)
    to_vote(world, clock, proposal)
    approve(world, proposal)
    return holding_of(proposal)


def test_it_keeps_a_refused_deployment_as_typed(world: World, holding: Holding) -> None:
    data = {"place": "Ring road", "started_on": "2026-03-01", "data_volume": "2 GB a day"}
    page = refused(signed_in(world.official), inventory(holding, "deployments/"), data, holding)
    beside(page, "place", "Ring road", None)
    beside(page, "data_volume", "2 GB a day", None)
    assert page.count('class="field-error"') >= 1
    assert not holding.deployments.exists()


def test_it_keeps_a_refused_annual_report_as_typed(world: World, holding: Holding) -> None:
    data = {
        f"report-{name}": f"About {name}."
        for name in (
            "uses",
            "sharing",
            "locations",
            "audits",
            "breaches",
            "effectiveness",
            "costs",
        )
    }
    data |= {"report-year": "2100", "report-uses_count": "12"}
    page = refused(signed_in(world.official), inventory(holding, "reports/"), data, holding)
    beside(page, "report-year", "2100", "A report covers a year that has begun.")
    beside(page, "report-uses", "About uses.", None)
    assert not holding.reports.exists()


def test_it_keeps_an_incomplete_policy_as_typed(world: World, holding: Holding) -> None:
    data = {"policy-permitted_uses": "Stolen cars only.", "policy-retention": "24 hours."}
    page = refused(signed_in(world.official), inventory(holding, "policy/"), data, holding)
    beside(page, "policy-permitted_uses", "Stolen cars only.", None)
    beside(page, "policy-training", "", "This field is required.")
    assert not holding.policies.exists()


def test_it_keeps_an_empty_suspension_refused(world: World, holding: Holding) -> None:
    page = refused(
        signed_in(world.members[0]), inventory(holding, "suspend/"), {"reasons": ""}, holding
    )
    beside(page, "reasons", "", "This field is required.")


def test_it_keeps_a_deployment_before_the_notice_period_as_typed(
    world: World, holding: Holding
) -> None:
    policy = actions.draft_policy(holding, actor=world.official, texts=POLICY, shared_with=[])
    actions.approve_policy(policy, actor=world.members[1])
    early = str(timezone.localdate() + timedelta(days=1))
    data = {"place": "Harbour Road", "started_on": early, "data_volume": "5,000 reads a day"}
    page = refused(signed_in(world.official), inventory(holding, "deployments/"), data, holding)
    beside(page, "place", "Harbour Road", None)
    blocks = [b for b in FIELD.findall(page) if 'name="started_on"' in b]
    assert any(f'value="{early}"' in b and "field-error" in b for b in blocks), blocks
    assert not holding.deployments.exists()


def test_it_puts_an_empty_review_back_on_its_own_report(world: World, holding: Holding) -> None:
    year = timezone.localdate().year
    actions.file_annual_report(
        holding, actor=world.official, year=year, uses_count=3, texts=REPORT
    )
    page = refused(
        signed_in(world.members[0]), inventory(holding, f"reports/{year}/review/"), {}, holding
    )
    field = re.search(rf'id="review-{year}-review".*?</div>', page, re.S)
    assert field is not None and "This field is required." in field.group(0)
    assert holding.reports.get().reviewed_at is None
