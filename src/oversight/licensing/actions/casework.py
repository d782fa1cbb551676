"""Casework writes: set-up (teams, queues, routing rules, the chain), routing and
assignment, questions to the applicant, the advice and its countersignatures, and bulk
approval. Each runs in a transaction and writes its audit entry.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.accounts.access import has_role
from oversight.accounts.models import Role
from oversight.core import audit
from oversight.licensing import casework, decisions
from oversight.licensing import casework_rules as rules
from oversight.licensing.actions.base import Changed, lock, require_independent, require_status
from oversight.licensing.actions.deciding import decide_application
from oversight.licensing.actions.routing import case_file, reroute_open
from oversight.licensing.events import Event
from oversight.licensing.models import (
    Advice,
    Application,
    CaseFile,
    Countersignature,
    CountersignStep,
    Decision,
    Question,
    Queue,
    RoutingRule,
    Status,
    Team,
    TeamMember,
)
from oversight.licensing.models.applications import FINAL
from oversight.registry.models import Jurisdiction

OFFICER = Role.LICENSING_OFFICER


def _require_officer(actor: Any, state: str) -> None:
    if not has_role(actor, OFFICER, jurisdiction=state):
        raise PermissionDenied(_("Only a licensing officer of this State may do this."))


# Set-up (the authority's administrator or the demo) ----------------------------------


def set_up_team(jurisdiction: Jurisdiction, slug: str, name: str, *, actor: Any) -> Team:
    with transaction.atomic():
        team, created = Team.objects.get_or_create(
            jurisdiction=jurisdiction, slug=slug, defaults={"name": name}
        )
        if created:
            audit.record(Event.TEAM_SET_UP, team, actor=actor, changes={"name": [None, name]})
    return team


def add_team_member(team: Team, user: Any, *, countersigner: bool, actor: Any) -> TeamMember:
    """Members are licensing officers of the team's State (refused otherwise)."""
    if not has_role(user, OFFICER, jurisdiction=team.jurisdiction_id):
        raise ValidationError({"user": _("A team member is a licensing officer of its State.")})
    with transaction.atomic():
        member, created = TeamMember.objects.get_or_create(
            team=team, user=user, defaults={"countersigner": countersigner}
        )
        if created or member.countersigner != countersigner:
            old = None if created else member.countersigner
            member.countersigner = countersigner
            member.save(update_fields=["countersigner"])
            changes = {"member": [None, user.pk], "countersigner": [old, countersigner]}
            audit.record(Event.TEAM_SET_UP, team, actor=actor, changes=changes)
    return member


def set_up_queue(team: Team, slug: str, name: str, *, target_days: int, actor: Any) -> Queue:
    if not 1 <= target_days <= 365:
        raise ValidationError({"target_days": _("Between 1 and 365 days.")})
    with transaction.atomic():
        queue, created = Queue.objects.get_or_create(
            slug=slug, defaults={"team": team, "name": name, "target_days": target_days}
        )
        if not created and queue.target_days != target_days:
            old = queue.target_days
            queue.target_days = target_days
            queue.save(update_fields=["target_days"])
            audit.record(
                Event.QUEUE_SET_UP, queue, actor=actor, changes={"target_days": [old, target_days]}
            )
        elif created:
            audit.record(Event.QUEUE_SET_UP, queue, actor=actor, changes={"name": [None, name]})
    return queue


def set_routing_rule(
    jurisdiction: Jurisdiction,
    order: int,
    name: str,
    conditions: Mapping[str, Any],
    queue: Queue,
    *,
    actor: Any,
) -> RoutingRule:
    """A rule at `order` (replacing the one there); conditions name registered facts only."""
    rules.condition_errors(conditions, casework.FACTS).enforce()
    if queue.team.jurisdiction_id != jurisdiction.code:
        raise ValidationError({"queue": _("Route only to a queue of this State.")})
    with transaction.atomic():
        row = RoutingRule.objects.filter(jurisdiction=jurisdiction, order=order).first()
        new = {"name": name, "conditions": dict(conditions), "queue": queue.pk, "active": True}
        if row is None:
            row = RoutingRule.objects.create(
                jurisdiction=jurisdiction, order=order, name=name,
                conditions=dict(conditions), queue=queue,
            )  # fmt: skip
            audit.record(Event.ROUTING_RULE_SET, row, actor=actor, changes={"rule": [None, new]})
            changed = True
        else:
            old = {"name": row.name, "conditions": row.conditions, "queue": row.queue_id,
                   "active": row.active}  # fmt: skip
            changed = old != new
            if changed:
                row.name, row.conditions, row.queue = name, dict(conditions), queue
                row.active = True
                row.save()
                changes = {"rule": [old, new]}
                audit.record(Event.ROUTING_RULE_SET, row, actor=actor, changes=changes)
    if changed:
        reroute_open(jurisdiction.code, actor=actor)
    return row


