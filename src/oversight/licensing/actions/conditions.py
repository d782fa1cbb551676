"""Typed licence conditions: set, evidenced, assessed, and flagged when overdue.

A condition whose evidence is missing after its deadline flags its licence and opens a
suspension proposal for the officer (the periodic job `licensing.check_conditions`);
so does a substantiated misuse report or grievance (`flag_licence`). A proposal never
suspends by itself: the officer accepts it (the licence is suspended, with the reasons)
or declines it, with reasons.
"""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.accounts.access import has_role
from oversight.accounts.models import Role
from oversight.core import audit
from oversight.core.transitions import check
from oversight.licensing.actions.aftercare import flag_licence, suspend_licence
from oversight.licensing.actions.base import Changed, require_independent
from oversight.licensing.condition_rules import (
    ConditionFacts,
    assessment_errors,
    condition_errors,
    evidence_errors,
)
from oversight.licensing.events import Event
from oversight.licensing.models import Application, Licence
from oversight.licensing.models.conditions import (
    CONDITION_MACHINE,
    PROPOSAL_MACHINE,
    ConditionStatus,
    LicenceCondition,
    SuspensionProposal,
)
from oversight.licensing.models.outcomes import LicenceStatus
from oversight.registry.models import Organisation


def _officer(licence: Licence, actor: Any) -> None:
    app = Application.objects.get(pk=licence.application_id)
    if not has_role(actor, Role.LICENSING_OFFICER, jurisdiction=app.exporting_jurisdiction_id):
        raise PermissionDenied(_("Only a licensing officer of the exporting State may do this."))
    require_independent(app, actor)


def _lock(condition: LicenceCondition, expected_version: int | None) -> LicenceCondition:
    locked = LicenceCondition.objects.select_for_update().get(pk=condition.pk)
    if expected_version is not None and locked.version != expected_version:
        raise Changed(_("The condition changed while you were looking at it; nothing was saved."))
    return locked


def _move(row: LicenceCondition, target: str, fields: Sequence[str]) -> str:
    old = row.status
    check(CONDITION_MACHINE, old, target, _("Condition #%(n)s") % {"n": row.pk})
    row.status, row.version = target, row.version + 1
    row.save(update_fields=["status", "version", *fields])
    return old


def set_condition(
    licence: Licence,
    *,
    kind: str,
    terms: str,
    evidence_due: date | None,
    auditor: Organisation | None = None,
    actor: Any,
) -> LicenceCondition:
    """The officer sets a typed condition with its evidence deadline on a live licence."""
    with transaction.atomic():
        locked = Licence.objects.select_for_update().get(pk=licence.pk)
        _officer(locked, actor)
        facts = ConditionFacts(
            kind=kind,
            terms=terms,
            evidence_due=evidence_due,
            auditor_named=auditor is not None,
            today=timezone.localdate(),
            valid_until=locked.valid_until,
            licence_live=locked.status in (LicenceStatus.ACTIVE, LicenceStatus.SUSPENDED),
        )
        condition_errors(facts).enforce()
        assert evidence_due is not None  # the rule refused a missing date
        row = LicenceCondition.objects.create(
            licence=locked,
            kind=kind,
            terms=terms.strip(),
            auditor=auditor,
            evidence_due=evidence_due,
            created_by=actor,
            created_at=timezone.now(),
        )
        audit.record(
            Event.CONDITION_SET,
            row,
            actor=actor,
            changes={
                "licence": [None, locked.number],
                "kind": [None, kind],
                "evidence_due": [None, evidence_due.isoformat()],
                "auditor": [None, auditor.slug if auditor else None],
            },
        )
    return row


def submit_evidence(
    condition: LicenceCondition, *, evidence: str, actor: Any, expected_version: int | None = None
) -> LicenceCondition:
    """The exporter submits evidence (in time, or late for an overdue condition)."""
    with transaction.atomic():
        row = _lock(condition, expected_version)
        app = Application.objects.get(pk=row.licence.application_id)
        if not has_role(actor, Role.COMPANY_MEMBER, organisation=app.exporter):
            raise PermissionDenied(_("Only the licence holder submits evidence."))
        evidence_errors(evidence).enforce()
        row.evidence, row.evidence_at = evidence.strip(), timezone.now()
        old = _move(row, ConditionStatus.SUBMITTED, ["evidence", "evidence_at"])
        late = row.evidence_at.date() > row.evidence_due
        audit.record(
            Event.CONDITION_EVIDENCE_SUBMITTED,
            row,
            actor=actor,
            changes={"status": [old, row.status], "late": late},
        )
    return row


