"""The periodic work of witnessing (registered in apps.py; run by `oversight worker`).

Hourly: the day's checkpoint is signed (and its tree built) before a visitor or a
witness asks for it, and every witnessed log is polled. A fork or a log that cannot be
read fails the run, after the poll has recorded it, so that `/staff/` shows it as the
job's last error until the next good run.
"""

from collections import Counter
from collections.abc import Mapping
from datetime import datetime, timedelta

from django.utils.translation import gettext_lazy as _

from oversight.core import tlog
from oversight.core.jobs import Job
from oversight.witness import actions


class WitnessAlarm(RuntimeError):
    """A witnessed log forked, or could not be checked."""


def publish_checkpoint(now: datetime) -> Mapping[str, int]:
    tlog.publish(now)
    return {}  # signing changes no record: the run stays out of the audit log


def poll(now: datetime) -> Mapping[str, int]:
    outcomes = actions.poll()
    counts = Counter(outcome.status for outcome in outcomes)
    bad = [str(outcome) for outcome in outcomes if outcome.status in ("fork", "error")]
    if bad:
        raise WitnessAlarm("; ".join(bad))
    return {"cosigned": counts["cosigned"]}


JOBS = [
    Job(
        "witness.publish_checkpoint",
        _("Sign the day's checkpoint of the audit log"),
        timedelta(hours=1),
        publish_checkpoint,
    ),
    Job(
        "witness.poll",
        _("Check and cosign the logs this instance witnesses; collect cosignatures"),
        timedelta(hours=1),
        poll,
    ),
]
