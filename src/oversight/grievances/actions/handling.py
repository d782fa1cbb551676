"""Every write a grievance handler makes: one function each, in a transaction, audited.

The audit entry names the step, the report's reference and what changed in plain
columns (status, channel, remedy kind): never what anybody wrote.
"""

from collections.abc import Sequence
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.accounts.models import User
from oversight.core import audit, transitions
from oversight.core.rules import Reason, Refused
from oversight.grievances import crypto, rules
from oversight.grievances.actions.submitting import assign
from oversight.grievances.events import Event
from oversight.grievances.models import (
    Assignment,
    Channel,
    Entry,
    IdentityRequest,
    Outcome,
    Remedy,
    Report,
    Status,
)
from oversight.grievances.signals import grievance_substantiated
from oversight.ops import actions as ops
from oversight.registry.models import Organisation, Technology


def _entry(report: Report, kind: str, actor: User, text: str) -> Entry:
    return Entry.objects.create(
        report=report,
        kind=kind,
        author=actor,
        body_box=crypto.seal_json(bytes(report.public_key), {"text": text}),
    )


def _step(report: Report, actor: User, **step: str) -> None:
    """A step of the report's handling, in the timeline the complainant reads (sealed to
    the report like every entry; worded when read, in the reader's language)."""
    Entry.objects.create(
        report=report,
        kind=Entry.Kind.STEP,
        author=actor,
        body_box=crypto.seal_json(bytes(report.public_key), step),
    )


def _set_status(report: Report, target: str, actor: User, reasons: Sequence[str] = ()) -> None:
    transitions.check(rules.STATUS_MACHINE, report.status, target, report)
    old = report.status
    report.status = target
    now = timezone.now()
    fields = ["status", "updated_at"]
    if target == Status.ADMISSIBLE:
        report.due_at = now + timedelta(days=report.channel.response_days)
        fields.append("due_at")
    if target in (Status.OUT_OF_SCOPE, Status.CLOSED):
        report.close_clock(now)
        fields += ["closed_at", "purge_after"]
    report.save(update_fields=fields)
    due = report.due_at.date().isoformat() if target == Status.ADMISSIBLE else ""
    _step(report, actor, step="status", status=target, outcome=report.outcome, due=due)
    audit.record(
        Event.STATUS_CHANGED,
        report,
        actor=actor,
        changes={"status": [old, target]},
        reasons=reasons,
    )


@transaction.atomic
def triage(report: Report, actor: User, *, admissible: bool, reason: str = "") -> None:
    """Accept for investigation, or refuse as out of scope with a reason for the complainant."""
    if admissible:
        _set_status(report, Status.ADMISSIBLE, actor)
        return
    if not reason.strip():
        raise Refused(
            [Reason(_("Give the complainant the reason the report is out of scope."), "reason")]
        )
    _entry(report, Entry.Kind.TO_COMPLAINANT, actor, reason)
    _set_status(report, Status.OUT_OF_SCOPE, actor, ["reason sent to the complainant"])


@transaction.atomic
def route(report: Report, actor: User, private: bytes, channel: Channel) -> Assignment:
    """Share with another channel, with consent: the report opens to every holder of its key."""
    rules.routing_verdict(
        list(report.consents),
        channel.kind,
        already_there=report.assignments.filter(channel=channel).exists(),
        accepting=Channel.objects.accepting().filter(pk=channel.pk).exists(),
    ).enforce()
    row = assign(report, channel, private)
    _step(report, actor, step="routed", channel=channel.name)
    audit.record(
        Event.ROUTED,
        report,
        actor=actor,
        changes={"channel": channel.slug, "recipients": channel.key_shares.count()},
        reasons=[f"consent recorded for {channel.kind}"],
    )
    return row


@transaction.atomic
def add_note(report: Report, actor: User, text: str) -> Entry:
    entry = _entry(report, Entry.Kind.NOTE, actor, text)
    audit.record(Event.NOTE_ADDED, report, actor=actor)
    return entry


@transaction.atomic
def message_complainant(report: Report, actor: User, text: str, private: bytes) -> Entry:
    entry = _entry(report, Entry.Kind.TO_COMPLAINANT, actor, text)
    audit.record(Event.MESSAGE_SENT, report, actor=actor)
    if report.contact_by_email:
        email = str(crypto.unseal_json(private, bytes(report.answers_box)).get("email", ""))
        if email:
            _notify(email)
    return entry


def _notify(email: str) -> None:
    # Through the queue: retried if the mail server is down, and the address is in no
    # task argument and no log line (ops.actions.deliver_mail), wiped once sent.
    ops.queue_mail(
        "grievances.message",
        _("A new message about your report"),
        _(
            "There is a new message about the report you sent. To read it, go to the "
            "report page and enter your receipt. This e-mail says nothing more on purpose."
        ),
        [email],
    )


@transaction.atomic
def add_remedy(report: Report, actor: User, kind: str, detail: str) -> Remedy:
    remedy = Remedy.objects.create(
        report=report,
        kind=kind,
        detail_box=crypto.seal_json(bytes(report.public_key), {"text": detail}),
    )
    _step(report, actor, step="remedy", kind=kind, status=remedy.status)
    audit.record(Event.REMEDY_OFFERED, report, actor=actor, changes={"kind": kind})
    return remedy


@transaction.atomic
def set_remedy_status(remedy: Remedy, actor: User, status: str) -> None:
    transitions.check(rules.REMEDY_MACHINE, remedy.status, status, remedy.get_kind_display())
    old, remedy.status = remedy.status, status
    remedy.save(update_fields=["status", "updated_at"])
    report = remedy.report
    if status == "provided" and report.remedied_at is None:
        report.remedied_at = timezone.now()
        report.save(update_fields=["remedied_at", "updated_at"])
    _step(report, actor, step="remedy", kind=remedy.kind, status=status)
    audit.record(
        Event.REMEDY_UPDATED,
        report,
        actor=actor,
        changes={"kind": remedy.kind, "status": [old, status]},
    )


@transaction.atomic
def close(
    report: Report,
    actor: User,
    outcome: str,
    *,
    concerns: Organisation | None = None,
    technology: Technology | None = None,
) -> None:
    rules.closure_verdict(report.status, outcome, concerns is not None).enforce()
    report.outcome, report.concerns, report.concerns_technology = outcome, concerns, technology
    report.save(update_fields=["outcome", "concerns", "concerns_technology", "updated_at"])
    _set_status(report, Status.CLOSED, actor, [f"outcome: {outcome}"])
    if outcome == Outcome.SUBSTANTIATED:
        transaction.on_commit(
            lambda: grievance_substantiated.send(
                Report, report=report, organisation=concerns, technology=technology
            )
        )


@transaction.atomic
def request_identity(report: Report, actor: User, reason: str) -> IdentityRequest:
    rules.identity_request_verdict(bool(report.identity_box), reason).enforce()
    origin = report.assignments.order_by("assigned_at").select_related("channel").first()
    escrow = bytes(origin.channel.escrow_public_key) if origin else b""
    row = IdentityRequest.objects.create(
        report=report, requested_by=actor, reason_box=crypto.seal_json(escrow, {"text": reason})
    )
    audit.record(Event.IDENTITY_REQUESTED, row, actor=actor, changes={"report": str(report)})
    return row
