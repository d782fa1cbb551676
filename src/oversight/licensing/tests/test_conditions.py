"""Typed licence conditions (issue 14, section 5): set by the officer with an evidence
deadline, evidenced by the holder, assessed; missed deadlines flag the licence and open a
suspension proposal, through the worker, with no command typed."""

from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from oversight.core.models import AuditEntry
from oversight.core.rules import Refused
from oversight.licensing import actions
from oversight.licensing.actions import conditions
from oversight.licensing.models import Licence, LicenceCondition, SuspensionProposal
from oversight.licensing.tests.flow import to_decision
from oversight.licensing.tests.helpers import World
from oversight.ops.tests.helpers import worker_pass
from oversight.ops.tests.test_scheduled_work import TravellingClock

pytestmark = pytest.mark.django_db


def issue(world: World, clock: Any) -> Licence:
    app = to_decision(world, clock)
    actions.decide_application(
        app,
        outcome="issued",
        reasons=["Fine."],
        valid_until=timezone.localdate() + timedelta(days=365),
        actor=world.officer,
    )
    return Licence.objects.get(application=app)


def usage_report(world: World, licence: Licence, days: int = 30) -> LicenceCondition:
    return conditions.set_condition(
        licence,
        kind="usage_report",
        terms="Report every use of the interception capability, by month.",
        evidence_due=timezone.localdate() + timedelta(days=days),
        actor=world.officer,
    )


def test_it_flags_a_usage_report_condition_when_its_deadline_passes(world: World) -> None:
    with time_machine.travel(timezone.now().replace(microsecond=0), tick=False) as traveller:
        licence = issue(world, TravellingClock(traveller))
        condition = usage_report(world, licence, days=10)
        worker_pass()
        assert LicenceCondition.objects.get(pk=condition.pk).status == "pending"

        traveller.shift(timedelta(days=11))
        worker_pass()  # no command typed: the worker's hourly job
        condition.refresh_from_db()
        licence.refresh_from_db()
        assert condition.status == "overdue"
        assert condition.overdue_since == timezone.localdate()
        assert licence.flagged_for_review and f"Condition #{condition.pk}" in licence.flags[-1]
        assert licence.status == "active"  # proposed, never suspended by the system
        proposal = SuspensionProposal.objects.get(licence=licence)
        assert (proposal.state, proposal.condition_id) == ("open", condition.pk)
        assert AuditEntry.objects.filter(action="licensing.condition.overdue").count() == 1

        traveller.shift(timedelta(hours=2))
        worker_pass()  # idempotent: nothing new
        assert SuspensionProposal.objects.count() == 1
        assert AuditEntry.objects.filter(action="licensing.condition.overdue").count() == 1


def test_it_does_not_flag_a_condition_met_in_time(world: World, clock: Any) -> None:
    licence = issue(world, clock)
    condition = usage_report(world, licence, days=10)
    conditions.submit_evidence(
        condition, evidence="Report of March, ref. UR-3.", actor=world.member
    )
    conditions.assess_evidence(condition, met=True, reasons=["Complete."], actor=world.officer)
    assert conditions.check_condition_deadlines(timezone.localdate() + timedelta(days=30)) == 0
    condition.refresh_from_db()
    assert (condition.status, condition.met_on) == ("met", timezone.localdate())
    assert not Licence.objects.get(pk=licence.pk).flagged_for_review


def test_insufficient_evidence_after_the_deadline_is_overdue_at_once(
    world: World, clock: Any
) -> None:
    licence = issue(world, clock)
    condition = usage_report(world, licence, days=1)
    conditions.submit_evidence(condition, evidence="Something.", actor=world.member)
    clock.advance(days=3)
    conditions.assess_evidence(
        condition, met=False, reasons=["Not a usage report."], actor=world.officer
    )
    assert LicenceCondition.objects.get(pk=condition.pk).status == "overdue"
    assert SuspensionProposal.objects.filter(licence=licence, state="open").count() == 1


def test_it_refuses_a_bad_condition_naming_every_field(world: World, clock: Any) -> None:
    licence = issue(world, clock)
    with pytest.raises(Refused) as refused:
        conditions.set_condition(
            licence,
            kind="promise",
            terms=" ",
            evidence_due=date(2000, 1, 1),
            auditor=world.exporter_b,
            actor=world.officer,
        )
    assert set(refused.value.message_dict) == {"kind", "terms", "evidence_due", "auditor"}
    with pytest.raises(Refused) as refused:
        conditions.set_condition(
            licence, kind="audit", terms="Audit the deployment.", evidence_due=None,
            actor=world.officer,
        )  # fmt: skip
    assert set(refused.value.message_dict) == {"evidence_due", "auditor"}
    assert LicenceCondition.objects.count() == 0


def test_it_lets_only_the_states_officer_set_or_assess_and_the_holder_evidence(
    world: World, clock: Any
) -> None:
    licence = issue(world, clock)
    for outsider in (world.member, world.officer_de, world.reviewer, world.member_b):
        with pytest.raises(PermissionDenied):
            conditions.set_condition(
                licence, kind="usage_report", terms="x", evidence_due=timezone.localdate(),
                actor=outsider,
            )  # fmt: skip
    assert LicenceCondition.objects.count() == 0
    condition = usage_report(world, licence)
    for outsider in (world.officer, world.member_b):
        with pytest.raises(PermissionDenied):
            conditions.submit_evidence(condition, evidence="Mine.", actor=outsider)
    for outsider in (world.member, world.officer_de):
        with pytest.raises(PermissionDenied):
            conditions.assess_evidence(condition, met=True, reasons=["ok"], actor=outsider)
    assert LicenceCondition.objects.get(pk=condition.pk).status == "pending"


def test_the_officer_accepts_or_declines_a_proposal_with_reasons(world: World, clock: Any) -> None:
    licence = issue(world, clock)
    actions.flag_licence(licence, reason="Substantiated misuse report #7: review.")
    proposal = SuspensionProposal.objects.get(licence=licence)
    with pytest.raises(Refused) as refused:
        conditions.decide_proposal(proposal, suspend=True, reasons=[" "], actor=world.officer)
    assert "reasons" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        conditions.decide_proposal(proposal, suspend=True, reasons=["x"], actor=world.officer_de)
    assert Licence.objects.get(pk=licence.pk).status == "active"
    conditions.decide_proposal(
        proposal, suspend=True, reasons=["Until the report is answered."], actor=world.officer
    )
    licence.refresh_from_db()
    assert licence.status == "suspended"
    assert "Substantiated misuse report #7: review." in licence.status_reasons
    assert SuspensionProposal.objects.get(pk=proposal.pk).state == "suspended"
