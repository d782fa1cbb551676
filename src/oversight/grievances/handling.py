"""Every write a grievance handler makes: one function each, in a transaction, audited.

The audit entry names the step, the report's reference and what changed in plain
columns (status, channel, remedy kind): never what anybody wrote.
"""

from datetime import timedelta
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.accounts.models import Role, RoleAssignment, User
from oversight.core import audit, transitions
from oversight.grievances import crypto, rules
from oversight.grievances.models import (
    Assignment,
    Channel,
    Entry,
    HandlerKey,
    IdentityRequest,
    KeyShare,
    Outcome,
    Remedy,
    Report,
    Status,
)
from oversight.grievances.signals import grievance_substantiated
from oversight.registry.access import organisations_for
from oversight.registry.models import Organisation, Technology


class RuleBroken(ValueError):
    def __init__(self, reasons: list[str]) -> None:
        super().__init__(" ".join(reasons))
        self.reasons = reasons


def handlers_of(channel: Channel) -> list[int]:
    rows = RoleAssignment.objects.filter(
        role=Role.GRIEVANCE_HANDLER, organisation_id=channel.organisation_id
    )
    return list(rows.values_list("user_id", flat=True))


def share_with_handlers(report: Report, private: bytes, channels: list[Channel]) -> int:
    """Seal the report's key to each handler of these channels lacking a share to their key.

    A share sealed to a key the handler no longer has (after a password reset) is replaced.
    """
    users = {uid for channel in channels for uid in handlers_of(channel)}
    current = {
        key.user_id: bytes(key.public_key) for key in HandlerKey.objects.filter(user_id__in=users)
    }
    shares = list(KeyShare.objects.filter(report=report, user_id__in=users))
    stale = [s.pk for s in shares if bytes(s.sealed_to) != current.get(s.user_id)]
    KeyShare.objects.filter(pk__in=stale).delete()
    have = {s.user_id for s in shares if s.pk not in stale}
    new = [
        KeyShare(report=report, user_id=uid, sealed_to=public, box=crypto.seal(public, private))
        for uid, public in current.items()
        if uid not in have
    ]
    KeyShare.objects.bulk_create(new)
    return len(new)


def open_report(report: Report, user: User, handler_private: bytes | None) -> bytes | None:
    """The report's private key through the handler's share, or None."""
    share = KeyShare.objects.filter(report=report, user=user).first()
    if share is None or handler_private is None:
        return None
    try:
        return crypto.unseal(handler_private, bytes(share.box))
    except crypto.DecryptionError:  # a share to a key replaced after a password reset
        return None


def _entry(report: Report, kind: str, actor: User, text: str) -> Entry:
    return Entry.objects.create(
        report=report,
        kind=kind,
        author=actor,
        body_box=crypto.seal_json(bytes(report.public_key), {"text": text}),
    )


def _set_status(report: Report, target: str, actor: User, reasons: list[str] = ()) -> None:  # type: ignore[assignment]
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
    audit.record(
        "grievances.status_changed",
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
        raise RuleBroken([_("Give the complainant the reason the report is out of scope.")])
    _entry(report, Entry.Kind.TO_COMPLAINANT, actor, reason)
    _set_status(report, Status.OUT_OF_SCOPE, actor, ["reason sent to the complainant"])


@transaction.atomic
def route(report: Report, actor: User, private: bytes, channel: Channel) -> Assignment:
    """Share with another channel, with consent, sealing the key to its recipients."""
    verdict = rules.routing_verdict(
        list(report.consents),
        channel.kind,
        already_there=report.assignments.filter(channel=channel).exists(),
        accepting=bool(channel.accepting and channel.escrow_public_key),
    )
    if not verdict.ok:
        raise RuleBroken(verdict.messages)
    row = Assignment.objects.create(
        report=report,
        channel=channel,
        escrow_box=crypto.seal(bytes(channel.escrow_public_key), private),
    )
    shared = share_with_handlers(report, private, [channel])
    audit.record(
        "grievances.routed",
        report,
        actor=actor,
        changes={"channel": channel.slug, "recipients": shared},
        reasons=[f"consent recorded for {channel.kind}"],
    )
    return row


@transaction.atomic
def add_note(report: Report, actor: User, text: str) -> Entry:
    entry = _entry(report, Entry.Kind.NOTE, actor, text)
    audit.record("grievances.note_added", report, actor=actor)
    return entry


@transaction.atomic
def message_complainant(report: Report, actor: User, text: str, private: bytes) -> Entry:
    entry = _entry(report, Entry.Kind.TO_COMPLAINANT, actor, text)
    audit.record("grievances.message_sent", report, actor=actor)
    if report.contact_by_email:
        email = str(crypto.unseal_json(private, bytes(report.answers_box)).get("email", ""))
        if email:
            transaction.on_commit(lambda: _notify(email))
    return entry


def _notify(email: str) -> None:
    send_mail(
        _("A new message about your report"),
        _(
            "There is a new message about the report you sent. To read it, go to the "
            "report page and enter your receipt. This e-mail says nothing more on purpose."
        ),
        None,
        [email],
        fail_silently=True,
    )


@transaction.atomic
def add_remedy(report: Report, actor: User, kind: str, detail: str) -> Remedy:
    remedy = Remedy.objects.create(
        report=report,
        kind=kind,
        detail_box=crypto.seal_json(bytes(report.public_key), {"text": detail}),
    )
    audit.record("grievances.remedy_offered", report, actor=actor, changes={"kind": kind})
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
    audit.record(
        "grievances.remedy_updated",
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
    verdict = rules.closure_verdict(report.status, outcome, concerns is not None)
    if not verdict.ok:
        raise RuleBroken(verdict.messages)
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
    if not report.identity_box:
        raise RuleBroken([_("The complainant gave no identity.")])
    if not reason.strip():
        raise RuleBroken([_("Say why you need the complainant's identity.")])
    origin = report.assignments.order_by("assigned_at").select_related("channel").first()
    escrow = bytes(origin.channel.escrow_public_key) if origin else b""
    row = IdentityRequest.objects.create(
        report=report, requested_by=actor, reason_box=crypto.seal_json(escrow, {"text": reason})
    )
    audit.record(
        "grievances.identity_requested", row, actor=actor, changes={"report": str(report)}
    )
    return row


def handles(user: User, channel: Channel) -> bool:
    return (
        organisations_for(user, Role.GRIEVANCE_HANDLER).filter(pk=channel.organisation_id).exists()
    )


def read(private: bytes, box: Any) -> Any:
    return crypto.unseal_json(private, bytes(box)) if box else None
