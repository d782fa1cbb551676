"""After the decision: licence suspension, revocation, surrender, expiry, flags; appeals."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.core.transitions import IllegalTransition, allowed_moves, check
from oversight.licensing.actions.base import (
    Changed,
    lock,
    move,
    record,
    require_independent,
    require_status,
)
from oversight.licensing.actions.publishing import publish_decision
from oversight.licensing.actions.submission import run_screening
from oversight.licensing.events import APPEAL_DECIDED, LICENCE_MOVED, Event
from oversight.licensing.models import Appeal, Application, Decision, Licence, Status
from oversight.licensing.models.conditions import SuspensionProposal
from oversight.licensing.models.outcomes import APPEAL_MACHINE, LICENCE_MACHINE, LicenceStatus
from oversight.licensing.rules import approval_blockers


def _reasons(reasons: Sequence[str]) -> list[str]:
    cleaned = [str(r).strip() for r in reasons if str(r).strip()]
    if not cleaned:
        raise ValidationError({"reasons": [_("Give the reasons; they are published.")]})
    return cleaned


def _set_licence_status(
    licence: Licence,
    target: str,
    *,
    reasons: Sequence[str],
    actor: Any,
    expected_version: int | None = None,
) -> Licence:
    cleaned = _reasons(reasons)
    with transaction.atomic():
        locked = Licence.objects.select_for_update().get(pk=licence.pk)
        if expected_version is not None and locked.version != expected_version:
            raise Changed(
                _("Licence %(n)s changed while you were looking at it: it is now %(s)s.")
                % {"n": locked.number, "s": locked.get_status_display()}
            )
        old = locked.status
        check(LICENCE_MACHINE, old, target, _("Licence %(n)s") % {"n": locked.number})
        locked.status, locked.status_reasons = target, cleaned
        locked.version += 1
        fields = ["status", "status_reasons", "version"]
        if target in (LicenceStatus.REVOKED, LicenceStatus.ACTIVE):
            locked.flagged_for_review = False
            fields.append("flagged_for_review")
        locked.save(update_fields=fields)
        record(
            LICENCE_MOVED[target],
            locked,
            actor=actor,
            changes={"status": [old, target]},
            reasons=cleaned,
        )
        if target != LicenceStatus.ACTIVE:
            _settle_proposals(locked, target, actor)
    return locked


def _settle_proposals(licence: Licence, target: str, actor: Any) -> None:
    """A licence suspended or ended by other means leaves no proposal open: suspended,
    the proposals are accepted by that; ended, there is nothing left to suspend."""
    accepted = target == LicenceStatus.SUSPENDED
    state = SuspensionProposal.State.SUSPENDED if accepted else SuspensionProposal.State.DECLINED
    event = Event.SUSPENSION_ACCEPTED if accepted else Event.SUSPENSION_DECLINED
    why = [_("The licence is now: %(s)s.") % {"s": LicenceStatus(target).label}]
    rows = SuspensionProposal.objects.select_for_update().filter(
        licence=licence, state=SuspensionProposal.State.OPEN
    )
    for row in rows:
        row.state, row.decided_by, row.decided_at = state, actor, timezone.now()
        row.decision_reasons = why
        row.save(update_fields=["state", "decided_by", "decided_at", "decision_reasons"])
        record(event, row, actor=actor, changes={"state": ["open", state]}, reasons=why)


def suspend_licence(
    licence: Licence, *, reasons: Sequence[str], actor: Any, expected_version: int | None = None
) -> Licence:
    return _set_licence_status(
        licence,
        LicenceStatus.SUSPENDED,
        reasons=reasons,
        actor=actor,
        expected_version=expected_version,
    )


def reinstate_licence(
    licence: Licence, *, reasons: Sequence[str], actor: Any, expected_version: int | None = None
) -> Licence:
    """Reinstating approves the export again: re-screened now, the same blockers hold."""
    with transaction.atomic():
        app = Application.objects.get(pk=licence.application_id)  # as it stands now
        require_independent(app, actor)
        _row, checks = run_screening(app, actor=actor, stage="reinstatement")
        blockers = approval_blockers(checks)
        if blockers:
            raise ValidationError(blockers)
        return _set_licence_status(
            licence,
            LicenceStatus.ACTIVE,
            reasons=reasons,
            actor=actor,
            expected_version=expected_version,
        )


def revoke_licence(
    licence: Licence, *, reasons: Sequence[str], actor: Any, expected_version: int | None = None
) -> Licence:
    return _set_licence_status(
        licence,
        LicenceStatus.REVOKED,
        reasons=reasons,
        actor=actor,
        expected_version=expected_version,
    )


def surrender_licence(licence: Licence, *, reasons: Sequence[str], actor: Any) -> Licence:
    return _set_licence_status(licence, LicenceStatus.SURRENDERED, reasons=reasons, actor=actor)


def expire_licences(today: date, *, actor: Any = None) -> int:
    """Every active or suspended licence past its validity becomes expired (daily timer)."""
    due = Licence.objects.live().filter(valid_until__lt=today)
    reason = _("Its validity ended.")
    count = 0
    for licence in due:
        _set_licence_status(licence, LicenceStatus.EXPIRED, reasons=[reason], actor=actor)
        count += 1
    return count


def flag_licence(
    licence: Licence, *, reason: str, actor: Any = None, condition: Any = None
) -> Licence:
    """Flag for the officer's review (a substantiated misuse report or grievance, an
    overdue condition) and open a suspension proposal for the officer; the same flag once."""
    with transaction.atomic():
        locked = Licence.objects.select_for_update().get(pk=licence.pk)
        if reason in locked.flags and locked.flagged_for_review:
            return locked
        open_proposal(locked, reason=reason, condition=condition)
        locked.flags = [*[f for f in locked.flags if f != reason], reason]
        locked.flagged_for_review = True
        locked.save(update_fields=["flags", "flagged_for_review"])
        record(
            Event.LICENCE_FLAGGED,
            locked,
            actor=actor,
            actor_label="" if actor else "system",
            changes={"flagged_for_review": [False, True]},
            reasons=[reason],
        )
    return locked


def lodge_appeal(
    application: Application, *, grounds: str, actor: Any, expected_version: int | None = None
) -> Appeal:
    if not grounds.strip():
        raise ValidationError({"grounds": [_("State the grounds of the appeal.")]})
    with transaction.atomic():
        app = lock(application, expected_version)
        require_status(app, Status.REFUSED, Status.BLOCKED)
        decision = Decision.objects.filter(application=app, superseded=False).first()
        if decision is None:
            raise IllegalTransition(_("There is no decision to appeal."))
        appeal = Appeal.objects.create(
            application=app,
            decision=decision,
            grounds=grounds.strip(),
            lodged_by=actor,
            lodged_at=timezone.now(),
        )
        move(
            app,
            Status.APPEAL,
            actor=actor,
            reasons=[grounds.strip()],
            changes={"appeal": [None, appeal.pk]},
        )
    return appeal


def decide_appeal(appeal: Appeal, *, allow: bool, reasons: Sequence[str], actor: Any) -> Appeal:
    """Allowed: the application goes back for a new decision. Dismissed: the decision stands."""
    cleaned = _reasons(reasons)
    with transaction.atomic():
        locked = Appeal.objects.select_for_update().get(pk=appeal.pk)
        if not allowed_moves(APPEAL_MACHINE, locked.state):
            raise IllegalTransition(_("This appeal has already been decided."))
        if locked.lodged_by_id == getattr(actor, "pk", None):
            raise ValidationError(_("The appellant cannot decide the appeal."))
        app = lock(locked.application)
        locked.state = Appeal.State.ALLOWED if allow else Appeal.State.DISMISSED
        locked.outcome_reasons, locked.decided_by = cleaned, actor
        locked.decided_at = timezone.now()
        locked.save(update_fields=["state", "outcome_reasons", "decided_by", "decided_at"])
        record(
            APPEAL_DECIDED[locked.state],
            locked,
            actor=actor,
            reasons=cleaned,
            changes={"state": [Appeal.State.LODGED, locked.state]},
        )
        target = Status.DECISION if allow else locked.decision.outcome
        move(app, target, actor=actor, reasons=cleaned)
        if not allow:
            why = [*locked.decision.reasons, _("Appeal dismissed:"), *cleaned]
            publish_decision(
                app,
                locked.decision.outcome,
                actor=actor,
                reasons=why,
                criteria=locked.decision.criteria,
                comments=locked.decision.comments_considered,
            )
    return locked


def open_proposal(
    licence: Licence, *, reason: str, condition: Any = None
) -> SuspensionProposal | None:
    """Open a suspension proposal for the officer, once per licence and reason while open.
    It never suspends by itself (`conditions.decide_proposal`)."""
    if licence.status != LicenceStatus.ACTIVE:
        return None  # suspended already, or ended: nothing to propose
    open_rows = SuspensionProposal.objects.filter(licence=licence, state="open")
    if open_rows.filter(reason=reason).exists():
        return None
    try:
        with transaction.atomic():
            row = SuspensionProposal.objects.create(
                licence=licence, reason=reason, condition=condition, opened_at=timezone.now()
            )
    except IntegrityError:  # opened by a concurrent flag
        return None
    record(
        Event.SUSPENSION_PROPOSED,
        row,
        actor=None,
        actor_label="system",
        changes={"licence": [None, licence.number]},
        reasons=[reason],
    )
    return row
