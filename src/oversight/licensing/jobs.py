"""The periodic jobs of licensing (registered in apps.py; run by `oversight worker`)."""

from collections.abc import Mapping
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oversight.core.jobs import Job
from oversight.licensing.actions import expire_licences
from oversight.licensing.actions.casework import remind_questions
from oversight.licensing.actions.conditions import check_condition_deadlines


def expire(now: datetime) -> Mapping[str, int]:
    return {"expired": expire_licences(timezone.localdate(now))}


def remind(now: datetime) -> Mapping[str, int]:
    return {"reminded": remind_questions(now)}


def check_conditions(now: datetime) -> Mapping[str, int]:
    return {"overdue": check_condition_deadlines(timezone.localdate(now))}


JOBS = [
    Job("licensing.expire", _("Expire licences past their validity"), timedelta(hours=1), expire),
    Job(
        "licensing.question_reminders",
        _("Remind applicants of questions nearing their reply deadline"),
        timedelta(hours=1),
        remind,
    ),
    Job(
        "licensing.check_conditions",
        _("Flag licences whose condition evidence is overdue"),
        timedelta(hours=1),
        check_conditions,
    ),
]
