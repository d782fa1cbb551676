"""The reads of operations: job runs and the task queue (administrators only, via dashboard)."""

from django.db.models import QuerySet
from django_tasks_db.models import DBTaskResult

from oversight.ops.models import JobRun


def job_runs(job: str) -> QuerySet[JobRun]:
    return JobRun.objects.filter(job=job)


def queue_depth() -> int:
    return DBTaskResult.objects.ready().count()
