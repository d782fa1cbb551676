"""Casework (#14 §3-4): rulings, catch-all notifications, routing, clocks, countersigning,
questions to the applicant and bulk approval, through the actions."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from oversight.accounts.models import Role
from oversight.accounts.tests.helpers import Clock, make_user, signed_in, waiting
from oversight.core.models import AuditEntry
from oversight.licensing import actions, casework, screening
from oversight.licensing import casework_rules as rules
from oversight.licensing.actions import Changed, rulings
from oversight.licensing.actions import casework as work
from oversight.licensing.actions.routing import route_case
from oversight.licensing.events import Event
from oversight.licensing.models import (
    Advice,
    Application,
    CaseFile,
    CatchAllNotification,
    Countersignature,
    Decision,
    Question,
    RulingRequest,
    Status,
)
from oversight.licensing.tests.flow import to_decision
from oversight.licensing.tests.helpers import World, complete_draft

pytestmark = pytest.mark.django_db


def _entries(action: str) -> int:
    return AuditEntry.objects.filter(action=action).count()


def _ruling(world: World) -> RulingRequest:
    values = {
        "item_name": "Packet broker X2",
        "description": "Aggregates and filters network traffic for analysis tools.",
        "technical_specs": "100 Gbit/s, no decryption.",
        "confidential_details": "Customer: Gulf Telecom; price EUR 90,000.",
    }
    return rulings.request_ruling(world.exporter, values, actor=world.member)


# Classification rulings ---------------------------------------------------------------


def test_it_answers_a_ruling_and_audits_it(world: World) -> None:
    ruling = _ruling(world)
    assert ruling.reference.startswith("CR-GB-")
    assert ruling.due_on == timezone.localdate() + timedelta(days=30)
    answered = rulings.answer_ruling(
        ruling,
        controlled=True,
        control_entry="5.A.1.j",
        reasoning="Lawful interception function.",
        actor=world.officer,
    )
    assert (answered.state, answered.control_entry.code, answered.late) == (  # type: ignore[union-attr]
        "answered",
        "5.A.1.j",
        False,
    )
    assert _entries(Event.RULING_ANSWERED) == 1
    entry = AuditEntry.objects.get(action=Event.RULING_REQUESTED)
    assert "Gulf Telecom" not in str(entry.changes)  # the confidential details stay out


def test_it_flags_a_ruling_answered_after_its_deadline(world: World) -> None:
    ruling = _ruling(world)
    with time_machine.travel(timezone.now() + timedelta(days=45)):
        answered = rulings.answer_ruling(
            ruling,
            controlled=False,
            control_entry="",
            reasoning="Not listed.",
            actor=world.officer,
        )
    assert answered.late is True
    entry = AuditEntry.objects.get(action=Event.RULING_ANSWERED)
    assert entry.changes["late"] == [False, True]
    assert any("after its deadline" in r for r in entry.reasons)


def test_it_refuses_a_ruling_without_reasoning_naming_each_field(world: World) -> None:
    ruling = _ruling(world)
    with pytest.raises(ValidationError) as caught:
        rulings.answer_ruling(
            ruling, controlled=True, control_entry="", reasoning=" ", actor=world.officer
        )
    assert set(caught.value.message_dict) == {"control_entry", "reasoning"}
    ruling.refresh_from_db()
    assert (ruling.state, ruling.version, _entries(Event.RULING_ANSWERED)) == ("requested", 1, 0)


@pytest.mark.parametrize("who", ["officer_de", "member", "reviewer"])
def test_it_lets_no_one_but_an_officer_of_the_state_answer_a_ruling(
    world: World, who: str
) -> None:
    ruling = _ruling(world)
    with pytest.raises(PermissionDenied):
        rulings.answer_ruling(
            ruling, controlled=False, control_entry="", reasoning="No.", actor=getattr(world, who)
        )
    ruling.refresh_from_db()
    assert ruling.state == "requested"


def test_it_refuses_a_ruling_request_from_another_company(world: World) -> None:
    with pytest.raises(PermissionDenied):
        rulings.request_ruling(
            world.exporter, {"item_name": "X", "description": "Y"}, actor=world.member_b
        )
    assert RulingRequest.objects.count() == 0


def test_it_refuses_a_ruling_request_without_a_description_naming_the_field(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        rulings.request_ruling(world.exporter, {"item_name": ""}, actor=world.member)
    assert set(caught.value.message_dict) == {"item_name", "description"}
    assert RulingRequest.objects.count() == 0


def test_it_lets_a_draft_cite_only_a_published_ruling(world: World) -> None:
    ruling = _ruling(world)
    app = complete_draft(world)
    with pytest.raises(ValidationError) as caught:
        rulings.cite_ruling(app, ruling, actor=world.member)
    assert "ruling" in caught.value.message_dict
    rulings.answer_ruling(
        ruling, controlled=True, control_entry="5.A.1.j", reasoning="Yes.", actor=world.officer
    )
    ruling.refresh_from_db()
    rulings.cite_ruling(app, ruling, line=1, actor=world.member)
    rulings.cite_ruling(app, ruling, line=1, actor=world.member)  # again: nothing new
    assert app.cited_rulings.count() == 1
    assert _entries(Event.RULING_CITED) == 1


# Catch-all notifications --------------------------------------------------------------


def _notify(world: World) -> CatchAllNotification:
    values = {
        "technology": world.vault,
        "destination_id": "ae",
        "end_user": "Interior Ministry",
        "concern": "The end user monitors journalists.",
    }
    return rulings.notify_catch_all(world.exporter, values, actor=world.member)


def test_it_treats_a_notified_item_as_controlled_for_its_destination(world: World) -> None:
    note = _notify(world)
    app = complete_draft(world, technology=world.vault)  # an encryption-only item
    checks = {c.rule: c for c in screening.run(app, timezone.localdate())}
    assert checks["catch_all"].ok is False
    assert note.reference in " ".join(checks["catch_all"].reasons)
    assert checks["encryption"].effect == "pass"  # never "no licence required"
    rulings.decide_catch_all(
        note, licence_required=False, reasons=["Not a risk."], actor=world.officer
    )
    checks = {c.rule: c for c in screening.run(app, timezone.localdate())}
    assert "catch_all" not in checks
    assert checks["encryption"].effect == "exempt"


def test_it_flags_a_catch_all_decided_after_its_deadline(world: World) -> None:
    note = _notify(world)
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        decided = rulings.decide_catch_all(
            note, licence_required=True, reasons=["Repression risk."], actor=world.officer
        )
    assert (decided.state, decided.late) == ("licence_required", True)
    assert _entries(Event.CATCH_ALL_LICENCE_REQUIRED) == 1


def test_it_refuses_a_catch_all_decision_without_reasons_and_changes_nothing(
    world: World,
) -> None:
    note = _notify(world)
    with pytest.raises(ValidationError) as caught:
        rulings.decide_catch_all(note, licence_required=None, reasons=[""], actor=world.officer)
    assert set(caught.value.message_dict) == {"licence_required", "reasons"}
    note.refresh_from_db()
    assert (note.state, note.version) == ("notified", 1)


def test_it_lets_no_officer_of_another_state_decide_a_catch_all(world: World) -> None:
    note = _notify(world)
    with pytest.raises(PermissionDenied):
        rulings.decide_catch_all(
            note, licence_required=True, reasons=["x"], actor=world.officer_de
        )
    note.refresh_from_db()
    assert note.state == "notified"


def test_it_refuses_a_notification_for_another_company_s_product(world: World) -> None:
    from oversight.registry.models import Technology

    other = Technology.objects.create(slug="b-tool", name="B", vendor=world.exporter_b)
    values = {"technology": other, "destination_id": "AE", "concern": "Risk."}
    with pytest.raises(ValidationError) as caught:
        rulings.notify_catch_all(world.exporter, values, actor=world.member)
    assert "technology" in caught.value.message_dict
    assert CatchAllNotification.objects.count() == 0


# Queues and routing -------------------------------------------------------------------


def _queues(world: World) -> dict[str, Any]:
    team = work.set_up_team(world.gb, "cyber", "Cyber team", actor=None)
    senior = work.set_up_team(world.gb, "senior", "Senior officers", actor=None)
    high = work.set_up_queue(team, "gb-high-risk", "High risk", target_days=30, actor=None)
    routine = work.set_up_queue(team, "gb-routine", "Routine", target_days=10, actor=None)
    work.set_routing_rule(world.gb, 10, "Gulf", {"destination": ["AE"]}, high, actor=None)
    work.set_routing_rule(world.gb, 99, "Everything else", {}, routine, actor=None)
    return {"team": team, "senior": senior, "high": high, "routine": routine}


def test_it_routes_a_submitted_case_to_a_queue_without_deciding_it(world: World) -> None:
    queues = _queues(world)
    app = complete_draft(world)
    actions.submit_application(app, actor=world.member, key="route-key-0001")
    case = CaseFile.objects.get(application=app)
    assert case.queue == queues["high"]
    assert case.rule == "Gulf"
    assert case.facts["destination"] == "AE"
    app.refresh_from_db()
    assert app.status not in {Status.ISSUED, Status.REFUSED, Status.EXEMPT}
    assert not Decision.objects.filter(application=app).exists()
    routed = _entries(Event.CASE_ROUTED)
    route_case(app)  # nothing changed: no new entry
    assert _entries(Event.CASE_ROUTED) == routed


def test_it_routes_again_when_the_rules_change(world: World) -> None:
    queues = _queues(world)
    app = complete_draft(world)
    actions.submit_application(app, actor=world.member, key="route-key-0002")
    gulf = {"destination": ["SA"]}
    work.set_routing_rule(world.gb, 10, "Gulf", gulf, queues["high"], actor=None)
    assert CaseFile.objects.get(application=app).queue == queues["routine"]


def test_it_refuses_a_rule_on_an_unknown_fact_naming_the_field(world: World) -> None:
    queues = _queues(world)
    with pytest.raises(ValidationError) as caught:
        work.set_routing_rule(world.gb, 5, "Bad", {"colour": ["red"]}, queues["high"], actor=None)
    assert "conditions" in caught.value.message_dict
    assert [r.name for r in casework.routing_rules("GB")] == ["Gulf", "Everything else"]


def test_it_routes_on_control_entries_flags_and_matches() -> None:
    found = [
        rules.Rule(1, "Matches", {"red_flag_matches": 1}, "flags"),
        rules.Rule(2, "Entries", {"control_entries": ["5.A.1.j"]}, "entries"),
        rules.Rule(3, "Flagged", {"flags": ["flagged_for_review"]}, "flagged"),
    ]
    base = {"red_flag_matches": 0, "control_entries": [], "flags": []}
    assert rules.route(found, {**base, "red_flag_matches": 2}).queue == "flags"
    assert rules.route(found, {**base, "control_entries": ["5.A.1.j"]}).queue == "entries"
    assert rules.route(found, {**base, "flags": ["flagged_for_review"]}).queue == "flagged"
    assert rules.route(found, base).queue == ""


def test_it_stops_the_clock_while_a_question_is_open() -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    pauses = [(start + timedelta(days=2), start + timedelta(days=7))]
    assert rules.elapsed_days(start, start + timedelta(days=10), pauses) == 5.0
    open_pause = [(start + timedelta(days=8), None)]
    assert rules.elapsed_days(start, start + timedelta(days=10), open_pause) == 8.0


def test_it_measures_a_queue_s_service_level() -> None:
    level = rules.service_level([3.0, 8.0, 12.0, 25.0], target=10)
    assert (level.decided, level.within_target, level.share, level.median_days) == (
        4,
        2,
        0.5,
        10.0,
    )
    assert rules.service_level([], 10).share is None


# Questions to the applicant -----------------------------------------------------------


def test_it_asks_reminds_once_and_takes_the_answer(
    world: World, clock: Clock, django_capture_on_commit_callbacks: Any
) -> None:
    app = to_decision(world, clock)
    question = work.ask_question(app, "Who operates the end user's network?", actor=world.officer)
    assert casework.waiting_on_applicant(app)
    assert work.remind_questions(timezone.now()) == 0  # not yet near its deadline
    clock.advance(days=16)
    with django_capture_on_commit_callbacks(execute=True):
        assert work.remind_questions(timezone.now()) == 1
    assert work.remind_questions(timezone.now()) == 0  # once
    assert "Reminder" in mail.outbox[-1].subject
    with pytest.raises(PermissionDenied):
        work.answer_question(question, "Me.", actor=world.member_b)
    with pytest.raises(ValidationError) as caught:
        work.answer_question(question, " ", actor=world.member)
    assert "answer" in caught.value.message_dict
    work.answer_question(question, "The regulator itself.", actor=world.member)
    question.refresh_from_db()
    assert question.state == Question.State.ANSWERED
    assert not casework.waiting_on_applicant(app)


def test_it_refuses_a_question_from_someone_not_the_state_s_officer(
    world: World, clock: Clock
) -> None:
    app = to_decision(world, clock)
    for who in (world.officer_de, world.member, world.reviewer):
        with pytest.raises(PermissionDenied):
            work.ask_question(app, "Why?", actor=who)
    with pytest.raises(ValidationError) as caught:
        work.ask_question(app, "", reply_days=0, actor=world.officer)
    assert set(caught.value.message_dict) == {"text", "reply_days"}
    assert app.questions.count() == 0


# Countersigning -----------------------------------------------------------------------


def _chain(world: World) -> tuple[Any, Any]:
    queues = _queues(world)
    first = make_user("senior-1", Role.LICENSING_OFFICER, jurisdiction="GB")
    second = make_user("senior-2", Role.LICENSING_OFFICER, jurisdiction="GB")
    work.add_team_member(queues["team"], first, countersigner=True, actor=None)
    work.add_team_member(queues["senior"], second, countersigner=True, actor=None)
    work.set_countersign_step(world.gb, 1, queues["team"], "Team lead", actor=None)
    work.set_countersign_step(world.gb, 2, queues["senior"], "Head of licensing", actor=None)
    return first, second


REFUSAL: dict[str, Any] = {
    "outcome": "refused",
    "reasons": ["The end user surveils journalists."],
    "cited": ["end_user_record"],
    "justification": "The review missed the end user's record.",
}


def test_it_issues_a_refusal_only_once_the_chain_has_countersigned(
    world: World, clock: Clock
) -> None:
    first, second = _chain(world)
    app = to_decision(world, clock)
    with pytest.raises(ValidationError) as caught:
        actions.decide_application(app, actor=world.officer, **REFUSAL)
    assert "countersignatures" in caught.value.message_dict
    advice = work.draft_advice(app, REFUSAL, actor=world.officer)
    assert advice.needs == ["A refusal is countersigned."]
    with pytest.raises(ValidationError) as caught:
        work.countersign(advice, actor=second)  # out of order: step 1 is the team's
    assert "signer" in caught.value.message_dict
    with pytest.raises(ValidationError):
        work.countersign(advice, actor=world.officer)  # the drafter
    with pytest.raises(ValidationError) as caught:
        work.issue_advice(advice, actor=world.officer)
    assert "countersignatures" in caught.value.message_dict
    work.countersign(advice, actor=first, comment="Agreed.")
    work.countersign(advice, actor=second)
    decision = work.issue_advice(advice, actor=world.officer)
    app.refresh_from_db()
    assert (app.status, decision.outcome) == (Status.REFUSED, "refused")
    advice.refresh_from_db()
    assert advice.state == Advice.State.ISSUED
    assert _entries(Event.ADVICE_COUNTERSIGNED) == 2


def test_it_cancels_the_countersignatures_when_the_advice_is_edited(
    world: World, clock: Clock
) -> None:
    first, _second = _chain(world)
    app = to_decision(world, clock)
    advice = work.draft_advice(app, REFUSAL, actor=world.officer)
    work.countersign(advice, actor=first)
    edited = work.draft_advice(
        app, {**REFUSAL, "reasons": ["Reworded reasons."]}, actor=world.officer
    )
    assert edited.pk == advice.pk and edited.version == 2
    signature = Countersignature.objects.get(advice=advice)
    assert signature.cancelled_at is not None
    assert casework.signed(edited) == []
    assert _entries(Event.COUNTERSIGNATURES_CANCELLED) == 1
    with pytest.raises(Changed):
        work.countersign(edited, actor=first, expected_version=1)


def test_it_lets_no_outsider_countersign(world: World, clock: Clock) -> None:
    _chain(world)
    app = to_decision(world, clock)
    advice = work.draft_advice(app, REFUSAL, actor=world.officer)
    for who in (world.officer_de, world.member, world.officer_2):
        with pytest.raises(ValidationError) as caught:
            work.countersign(advice, actor=who)
        assert "signer" in caught.value.message_dict
    assert Countersignature.objects.count() == 0
    with pytest.raises(PermissionDenied):
        work.draft_advice(app, REFUSAL, actor=world.officer_de)


def test_it_countersigns_an_approval_to_a_high_risk_destination(
    world: World, clock: Clock, settings: Any
) -> None:
    _chain(world)
    app = to_decision(world, clock)
    assert casework.needs(app, "issued") == []
    settings.LICENSING_HIGH_RISK_DESTINATIONS = ["AE"]
    why = casework.needs(app, "issued")
    assert why[0] == "An approval to a high-risk destination is countersigned:"


# Bulk approval ------------------------------------------------------------------------


def test_it_approves_in_bulk_only_the_routine_cases_each_with_its_own_decision(
    world: World, clock: Clock
) -> None:
    routine = to_decision(world, clock)
    other = to_decision(world, clock)
    work.ask_question(other, "Which network?", actor=world.officer)
    results = work.bulk_approve(
        [routine, other], reasons=["Routine: every rule passes."], actor=world.officer
    )
    by_ref = {r.reference: r for r in results}
    assert by_ref[routine.reference].decided is True
    assert by_ref[other.reference].decided is False
    assert "A question to the applicant is open." in by_ref[other.reference].reasons
    assert Decision.objects.filter(application=routine).count() == 1
    assert not Decision.objects.filter(application=other).exists()
    other.refresh_from_db()
    assert other.status == Status.DECISION
    assert _entries(Event.BULK_APPROVAL) == 2  # one per case


def test_it_refuses_bulk_approval_by_an_outsider_and_changes_nothing(
    world: World, clock: Clock
) -> None:
    app = to_decision(world, clock)
    with pytest.raises(PermissionDenied):
        work.bulk_approve([app], reasons=["Routine."], actor=world.officer_de)
    with pytest.raises(ValidationError) as caught:
        work.bulk_approve([app], reasons=[" "], actor=world.officer)
    assert "reasons" in caught.value.message_dict
    assert not Decision.objects.filter(application=app).exists()
    assert Application.objects.get(pk=app.pk).status == Status.DECISION


def test_it_counts_a_case_s_days_without_the_time_waiting_for_the_applicant(
    world: World, clock: Clock
) -> None:
    app = to_decision(world, clock)  # submitted, then two days of consultation
    before = casework.clock_days(app, timezone.now())
    question = work.ask_question(app, "Which network?", actor=world.officer)
    clock.advance(days=6)
    assert casework.clock_days(app, timezone.now()) == before  # stopped while it is open
    work.answer_question(question, "The regulator's.", actor=world.member)
    clock.advance(days=1)
    assert casework.clock_days(app, timezone.now()) == pytest.approx((before or 0) + 1, abs=0.1)


def test_it_keeps_a_case_that_must_be_countersigned_out_of_bulk_approval(
    world: World, clock: Clock, settings: Any
) -> None:
    _chain(world)
    settings.LICENSING_HIGH_RISK_DESTINATIONS = ["AE"]
    app = to_decision(world, clock)
    [result] = work.bulk_approve([app], reasons=["Routine."], actor=world.officer)
    assert result.decided is False
    assert "It must be countersigned." in result.reasons
    assert Application.objects.get(pk=app.pk).status == Status.DECISION


def test_it_puts_assigned_cases_and_open_questions_on_the_dashboards(
    world: World, clock: Clock
) -> None:
    app = to_decision(world, clock)
    work.assign_case(app, world.officer, actor=world.officer)
    work.ask_question(app, "Who operates the end user's network?", actor=world.officer)
    assert waiting(signed_in(world.officer))["Cases assigned to you"] == 1
    assert "Cases assigned to you" not in waiting(signed_in(world.officer_2))
    assert waiting(signed_in(world.member))["Questions from the authority to answer"] == 1
    assert "Questions from the authority to answer" not in waiting(signed_in(world.member_b))