def set_countersign_step(
    jurisdiction: Jurisdiction, order: int, team: Team, label: str, *, actor: Any
) -> CountersignStep:
    if team.jurisdiction_id != jurisdiction.code:
        raise ValidationError({"team": _("A step's team belongs to the same State.")})
    with transaction.atomic():
        step, created = CountersignStep.objects.get_or_create(
            jurisdiction=jurisdiction, order=order, defaults={"team": team, "label": label}
        )
        if created or (step.team_id, step.label) != (team.pk, label):
            old = None if created else [step.team_id, step.label]
            step.team, step.label = team, label
            step.save()
            changes = {"step": [old, [team.pk, label]]}
            audit.record(Event.COUNTERSIGN_STEP_SET, step, actor=actor, changes=changes)
    return step


# Assignment ---------------------------------------------------------------------------


def assign_case(
    application: Application,
    officer: Any | None,
    *,
    actor: Any,
    expected_version: int | None = None,
) -> CaseFile:
    """Give the case to an officer of its State (None: take it off anyone's desk)."""
    state = application.exporting_jurisdiction_id
    _require_officer(actor, state)
    if officer is not None:
        if not has_role(officer, OFFICER, jurisdiction=state):
            raise ValidationError({"officer": _("Assign to a licensing officer of this State.")})
        if has_role(officer, Role.COMPANY_MEMBER, organisation=application.exporter):
            raise ValidationError({"officer": _("That officer is a member of the applicant.")})
    with transaction.atomic():
        case = case_file(application)
        if expected_version is not None and case.version != expected_version:
            raise Changed(_("The case changed; reload the page."))
        old = case.assigned_to_id
        new = officer.pk if officer is not None else None
        if old != new:
            case.assigned_to = officer
            case.version += 1
            case.save(update_fields=["assigned_to", "version"])
            audit.record(
                Event.CASE_ASSIGNED, application, actor=actor, changes={"assigned_to": [old, new]}
            )
    return case


# Questions to the applicant -----------------------------------------------------------


