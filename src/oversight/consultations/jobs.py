"""The periodic jobs of consultations (registered in apps.py; run by `oversight worker`)."""

from collections.abc import Mapping
from datetime import datetime, timedelta

from django.utils.translation import gettext_lazy as _

from oversight.consultations import actions
from oversight.core.jobs import Job


def close_due(now: datetime) -> Mapping[str, int]:
    return {"closed": len(actions.close_due())}


JOBS = [
    Job(
        "consultations.close_due",
        _("Close consultations past their closing time"),
        timedelta(minutes=5),
        close_due,
    )
]