def assess_evidence(
    condition: LicenceCondition,
    *,
    met: bool | None,
    reasons: Sequence[str],
    actor: Any,
    expected_version: int | None = None,
) -> LicenceCondition:
    """The officer finds the evidence meets the condition, or not (back to waiting, or
    overdue at once when its deadline has passed)."""
    cleaned = [str(r).strip() for r in reasons if str(r).strip()]
    with transaction.atomic():
        row = _lock(condition, expected_version)
        _officer(row.licence, actor)
        assessment_errors(met, cleaned).enforce()
        today = timezone.localdate()
        row.assessment = "\n".join(cleaned)
        if met:
            row.met_on = today
            old = _move(row, ConditionStatus.MET, ["assessment", "met_on"])
            event = Event.CONDITION_MET
        else:
            target = (
                ConditionStatus.OVERDUE if row.evidence_due < today else ConditionStatus.PENDING
            )
            old = _move(row, target, ["assessment"])
            event = Event.CONDITION_INSUFFICIENT
        audit.record(
            event, row, actor=actor, changes={"status": [old, row.status]}, reasons=cleaned
        )
        if row.status == ConditionStatus.OVERDUE:
            _flag_overdue(row, today)
    return row


def _overdue_reason(row: LicenceCondition) -> str:
    return _(
        "Condition #%(n)s (%(kind)s): no accepted evidence by %(due)s. Review, suspend or revoke."
    ) % {"n": row.pk, "kind": row.get_kind_display(), "due": row.evidence_due.isoformat()}


def _flag_overdue(row: LicenceCondition, today: date) -> None:
    if row.overdue_since is None:
        row.overdue_since = today
        row.save(update_fields=["overdue_since"])
    audit.record(
        Event.CONDITION_OVERDUE,
        row,
        actor_label="system",
        changes={"status": ["pending", "overdue"], "evidence_due": row.evidence_due.isoformat()},
    )
    flag_licence(row.licence, reason=_overdue_reason(row), condition=row)


def check_condition_deadlines(today: date) -> int:
    """The periodic job: every condition still waiting for evidence past its deadline
    becomes overdue, flags its licence and opens a suspension proposal. Idempotent: a
    second run finds nothing (the condition is no longer pending)."""
    count = 0
    for pk in LicenceCondition.objects.due_before(today).values_list("pk", flat=True):
        with transaction.atomic():
            row = LicenceCondition.objects.select_for_update().get(pk=pk)
            if row.status != ConditionStatus.PENDING or row.evidence_due >= today:
                continue  # assessed or evidenced meanwhile
            _move(row, ConditionStatus.OVERDUE, [])
            _flag_overdue(row, today)
            count += 1
    return count


def decide_proposal(
    proposal: SuspensionProposal, *, suspend: bool, reasons: Sequence[str], actor: Any
) -> SuspensionProposal:
    """The officer accepts (the licence is suspended with these reasons) or declines."""
    cleaned = [str(r).strip() for r in reasons if str(r).strip()]
    with transaction.atomic():
        row = SuspensionProposal.objects.select_for_update().get(pk=proposal.pk)
        _officer(row.licence, actor)
        target = (
            SuspensionProposal.State.SUSPENDED if suspend else SuspensionProposal.State.DECLINED
        )
        check(PROPOSAL_MACHINE, row.state, target, _("Proposal #%(n)s") % {"n": row.pk})
        assessment_errors(True, cleaned).enforce()
        old = row.state
        row.state, row.decided_by, row.decided_at = target, actor, timezone.now()
        row.decision_reasons = cleaned
        row.save(update_fields=["state", "decided_by", "decided_at", "decision_reasons"])
        event = Event.SUSPENSION_ACCEPTED if suspend else Event.SUSPENSION_DECLINED
        audit.record(event, row, actor=actor, changes={"state": [old, target]}, reasons=cleaned)
        if suspend:  # after this one is decided: the licence settles the others still open
            suspend_licence(row.licence, reasons=[row.reason, *cleaned], actor=actor)
    return row
