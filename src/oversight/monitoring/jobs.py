"""The periodic jobs of monitoring (registered in apps.py; run by `oversight worker`)."""

from collections.abc import Mapping
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oversight.core.jobs import Job
from oversight.monitoring import actions


def overdue_replies(now: datetime) -> Mapping[str, int]:
    return {"overdue": actions.note_overdue_replies(timezone.localdate(now))}


JOBS = [
    Job(
        "monitoring.overdue_replies",
        _("Note communications whose reply is overdue"),
        timedelta(hours=1),
        overdue_replies,
    )
]
