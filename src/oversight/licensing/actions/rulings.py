"""Classification rulings and catch-all notifications: requested, answered, audited.

An answer after its deadline is accepted (the exporter still needs it) but marked
late, in the record, the audit entry and the public dataset: never silently.
"""

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.accounts.access import has_role
from oversight.accounts.models import Role
from oversight.core import audit
from oversight.core.transitions import check
from oversight.licensing import casework_rules as rules
from oversight.licensing.actions.base import Changed, require_status
from oversight.licensing.events import CATCH_ALL_DECIDED, Event
from oversight.licensing.models import Application, Status
from oversight.licensing.models.rulings import (
    CATCH_ALL_MACHINE,
    RULING_MACHINE,
    CatchAllNotification,
    CatchAllState,
    RulingCitation,
    RulingRequest,
    RulingState,
)
from oversight.registry.models import ControlEntry, Jurisdiction, Organisation, Technology


def _state_of(exporter: Organisation) -> Jurisdiction:
    if exporter.jurisdiction is None:
        raise ValidationError({"exporter": _("Your company has no State on file.")})
    return exporter.jurisdiction


def _require_member(actor: Any, exporter: Organisation) -> None:
    if not has_role(actor, Role.COMPANY_MEMBER, organisation=exporter):
        raise PermissionDenied(_("Only a member of the exporter may do this."))


def _require_officer(actor: Any, state: str) -> None:
    if not has_role(actor, Role.LICENSING_OFFICER, jurisdiction=state):
        raise PermissionDenied(_("Only a licensing officer of this State may do this."))


def _require_independent(actor: Any, exporter: Organisation) -> None:
    if has_role(actor, Role.COMPANY_MEMBER, organisation=exporter):
        raise PermissionDenied(
            _("You are a member of %(c)s: another officer must answer.") % {"c": exporter.name}
        )


def _text(values: Mapping[str, Any], name: str) -> str:
    return str(values.get(name) or "").strip()


def request_ruling(
    exporter: Organisation, values: Mapping[str, Any], *, actor: Any
) -> RulingRequest:
    """values: item_name, description, technical_specs, confidential_details."""
    _require_member(actor, exporter)
    rules.ruling_request_errors(values).enforce()
    state = _state_of(exporter)
    now = timezone.now()
    with transaction.atomic():
        row = RulingRequest.objects.create(
            reference=f"tmp-{uuid.uuid4().hex[:20]}",
            jurisdiction=state,
            exporter=exporter,
            item_name=_text(values, "item_name"),
            description=_text(values, "description"),
            technical_specs=_text(values, "technical_specs"),
            confidential_details=_text(values, "confidential_details"),
            requested_by=actor,
            requested_at=now,
            due_on=rules.due_on(timezone.localdate(now), settings.LICENSING_RULING_DAYS),
        )
        row.reference = f"CR-{state.code}-{now:%Y}-{row.pk:05d}"
        row.save(update_fields=["reference"])
        # The confidential details are not in the log's changes: only that there are some.
        changes = {"item_name": [None, row.item_name], "due_on": [None, row.due_on]}
        audit.record(Event.RULING_REQUESTED, row, actor=actor, changes=changes)
    return row


def _locked_ruling(ruling: RulingRequest, expected_version: int | None) -> RulingRequest:
    row = RulingRequest.objects.select_for_update().get(pk=ruling.pk)
    if expected_version is not None and row.version != expected_version:
        raise Changed(_("The request changed; reload the page."))
    return row


def answer_ruling(
    ruling: RulingRequest,
    *,
    controlled: bool | None,
    control_entry: str,
    reasoning: str,
    actor: Any,
    expected_version: int | None = None,
) -> RulingRequest:
    """The officer's ruling: controlled or not, the entry, the reasoning (published)."""
    code = control_entry.strip()
    entry = ControlEntry.objects.filter(code=code).first() if code else None
    rules.ruling_errors(controlled, entry is not None, code, reasoning).enforce()
    with transaction.atomic():
        row = _locked_ruling(ruling, expected_version)
        _require_officer(actor, row.jurisdiction_id)
        _require_independent(actor, row.exporter)
        check(RULING_MACHINE, row.state, RulingState.ANSWERED, row.reference)
        today = timezone.localdate()
        row.state = RulingState.ANSWERED
        row.controlled, row.control_entry = controlled, entry
        row.reasoning, row.answered_by, row.answered_on = reasoning.strip(), actor, today
        row.late = rules.is_late(row.due_on, today)
        row.version += 1
        row.save()
        reasons = [row.reasoning]
        if row.late:
            reasons.append(
                _("Answered after its deadline of %(due)s.") % {"due": row.due_on.isoformat()}
            )
        changes = {
            "state": [RulingState.REQUESTED, row.state],
            "controlled": [None, controlled],
            "control_entry": [None, code or None],
            "late": [False, row.late],
        }
        audit.record(Event.RULING_ANSWERED, row, actor=actor, changes=changes, reasons=reasons)
    return row


