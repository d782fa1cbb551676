"""The operations section of /staff/: each periodic job's last run, next run, last error."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oversight.accounts.access import AnyUser
from oversight.accounts.models import Role
from oversight.core import jobs
from oversight.core.dashboard import Count, Section
from oversight.ops.access import job_runs, mails, queue_depth


@dataclass(frozen=True)
class JobRow:
    name: str
    title: str
    every_minutes: int
    last_run: object  # the latest finished JobRun, or None
    running: bool
    next_run: datetime
    last_error: object  # the latest failed JobRun, or None


def rows(now: datetime | None = None) -> list[JobRow]:
    now = now or timezone.now()
    found = []
    for job in jobs.registered():
        runs = job_runs(job.name)
        last = runs.exclude(finished_at=None).order_by("-finished_at").first()
        failed = runs.filter(state="failed").order_by("-finished_at").first()
        claimed = runs.filter(slot=job.slot(now)).exists()
        found.append(
            JobRow(
                name=job.name,
                title=str(job.title),
                every_minutes=int(job.every.total_seconds() // 60),
                last_run=last,
                # A run left "running" by a worker that died does not stay "running now".
                running=runs.filter(state="running", slot=job.slot(now)).exists(),
                # Unclaimed, the current slot runs at the worker's next tick.
                next_run=job.next_slot(now) if claimed else now,
                last_error=failed,
            )
        )
    return found


def sections(user: AnyUser, roles: frozenset[str]) -> list[Section]:
    if Role.ADMINISTRATOR not in roles:
        return []
    return [
        Section(
            "ops-jobs",
            _("Periodic jobs"),
            _(
                "What the worker does without anyone typing a command. A job that shows "
                "no recent run means no worker is running: start `oversight worker`."
            ),
            counts=[
                Count(_("Tasks waiting for a worker"), queue_depth()),
                Count(_("E-mails waiting to be sent or retried"), mails("queued")),
                Count(_("E-mails given up after every retry"), mails("failed")),
            ],
            template="ops/staff/_jobs.html",
            data={"rows": rows()},
        )
    ]
