"""The daily job's writes: purge after retention, wipe retry receipts, remind, statistics."""

import time
from collections.abc import Iterable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.accounts.models import User
from oversight.core import audit
from oversight.grievances import stats, store
from oversight.grievances.access import handlers_of
from oversight.grievances.events import Event
from oversight.grievances.models import Channel, EvidenceFile, Report, Statistic
from oversight.ops import actions as ops

ORPHAN_AGE = timedelta(days=1)


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
            Event.REPORT_PURGED,
            report,
            actor_label="system",
            changes={"channel": report.channel.slug},
            reasons=[f"retention of {report.channel.retention_days} days after closure ended"],
        )
    Report.objects.filter(pk__in=[r.pk for r in expired]).delete()
    transaction.on_commit(lambda: delete_files(names, now))
    return len(expired), len(names)


def delete_files(names: Iterable[str], now: float | None) -> None:
    """The files of purged reports, and uploads no row refers to after ORPHAN_AGE."""
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
            ops.queue_mail(
                "grievances.reminder",
                _("Overdue grievances in %(channel)s") % {"channel": channel.name},
                _("These reports are past their deadline: %(refs)s") % {"refs": refs},
                [user.email],
            )
            sent += 1
        with transaction.atomic():
            audit.record(
                Event.REMINDER_SENT,
                channel,
                actor_label="system",
                changes={"overdue": len(overdue)},
            )
    return sent


@transaction.atomic
def rebuild_statistics() -> int:
    """Replace the published counts; returns the number of rows."""
    rows = stats.rows(list(Report.objects.select_related("country")), timezone.now().date())
    Statistic.objects.all().delete()
    Statistic.objects.bulk_create(rows)
    return len(rows)
