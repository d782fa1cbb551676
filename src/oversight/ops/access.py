"""The reads of operations: job runs and the task queue (administrators only, via dashboard)."""

from django.db.models import QuerySet
from django_tasks_db.models import DBTaskResult

from oversight.ops.models import JobRun, OutgoingMail


def job_runs(job: str) -> QuerySet[JobRun]:
    return JobRun.objects.filter(job=job)


def queue_depth() -> int:
    return DBTaskResult.objects.ready().count()


def mails(state: str) -> int:
    """How many e-mails are waiting (queued, perhaps for a retry) or were given up."""
    return OutgoingMail.objects.filter(state=state).count()
