"""The custodian's and the daily job's writes: escrow, identity requests, purge, reminders.

The escrow (recovery) private key of a channel never enters the database: the
custodian keeps it offline and brings it for one command at a time.
"""

import time
from collections.abc import Iterable
from datetime import timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.accounts.models import User
from oversight.core import audit
from oversight.grievances import crypto, store
from oversight.grievances.handling import handlers_of, share_with_handlers
from oversight.grievances.models import (
    Assignment,
    Channel,
    EvidenceFile,
    IdentityRequest,
    Report,
)

ORPHAN_AGE = timedelta(days=1)


class CustodyError(ValueError):
    pass


@transaction.atomic
def init_escrow(channel: Channel, *, rotate: bool = False) -> bytes:
    """A new recovery key pair; returns the private key for the custodian to keep offline."""
    if channel.escrow_public_key and not rotate:
        raise CustodyError(f"{channel.slug} already has a recovery key (use --rotate).")
    if channel.escrow_public_key and channel.assignments.exists():
        raise CustodyError(f"{channel.slug} holds reports sealed to its current recovery key.")
    private, public = crypto.new_keypair()
    channel.escrow_public_key = public
    channel.save(update_fields=["escrow_public_key"])
    audit.record("grievances.escrow_key_set", channel, actor_label="custodian")
    return private


def _check_escrow(channel: Channel, private: bytes) -> None:
    if crypto.public_of(private) != bytes(channel.escrow_public_key):
        raise CustodyError(f"That is not the recovery key of {channel.slug}.")


@transaction.atomic
def reseal(channel: Channel, private: bytes) -> int:
    """Give every handler of the channel a working share of each report (after a lost password)."""
    _check_escrow(channel, private)
    count = 0
    for row in Assignment.objects.filter(channel=channel).select_related("report"):
        report_key = crypto.unseal(private, bytes(row.escrow_box))
        count += share_with_handlers(row.report, report_key, [channel])
    audit.record(
        "grievances.escrow_resealed", channel, actor_label="custodian", changes={"shares": count}
    )
    return count


def reason_of(request: IdentityRequest, private: bytes) -> str:
    return str(crypto.unseal_json(private, bytes(request.reason_box))["text"])


@transaction.atomic
def decide_identity(request: IdentityRequest, private: bytes, *, approve: bool) -> None:
    """The custodian approves (re-sealing the identity to the requester) or refuses."""
    if request.state != IdentityRequest.State.PENDING:
        raise CustodyError("This request was already decided.")
    report = request.report
    origin = report.assignments.order_by("assigned_at").select_related("channel").first()
    if origin is None:
        raise CustodyError("This report has no channel.")
    _check_escrow(origin.channel, private)
    if approve:
        key = getattr(request.requested_by, "grievance_key", None)
        if key is None:
            raise CustodyError("The requester has no grievance key yet: they must unlock once.")
        identity = crypto.unseal(private, bytes(report.identity_box))
        request.identity_box = crypto.seal(bytes(key.public_key), identity)
    request.state = request.State.APPROVED if approve else request.State.REFUSED
    request.decided_at = timezone.now()
    request.save(update_fields=["identity_box", "state", "decided_at"])
    audit.record(
        "grievances.identity_decided",
        request,
        actor_label="custodian",
        changes={"report": str(report), "state": request.state},
    )


@transaction.atomic
def purge(now: float | None = None) -> tuple[int, int]:
    """Delete reports past their retention with their files; then orphaned uploads.

    Returns (reports, files) deleted. Files go after the rows, once the transaction commits.
    """
    expired = list(Report.objects.expired().select_related("channel"))
    names = list(
        EvidenceFile.objects.filter(report__in=expired).values_list("stored_name", flat=True)
    )
    for report in expired:
        audit.record(
            "grievances.report_purged",
            report,
            actor_label="system",
            changes={"channel": report.channel.slug},
            reasons=[f"retention of {report.channel.retention_days} days after closure ended"],
        )
    Report.objects.filter(pk__in=[r.pk for r in expired]).delete()
    transaction.on_commit(lambda: _delete_files(names, now))
    return len(expired), len(names)


def _delete_files(names: Iterable[str], now: float | None) -> None:
    for name in names:
        store.delete(name)
    known = set(EvidenceFile.objects.values_list("stored_name", flat=True))
    cutoff = (now or time.time()) - ORPHAN_AGE.total_seconds()
    for path in list(store.orphans(known, cutoff)):
        path.unlink(missing_ok=True)


def clear_retry_boxes() -> int:
    """Receipts kept for a retried submit are wiped after the retry window."""
    cutoff = timezone.now() - timedelta(hours=1)
    return (
        Report.objects.filter(submitted_at__lt=cutoff).exclude(retry_box=b"").update(retry_box=b"")
    )


def remind() -> int:
    """E-mail each handler the references of their channels' overdue reports (no content)."""
    sent = 0
    for channel in Channel.objects.all():
        overdue = list(Report.objects.in_channels(Channel.objects.filter(pk=channel.pk)).overdue())
        if not overdue:
            continue
        refs = ", ".join(r.reference for r in overdue)
        for user in User.objects.filter(pk__in=handlers_of(channel)).exclude(email=""):
            send_mail(
                _("Overdue grievances in %(channel)s") % {"channel": channel.name},
                _("These reports are past their deadline: %(refs)s") % {"refs": refs},
                None,
                [user.email],
                fail_silently=True,
            )
            sent += 1
        with transaction.atomic():
            audit.record(
                "grievances.reminder_sent",
                channel,
                actor_label="system",
                changes={"overdue": len(overdue)},
            )
    return sent
