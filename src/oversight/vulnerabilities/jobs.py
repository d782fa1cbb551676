"""The periodic job of the equities register (registered in apps.py; run by `oversight worker`)."""

from collections.abc import Mapping
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oversight.core.jobs import Job
from oversight.vulnerabilities import actions


def publish_statistics(now: datetime) -> Mapping[str, int]:
    return {"years_changed": actions.publish_statistics(timezone.localdate(now))}


JOBS = [
    Job(
        "vulnerabilities.publish_statistics",
        _("Publish the yearly vulnerability statistics"),
        timedelta(days=1),
        publish_statistics,
    )
]