def cite_ruling(
    application: Application, ruling: RulingRequest, *, line: int | None = None, actor: Any
) -> RulingCitation:
    """A draft application relies on a published ruling of its State (for one line, or all)."""
    with transaction.atomic():
        app = Application.objects.select_for_update().get(pk=application.pk)
        _require_member(actor, app.exporter)
        require_status(app, Status.DRAFT)
        errors = {}
        if (
            ruling.state != RulingState.ANSWERED
            or ruling.jurisdiction_id != app.exporting_jurisdiction_id
        ):
            errors["ruling"] = _("Cite a published ruling of the State you apply to.")
        if line is not None and not (
            1 <= line <= 32767 and app.lines.filter(number=line).exists()
        ):
            errors["line"] = _("The application has no line %(n)d.") % {"n": line}
        if errors:
            raise ValidationError(errors)
        citation, created = RulingCitation.objects.get_or_create(
            application=app, ruling=ruling, defaults={"line": line}
        )
        if created:
            changes = {"ruling": [None, ruling.reference], "line": [None, line]}
            audit.record(Event.RULING_CITED, app, actor=actor, changes=changes)
    return citation


def notify_catch_all(
    exporter: Organisation, values: Mapping[str, Any], *, actor: Any
) -> CatchAllNotification:
    """values: technology (one of the exporter's), destination_id, end_user, concern."""
    _require_member(actor, exporter)
    rules.catch_all_errors(values).enforce()
    technology: Technology = values["technology"]
    if technology.vendor_id != exporter.pk:
        raise ValidationError({"technology": _("Choose one of your company's products.")})
    destination = Jurisdiction.objects.filter(code=_text(values, "destination_id").upper()).first()
    if destination is None:
        raise ValidationError({"destination": _("Not a known country code.")})
    state = _state_of(exporter)
    now = timezone.now()
    with transaction.atomic():
        row = CatchAllNotification.objects.create(
            reference=f"tmp-{uuid.uuid4().hex[:20]}",
            jurisdiction=state,
            exporter=exporter,
            technology=technology,
            destination=destination,
            end_user=_text(values, "end_user"),
            concern=_text(values, "concern"),
            notified_by=actor,
            notified_at=now,
            due_on=rules.due_on(timezone.localdate(now), settings.LICENSING_CATCH_ALL_DAYS),
        )
        row.reference = f"CA-{state.code}-{now:%Y}-{row.pk:05d}"
        row.save(update_fields=["reference"])
        changes = {
            "technology": [None, technology.slug],
            "destination": [None, destination.code],
            "due_on": [None, row.due_on],
        }
        audit.record(Event.CATCH_ALL_NOTIFIED, row, actor=actor, changes=changes)
    return row


def decide_catch_all(
    notification: CatchAllNotification,
    *,
    licence_required: bool | None,
    reasons: Sequence[str],
    actor: Any,
    expected_version: int | None = None,
) -> CatchAllNotification:
    """Licence required (the item is controlled for that destination from now) or not."""
    rules.catch_all_decision_errors(licence_required, reasons).enforce()
    reasons = [str(r).strip() for r in reasons if str(r).strip()]
    with transaction.atomic():
        row = CatchAllNotification.objects.select_for_update().get(pk=notification.pk)
        if expected_version is not None and row.version != expected_version:
            raise Changed(_("The notification changed; reload the page."))
        _require_officer(actor, row.jurisdiction_id)
        _require_independent(actor, row.exporter)
        target = (
            CatchAllState.LICENCE_REQUIRED
            if licence_required
            else CatchAllState.NO_LICENCE_REQUIRED
        )
        check(CATCH_ALL_MACHINE, row.state, target, row.reference)
        today = timezone.localdate()
        old = row.state
        row.state, row.reasons, row.decided_by, row.decided_on = target, reasons, actor, today
        row.late = rules.is_late(row.due_on, today)
        row.version += 1
        row.save()
        if row.late:
            reasons = [
                *reasons,
                _("Decided after its deadline of %(due)s.") % {"due": row.due_on.isoformat()},
            ]
        changes = {"state": [old, target], "late": [False, row.late]}
        audit.record(CATCH_ALL_DECIDED[target], row, actor=actor, changes=changes, reasons=reasons)
    return row