def ask_question(
    application: Application, text: str, *, reply_days: int | None = None, actor: Any
) -> Question:
    """The case clock stops until the applicant answers."""
    days = settings.LICENSING_QUESTION_DAYS if reply_days is None else reply_days
    errors = {}
    if not text.strip():
        errors["text"] = _("Write the question.")
    if not 1 <= days <= 90:
        errors["reply_days"] = _("Between 1 and 90 days.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        app = lock(application)
        _require_officer(actor, app.exporting_jurisdiction_id)
        require_independent(app, actor)
        if app.status in FINAL or app.status == Status.DRAFT:
            raise ValidationError({"status": _("Questions are asked of a case being decided.")})
        now = timezone.now()
        due = rules.due_on(timezone.localdate(now), days)
        question = Question.objects.create(
            application=app, text=text.strip(), asked_by=actor, asked_at=now, reply_due=due
        )
        changes = {"question": [None, question.pk], "reply_due": [None, due]}
        audit.record(Event.QUESTION_ASKED, app, actor=actor, changes=changes)
    return question


def answer_question(question: Question, answer: str, *, actor: Any) -> Question:
    if not answer.strip():
        raise ValidationError({"answer": _("Write the answer.")})
    with transaction.atomic():
        row = (
            Question.objects.select_for_update().select_related("application").get(pk=question.pk)
        )
        app = row.application
        if not has_role(actor, Role.COMPANY_MEMBER, organisation=app.exporter):
            raise PermissionDenied(_("Only a member of the applicant answers."))
        if row.state != Question.State.OPEN:
            raise ValidationError({"answer": _("This question has already been answered.")})
        row.state = Question.State.ANSWERED
        row.answer, row.answered_by, row.answered_at = answer.strip(), actor, timezone.now()
        row.save()
        late = rules.is_overdue(row.reply_due, timezone.localdate())
        changes = {"question": [None, row.pk], "late": [None, late]}
        audit.record(Event.QUESTION_ANSWERED, app, actor=actor, changes=changes)
    return row


def remind_questions(now: datetime) -> int:
    """Remind the applicant of each open question due within the reminder window, once.

    Idempotent: a question reminded is not reminded again; a run that finds none writes
    nothing. The reminder goes to the applicant company's members by e-mail on commit.
    """
    window = timezone.localdate(now) + timedelta(days=settings.LICENSING_QUESTION_REMINDER_DAYS)
    due = Question.objects.filter(
        state=Question.State.OPEN, reminded_at=None, reply_due__lte=window
    )
    count = 0
    for pk in due.values_list("pk", flat=True).order_by("pk"):
        with transaction.atomic():
            row = Question.objects.select_for_update().select_related("application").get(pk=pk)
            if row.reminded_at is not None or row.state != Question.State.OPEN:
                continue
            row.reminded_at = now
            row.save(update_fields=["reminded_at"])
            changes = {"question": [None, row.pk], "reply_due": [None, row.reply_due]}
            audit.record(Event.QUESTION_REMINDED, row.application, actor=None,
                         actor_label="licensing.question_reminders", changes=changes)  # fmt: skip
            transaction.on_commit(lambda row=row: _send_reminder(row))  # type: ignore[misc]
            count += 1
    return count


def _send_reminder(question: Question) -> None:
    from django.core.mail import send_mail

    from oversight.accounts.models import RoleAssignment

    app = question.application
    emails = sorted(
        set(
            RoleAssignment.objects.filter(role=Role.COMPANY_MEMBER, organisation=app.exporter)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )
    if not emails:
        return
    subject = _("Reminder: a question on %(ref)s is due by %(due)s") % {
        "ref": app.reference,
        "due": question.reply_due.isoformat(),
    }
    body = _("The licensing authority asked:\n\n%(q)s\n\nAnswer on the application's page.") % {
        "q": question.text
    }
    send_mail(subject, body, None, emails)


# The advice and its countersignatures -------------------------------------------------


def _content(values: Mapping[str, Any]) -> dict[str, Any]:
    return casework.normalise(dict(values))


def _advice_errors(app: Application, content: Mapping[str, Any]) -> None:
    decisions.decision_errors(
        content["outcome"], content["reasons"], content["conditions"],
        content["valid_until"], content["cited"],
    ).enforce()  # fmt: skip


def draft_advice(application: Application, values: Mapping[str, Any], *, actor: Any) -> Advice:
    """values: outcome, reasons, conditions, cited, justification, valid_until.

    A second draft edits the current advice (and cancels its countersignatures).
    """
    content = _content(values)
    with transaction.atomic():
        app = lock(application)
        _require_officer(actor, app.exporting_jurisdiction_id)
        require_independent(app, actor)
        require_status(app, Status.DECISION)
        _advice_errors(app, content)
        current = casework.current_advice(app)
        if current is not None:
            return _edit(current, content, actor=actor)
        advice = Advice.objects.create(
            application=app, drafted_by=actor, drafted_at=timezone.now(),
            needs=casework.needs(app, content["outcome"]), **content,
        )  # fmt: skip
        changes = {"advice": [None, _loggable(content)]}
        audit.record(Event.ADVICE_DRAFTED, app, actor=actor, changes=changes, reasons=advice.needs)
    return advice


def _loggable(content: Mapping[str, Any]) -> dict[str, Any]:
    vu = content.get("valid_until")
    return {**content, "valid_until": vu.isoformat() if isinstance(vu, date) else None}


def _edit(advice: Advice, content: dict[str, Any], *, actor: Any) -> Advice:
    old = {
        "outcome": advice.outcome, "reasons": advice.reasons, "conditions": advice.conditions,
        "cited": sorted(advice.cited), "justification": advice.justification,
        "valid_until": advice.valid_until,
    }  # fmt: skip
    if old == content:
        return advice
    app = advice.application
    for name, value in content.items():
        setattr(advice, name, value)
    advice.needs = casework.needs(app, content["outcome"])
    advice.version += 1
    advice.save()
    changes = {"advice": [_loggable(old), _loggable(content)], "version": [advice.version - 1,
               advice.version]}  # fmt: skip
    audit.record(Event.ADVICE_EDITED, app, actor=actor, changes=changes)
    live = advice.countersignatures.filter(cancelled_at=None)
    cancelled = list(live.values_list("pk", flat=True))
    if cancelled:
        live.update(cancelled_at=timezone.now(), cancelled_because=_("The advice was edited."))
        audit.record(
            Event.COUNTERSIGNATURES_CANCELLED, app, actor=actor,
            changes={"countersignatures": [cancelled, []]},
            reasons=[_("The advice was edited after it was countersigned.")],
        )  # fmt: skip
    return advice


def countersign(
    advice: Advice, *, actor: Any, comment: str = "", expected_version: int | None = None
) -> Countersignature:
    """The next step of the chain, by a countersigner of its team; in order, once each."""
    with transaction.atomic():
        row = Advice.objects.select_for_update().select_related("application").get(pk=advice.pk)
        app = row.application
        if row.state != Advice.State.DRAFT:
            raise ValidationError({"advice": _("This advice has been issued.")})
        if expected_version is not None and row.version != expected_version:
            raise Changed(_("The advice was edited since you read it; read it again."))
        steps = casework.chain(app.exporting_jurisdiction_id)
        signed = casework.signed(row)
        verdict = rules.countersign_errors(
            steps, signed, signer=actor.pk, drafter=row.drafted_by_id,
            member_of_applicant=has_role(actor, Role.COMPANY_MEMBER, organisation=app.exporter),
            officer_of_state=has_role(actor, OFFICER, jurisdiction=app.exporting_jurisdiction_id),
        )  # fmt: skip
        verdict.enforce()
        step = rules.next_step(steps, signed)
        assert step is not None  # countersign_errors refuses a complete chain
        sig = Countersignature.objects.create(
            advice=row, step=step.order, label=step.label, advice_version=row.version,
            signer=actor, signed_at=timezone.now(), comment=comment.strip(),
        )  # fmt: skip
        changes = {"step": [None, step.order], "advice_version": [None, row.version]}
        reasons = [comment.strip()] if comment.strip() else []
        audit.record(
            Event.ADVICE_COUNTERSIGNED, app, actor=actor, changes=changes, reasons=reasons
        )
    return sig


def issue_advice(advice: Advice, *, actor: Any, expected_version: int | None = None) -> Decision:
    """Issue the advice as the decision, once every countersignature it needs is given."""
    with transaction.atomic():
        row = Advice.objects.select_for_update().select_related("application").get(pk=advice.pk)
        if expected_version is not None and row.version != expected_version:
            raise Changed(_("The advice changed; reload the page."))
        if row.state != Advice.State.DRAFT:
            raise ValidationError({"advice": _("This advice has been issued.")})
        decision = decide_application(
            row.application, outcome=row.outcome, reasons=row.reasons,
            conditions=row.conditions, valid_until=row.valid_until, cited=row.cited,
            justification=row.justification, actor=actor,
        )  # fmt: skip
        row.state = Advice.State.ISSUED
        row.save(update_fields=["state"])
        changes = {"decision": [None, decision.reference], "advice_version": [None, row.version]}
        audit.record(Event.ADVICE_ISSUED, row.application, actor=actor, changes=changes)
    return decision


# Bulk approval ------------------------------------------------------------------------


@dataclass(frozen=True)
class BulkResult:
    reference: str
    decided: bool
    reasons: list[str]
    decision: str = ""


def routine_facts(app: Application) -> rules.Routine:
    results = casework._screening(app)
    review = app.reviews.order_by("-submitted_at").first()
    extra = casework.FACTS.get("watchlist_matches")
    matches = casework._matches(results) + int(extra(app, results) if extra else 0)
    return rules.Routine(
        awaiting_decision=app.status == Status.DECISION,
        failed_checks=tuple(str(r["title"]) for r in results if not r.get("ok", True)),
        open_matches=matches,
        countersigning=tuple(casework.needs(app, Status.ISSUED)),
        recommendation=review.recommendation if review else "",
        open_questions=app.questions.filter(state=Question.State.OPEN).count(),
        flagged=app.flagged_for_review,
    )


def bulk_approve(
    applications: Sequence[Application], *, reasons: Sequence[str], actor: Any
) -> list[BulkResult]:
    """Approve each routine case on its own, with its own audited decision.

    A case that is not routine (`casework_rules.routine_errors`) or that the decision
    refuses is left as it was, with its reasons; the others are decided regardless.
    """
    if not any(str(r).strip() for r in reasons):
        raise ValidationError({"reasons": _("Give the reasons; they are published.")})
    if not applications:
        raise ValidationError({"applications": _("Choose at least one case.")})
    for app in applications:  # every case is the actor's to decide, before any is decided
        _require_officer(actor, app.exporting_jurisdiction_id)
    batch = [app.reference for app in applications]
    results = []
    for app in applications:
        verdict = rules.routine_errors(routine_facts(app))
        result = BulkResult(app.reference, False, verdict.messages)
        try:
            with transaction.atomic():  # the case's decision and its batch entry, together
                if verdict.ok:
                    decision = decide_application(
                        app, outcome=Status.ISSUED, reasons=reasons, actor=actor
                    )
                    result = BulkResult(app.reference, True, [], decision.reference)
                changes = {"batch": [None, batch], "decision": [None, result.decision or None]}
                audit.record(
                    Event.BULK_APPROVAL, app, actor=actor, changes=changes, reasons=result.reasons
                )
        except (ValidationError, PermissionDenied) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            result = BulkResult(app.reference, False, list(messages))
            with transaction.atomic():
                changes = {"batch": [None, batch], "decision": [None, None]}
                audit.record(
                    Event.BULK_APPROVAL, app, actor=actor, changes=changes, reasons=result.reasons
                )
        results.append(result)
    return results
