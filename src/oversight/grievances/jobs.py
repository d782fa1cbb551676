"""The periodic jobs of grievances (registered in apps.py; run by `oversight worker`)."""

from collections.abc import Mapping
from datetime import datetime, timedelta

from django.utils.translation import gettext_lazy as _

from oversight.core.jobs import Job
from oversight.grievances.actions import retention


def purge(now: datetime) -> Mapping[str, int]:
    """What `oversight grievances purge` does: retention, retry receipts, statistics."""
    reports, files = retention.purge(now.timestamp())
    wiped = retention.clear_retry_boxes()
    retention.rebuild_statistics()  # rebuilt every time: not a change worth a log entry
    return {"reports_purged": reports, "files_deleted": files, "retry_receipts_wiped": wiped}


def remind(now: datetime) -> Mapping[str, int]:
    """E-mail handlers the references of overdue reports (`oversight grievances remind`)."""
    return {"reminders_sent": retention.remind()}


JOBS = [
    Job("grievances.purge", _("Purge grievances past their retention"), timedelta(hours=1), purge),
    Job(
        "grievances.remind", _("Remind handlers of overdue grievances"), timedelta(days=1), remind
    ),
]
