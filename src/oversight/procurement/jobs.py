"""The periodic jobs of procurement (registered in apps.py; run by `oversight worker`)."""

from collections.abc import Mapping
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oversight.core.jobs import Job
from oversight.procurement.actions.overdue import note_overdue_reports


def overdue_reports(now: datetime) -> Mapping[str, int]:
    return {"overdue": note_overdue_reports(timezone.localdate(now))}


JOBS = [
    Job(
        "procurement.overdue_reports",
        _("Note annual reports on a technology's use that are overdue"),
        timedelta(hours=6),
        overdue_reports,
    )
]
