"""The writes of the scheduler: claim each job's due slot once, then run it as a task.

`schedule_due` is called by every worker, every minute or so. For each registered job it
inserts the row (job, slot); the unique key lets exactly one worker's insert succeed, in
the same transaction as the task it enqueues, so a job runs once per slot however many
workers there are. `run_job` locks that row before it starts: a task delivered twice
finds it no longer queued and does nothing.
"""

import base64
import hashlib
import logging
import traceback
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task
from nacl.secret import SecretBox

from oversight.core import audit, jobs
from oversight.ops.events import Event
from oversight.ops.models import JobRun, OutgoingMail

logger = logging.getLogger(__name__)

ERROR_LIMIT = 4000


def schedule_due(now: datetime | None = None) -> list[JobRun]:
    """Queue every job whose current slot has no run yet; returns the runs queued here."""
    now = now or timezone.now()
    queued = []
    for job in jobs.registered():
        slot = job.slot(now)
        if JobRun.objects.filter(job=job.name, slot=slot).exists():
            continue
        try:
            with transaction.atomic():
                run = JobRun.objects.create(job=job.name, slot=slot, queued_at=now)
                run_job.enqueue(run.pk)
        except IntegrityError:  # another worker claimed this slot first
            continue
        queued.append(run)
    return queued


@task()
def run_job(run_id: int) -> dict[str, Any]:
    """The task: run one claimed slot of a job, recording its result or error."""
    with transaction.atomic():
        run = JobRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.state != JobRun.State.QUEUED:
            return {"skipped": True}
        run.state, run.started_at = JobRun.State.RUNNING, timezone.now()
        run.save(update_fields=["state", "started_at"])
    job = jobs.get(run.job)
    try:
        if job is None:
            raise LookupError(f"no periodic job {run.job!r} is registered")
        counts = {key: int(value) for key, value in job.run(timezone.now()).items()}
    except Exception as exc:
        logger.exception("periodic job %s failed", run.job)
        with transaction.atomic():
            run.state, run.finished_at = JobRun.State.FAILED, timezone.now()
            run.error = "".join(traceback.format_exception_only(exc)).strip()[:ERROR_LIMIT]
            run.save(update_fields=["state", "finished_at", "error"])
            # The class only: an exception's text may quote data the public log must not.
            audit.record(
                Event.JOB_FAILED,
                run,
                actor_label="system",
                changes={"job": run.job, "error": type(exc).__name__},
            )
        return {"failed": type(exc).__name__}
    with transaction.atomic():
        run.state, run.finished_at, run.result = JobRun.State.DONE, timezone.now(), counts
        run.save(update_fields=["state", "finished_at", "result"])
        if any(counts.values()):  # runs that found nothing to do stay out of the log
            audit.record(
                Event.JOB_RAN, run, actor_label="system", changes={"job": run.job, **counts}
            )
    return counts


def record_restore(manifest: dict[str, Any]) -> None:
    """The restored log says it was restored, and from which checkpoint."""
    with transaction.atomic():
        audit.record(
            Event.BACKUP_RESTORED,
            actor_label="system",
            changes={
                "backup_created_at": manifest["created_at"],
                "checkpoint": manifest["checkpoint"],
            },
        )


TASK_RESULTS_KEPT = timedelta(days=30)
JOB_RUNS_KEPT = timedelta(days=90)


def prune(now: datetime) -> dict[str, int]:
    """The periodic job `ops.prune`: finished task results, old job runs and mails go."""
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        tasks, _ = (
            DBTaskResult.objects.finished()
            .filter(finished_at__lt=now - TASK_RESULTS_KEPT)
            .delete()
        )
        runs, _ = JobRun.objects.filter(
            slot__lt=now - JOB_RUNS_KEPT, state__in=[JobRun.State.DONE, JobRun.State.FAILED]
        ).delete()
        mails, _ = OutgoingMail.objects.filter(
            finished_at__lt=now - TASK_RESULTS_KEPT,
            state__in=[OutgoingMail.State.SENT, OutgoingMail.State.FAILED],
        ).delete()
    return {"task_results_pruned": tasks, "job_runs_pruned": runs, "mails_pruned": mails}


# After the first failed attempt, wait this long before each next one; then give up.
MAIL_RETRY_AFTER = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)


def queue_mail(purpose: str, subject: str, body: str, to: Sequence[str]) -> OutgoingMail:
    """Send an e-mail through the task queue, in the caller's transaction.

    Nothing goes out if that transaction is rolled back; once it commits, the worker
    delivers it, retrying on failure. The task carries the row's id only, so no address
    reaches the task table or a log line."""
    with transaction.atomic():
        row = OutgoingMail.objects.create(
            purpose=purpose,
            to=[_seal(str(address)) for address in to],
            subject=str(subject)[:300],
            body=_seal(str(body)),
            queued_at=timezone.now(),
        )
        deliver_mail.enqueue(row.pk)
    return row


def _box() -> SecretBox:
    """The queue's own key, derived from the instance's secret: a mail waiting in the
    database (an address, a complainant's included) is never stored in the clear."""
    key = hashlib.blake2b(settings.SECRET_KEY.encode(), digest_size=32, person=b"mail-queue")
    return SecretBox(key.digest())


def _seal(text: str) -> str:
    return base64.b64encode(bytes(_box().encrypt(text.encode()))).decode()


def _open(sealed: str) -> str:
    return _box().decrypt(base64.b64decode(sealed)).decode()


@task()
def deliver_mail(mail_id: int) -> dict[str, Any]:
    """The task: one attempt at one mail. It never raises, so that the worker's log has no
    traceback (an SMTP error's text names the recipients): the class of the error only."""
    with transaction.atomic():
        row = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if row is None or row.state != OutgoingMail.State.QUEUED:
            return {"skipped": True}
        row.attempts += 1
        try:
            send_mail(row.subject, _open(row.body), None, [_open(a) for a in row.to])
        except Exception as exc:
            return _mail_failed(row, type(exc).__name__)
        row.state, row.error = OutgoingMail.State.SENT, ""
        _mail_done(row)
    return {"sent": row.pk}


def _mail_failed(row: OutgoingMail, error: str) -> dict[str, Any]:
    row.error = error[:100]
    if row.attempts > len(MAIL_RETRY_AFTER):
        row.state = OutgoingMail.State.FAILED
        _mail_done(row)
        logger.error(
            "mail #%s (%s) given up after %s attempts: %s",
            row.pk,
            row.purpose,
            row.attempts,
            row.error,
        )
        return {"failed": row.pk}
    row.save(update_fields=["attempts", "error"])
    retry_at = timezone.now() + MAIL_RETRY_AFTER[row.attempts - 1]
    deliver_mail.using(run_after=retry_at).enqueue(row.pk)
    logger.warning(
        "mail #%s (%s) attempt %s failed: %s; next at %s",
        row.pk,
        row.purpose,
        row.attempts,
        row.error,
        retry_at.isoformat(),
    )
    return {"retry": row.pk}


def _mail_done(row: OutgoingMail) -> None:
    row.to, row.subject, row.body, row.finished_at = [], "", "", timezone.now()
    row.save(update_fields=["to", "subject", "body", "state", "attempts", "error", "finished_at"])
