"""The proposal's life through the actions, and every refusal (which leaves no row)."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from oversight.accounts.tests.helpers import Clock
from oversight.consultations.models import Consultation
from oversight.core.models import AuditEntry
from oversight.core.rules import Refused
from oversight.procurement import actions
from oversight.procurement.models import (
    AnnualReport,
    Decision,
    Deployment,
    Holding,
    Meeting,
    Proposal,
    Vote,
)
from oversight.procurement.models.proposals import SECTIONS, TESTS
from oversight.procurement.tests.helpers import (
    World,
    approve,
    draft,
    holding_of,
    through_comment,
    to_vote,
)

pytestmark = pytest.mark.django_db

REPORT = {
    "uses": "212 reads matched; 14 vehicles recovered.",
    "sharing": "Regional Prosecutor: 14 case files.",
    "locations": "Harbour Road, Ring Road.",
    "audits": "One internal audit; no violation found.",
    "breaches": "None.",
    "effectiveness": "Recovery rate rose from 4% to 11%.",
    "costs": "EUR 82,000.",
}
POLICY = {
    "permitted_uses": "Matching plates against the stolen-vehicle list.",
    "prohibited_uses": "Tracking people; immigration enforcement.",
    "retention": "Non-matches 24 hours; matches until the case closes.",
    "access": "Two named analysts, logged.",
    "sharing": "Regional Prosecutor only, per case.",
    "training": "Four hours before access.",
    "auditing": "Quarterly by the Privacy Commission.",
}


def test_it_lists_every_missing_section_and_test_at_once(world: World) -> None:
    proposal = draft(world, **{name: "" for name, _label in SECTIONS + TESTS})
    with pytest.raises(Refused) as refused:
        actions.submit_proposal(proposal, actor=world.official)
    fields = set(refused.value.verdict.by_field())
    assert fields == {name for name, _label in SECTIONS + TESTS}
    proposal.refresh_from_db()
    assert proposal.status == "draft"
    assert not Holding.objects.exists() and not Consultation.objects.exists()


def test_it_refuses_an_agency_proposing_for_another(world: World) -> None:
    for actor in (world.official_b, world.outsider, world.members[0]):
        with pytest.raises(Refused) as refused:
            actions.create_proposal(
                actor=actor,
                agency=world.agency,
                body=world.body,
                technology=world.tool,
                kind="acquisition",
                title="Plate readers",
            )
        assert "agency" in refused.value.verdict.by_field()
    assert not Proposal.objects.exists()


def test_it_refuses_submission_by_another_agency(world: World) -> None:
    proposal = draft(world)
    with pytest.raises(Refused):
        actions.submit_proposal(proposal, actor=world.official_b)
    proposal.refresh_from_db()
    assert proposal.status == "draft"


def test_it_takes_a_proposal_from_draft_to_annual_report(
    world: World, clock: Clock, settings: Any
) -> None:
    settings.PROCUREMENT_NOTICE_DAYS = 90
    proposal = draft(world)
    to_vote(world, clock, proposal)
    approve(world, proposal)
    proposal.refresh_from_db()
    holding = holding_of(proposal)
    assert proposal.status == "approved" and holding.status == "approved"
    assert holding.origin_reference == "GB-2026-0001" and holding.chain.startswith("CH-")

    with pytest.raises(Refused) as refused:
        actions.record_deployment(
            holding,
            actor=world.official,
            place="Harbour Road",
            started_on=timezone.localdate(),
            data_volume="5,000 reads a day",
        )
    assert "policy" in refused.value.verdict.by_field()
    policy = actions.draft_policy(
        holding, actor=world.official, texts=POLICY, shared_with=[world.recipient]
    )
    actions.approve_policy(policy, actor=world.members[1])
    with pytest.raises(Refused) as refused:  # before the notice period has run
        actions.record_deployment(
            holding,
            actor=world.official,
            place="Harbour Road",
            started_on=timezone.localdate() + timedelta(days=89),
            data_volume="5,000 reads a day",
        )
    assert "started_on" in refused.value.verdict.by_field()
    assert not Deployment.objects.exists()
    clock.advance(days=90)
    actions.record_deployment(
        holding,
        actor=world.official,
        place="Harbour Road",
        started_on=timezone.localdate(),
        data_volume="5,000 reads a day",
    )
    holding.refresh_from_db()
    assert holding.status == "in_use"

    year = timezone.localdate().year
    report = actions.file_annual_report(
        holding,
        actor=world.official,
        year=year,
        uses_count=212,
        texts=REPORT,
        recipients=[world.recipient],
    )
    assert report.complaints is None  # fewer than five: suppressed
    with pytest.raises(Refused) as refused:
        actions.file_annual_report(
            holding, actor=world.official, year=year, uses_count=1, texts=REPORT
        )
    assert "year" in refused.value.verdict.by_field()
    assert AnnualReport.objects.count() == 1
    actions.review_report(report, actor=world.members[2], review="Complete; effectiveness shown.")

    actions.suspend(holding, actor=world.members[0], reasons="Misuse alleged at Ring Road.")
    with pytest.raises(Refused):
        actions.record_deployment(
            holding,
            actor=world.official,
            place="Ring Road",
            started_on=timezone.localdate(),
            data_volume="-",
        )
    assert Deployment.objects.count() == 1
    assert AuditEntry.objects.filter(action="procurement.holding.suspended").exists()


def test_it_refuses_approval_under_a_moratorium_of_the_state_above_the_city(
    world: World, clock: Clock
) -> None:
    world.state.moratorium_in_force = True
    world.state.moratorium_since = timezone.localdate()
    world.state.moratorium_scope = ["use"]
    world.state.save()
    proposal = draft(world)
    to_vote(world, clock, proposal)
    with pytest.raises(Refused) as refused:
        approve(world, proposal)
    assert any("moratorium" in m for m in refused.value.verdict.messages)
    proposal.refresh_from_db()
    assert proposal.status == "deliberation" and not Decision.objects.exists()


def test_it_refuses_a_decision_without_quorum(world: World, clock: Clock) -> None:
    proposal = draft(world)
    to_vote(world, clock, proposal)
    actions.cast_vote(proposal, actor=world.members[0], choice="approve")
    actions.cast_vote(
        proposal, actor=world.members[1], choice="recused", conflict="Spouse works at PlateCo"
    )
    with pytest.raises(Refused) as refused:
        actions.decide(
            proposal,
            actor=world.members[0],
            outcome="approve",
            reasons="Fine.",
            legality_met=True,
            necessity_met=True,
            aim_met=True,
        )
    assert any("quorum" in m for m in refused.value.verdict.messages)
    assert not Decision.objects.exists()


def test_it_refuses_a_vote_by_a_conflicted_member(world: World, clock: Clock) -> None:
    proposal = draft(world)
    to_vote(world, clock, proposal)
    with pytest.raises(Refused) as refused:
        actions.cast_vote(
            proposal, actor=world.members[0], choice="approve", conflict="I own PlateCo shares"
        )
    assert "choice" in refused.value.verdict.by_field()
    assert not Vote.objects.exists()


def test_it_refuses_approval_while_a_test_is_unmet(world: World, clock: Clock) -> None:
    proposal = draft(world)
    to_vote(world, clock, proposal)
    for member in world.members[:2]:
        actions.cast_vote(proposal, actor=member, choice="approve")
    with pytest.raises(Refused) as refused:
        actions.decide(
            proposal,
            actor=world.members[0],
            outcome="approve",
            reasons="Fine.",
            legality_met=True,
            necessity_met=False,
            aim_met=True,
        )
    assert "necessity_met" in refused.value.verdict.by_field()
    assert not Decision.objects.exists()


def test_it_refuses_to_close_the_comment_early_or_decide_during_it(
    world: World, clock: Clock
) -> None:
    proposal = draft(world)
    actions.submit_proposal(proposal, actor=world.official, days=30)
    with pytest.raises(ValidationError):
        actions.close_comment(proposal, actor=world.members[0])
    with pytest.raises(Refused):
        actions.decide(
            proposal,
            actor=world.members[0],
            outcome="approve",
            reasons="Fine.",
            legality_met=True,
            necessity_met=True,
            aim_met=True,
        )
    proposal.refresh_from_db()
    assert proposal.status == "consultation"


def test_it_refuses_a_decision_before_every_comment_is_considered(
    world: World, clock: Clock
) -> None:
    proposal = draft(world)
    through_comment(world, clock, proposal)
    for member in world.members[:2]:
        actions.cast_vote(proposal, actor=member, choice="approve")
    with pytest.raises(Refused) as refused:
        actions.decide(
            proposal,
            actor=world.members[0],
            outcome="approve",
            reasons="Fine.",
            legality_met=True,
            necessity_met=True,
            aim_met=True,
        )
    fields = refused.value.verdict.by_field()
    assert "analysis" in fields and "consultation" in fields


def test_it_rejects_and_keeps_the_technology_out_of_use(world: World, clock: Clock) -> None:
    proposal = draft(world)
    to_vote(world, clock, proposal)
    for member in world.members:
        actions.cast_vote(proposal, actor=member, choice="reject")
    actions.decide(
        proposal,
        actor=world.members[0],
        outcome="reject",
        reasons="Necessity not shown.",
        legality_met=True,
        necessity_met=False,
        aim_met=True,
    )
    holding = holding_of(proposal)
    assert holding.status == "not_approved"
    with pytest.raises(Refused):
        actions.draft_policy(holding, actor=world.official, texts=POLICY)


def test_outsiders_cannot_act_for_the_body_or_the_agency(world: World, clock: Clock) -> None:
    proposal = draft(world)
    to_vote(world, clock, proposal)
    for actor in (world.outsider, world.official, world.official_b):
        with pytest.raises(Refused):
            actions.cast_vote(proposal, actor=actor, choice="approve")
        with pytest.raises(Refused):
            actions.record_meeting(
                proposal,
                actor=actor,
                held_at=timezone.now(),
                place="x",
                attendance=1,
                summary="x",
                minutes="x",
            )
    assert not Vote.objects.exists() and Meeting.objects.count() == 1
    approve(world, proposal)
    holding = holding_of(proposal)
    for actor in (world.outsider, world.official_b, world.members[0]):
        with pytest.raises(Refused):
            actions.draft_policy(holding, actor=actor, texts=POLICY)
        with pytest.raises(Refused):
            actions.file_annual_report(holding, actor=actor, year=2026, uses_count=1, texts=REPORT)
    for actor in (world.outsider, world.official):
        with pytest.raises(Refused):
            actions.suspend(holding, actor=actor, reasons="No.")
    holding.refresh_from_db()
    assert holding.status == "approved" and not holding.policies.exists()


def test_it_flags_overdue_reports(world: World, clock: Clock, settings: Any) -> None:
    settings.PROCUREMENT_NOTICE_DAYS = 0
    proposal = draft(world)
    to_vote(world, clock, proposal)
    approve(world, proposal)
    holding = holding_of(proposal)
    actions.approve_policy(
        actions.draft_policy(holding, actor=world.official, texts=POLICY), actor=world.members[0]
    )
    actions.record_deployment(
        holding,
        actor=world.official,
        place="Harbour Road",
        started_on=timezone.localdate(),
        data_volume="-",
    )
    year = timezone.localdate().year
    later = timezone.localdate().replace(year=year + 1, month=12, day=1)
    assert actions.use.overdue_years(holding, later) == [year]
    assert actions.use.overdue_years(holding, timezone.localdate()) == []


def test_it_refuses_a_body_that_does_not_oversee_the_agency(world: World) -> None:
    from oversight.registry.models import Jurisdiction, Organisation

    elsewhere = Jurisdiction.objects.create(code="XT", name="Elsewhere")
    board = Organisation.objects.create(
        slug="lenient", name="Lenient Board", kind="oversight_body"
    )
    lenient = actions.create_body(
        actor=world.admin, organisation=board, jurisdiction=elsewhere, quorum=1
    )
    with pytest.raises(Refused) as refused:
        actions.create_proposal(
            actor=world.official,
            agency=world.agency,
            body=lenient,
            technology=world.tool,
            kind="acquisition",
            title="Plate readers",
        )
    assert "body" in refused.value.verdict.by_field()
    assert not Proposal.objects.exists()


def test_a_member_whose_term_ended_cannot_vote(world: World, clock: Clock) -> None:
    from oversight.procurement.models import Membership

    proposal = draft(world)
    to_vote(world, clock, proposal)
    Membership.objects.filter(user=world.members[2]).update(
        term_end=timezone.localdate() - timedelta(days=1)
    )
    with pytest.raises(Refused) as refused:
        actions.cast_vote(proposal, actor=world.members[2], choice="approve")
    assert "member" in refused.value.verdict.by_field()
    assert not Vote.objects.exists()
