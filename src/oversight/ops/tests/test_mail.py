"""E-mail goes through the task queue: written with the change that sends it, delivered by
the worker, retried when the mail server fails, and never an address in a log line."""

import logging
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from oversight.ops import actions
from oversight.ops.models import OutgoingMail
from oversight.ops.tests.helpers import run_tasks

pytestmark = pytest.mark.django_db

ADDRESS = "someone-at-risk@example.org"


class Down(BaseEmailBackend):
    def send_messages(self, messages: Any) -> int:
        raise ConnectionRefusedError(f"refused {ADDRESS}")  # as an SMTP error names it


@pytest.fixture(autouse=True)
def _locmem(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_it_sends_nothing_until_the_worker_runs_then_wipes_the_row() -> None:
    row = actions.queue_mail("test.hello", "Hello", "Body", [ADDRESS])
    assert mail.outbox == []
    waiting = OutgoingMail.objects.filter(pk=row.pk).values("to", "body").get()
    assert ADDRESS not in str(waiting) and "Body" not in str(waiting)  # sealed while it waits
    run_tasks()
    assert [m.to for m in mail.outbox] == [[ADDRESS]] and mail.outbox[0].body == "Body"
    row.refresh_from_db()
    assert (row.state, row.attempts, row.to, row.body, row.subject) == ("sent", 1, [], "", "")
    assert ADDRESS not in str(list(DBTaskResult.objects.values("args_kwargs")))
    run_tasks()
    assert len(mail.outbox) == 1  # delivered once


def test_it_queues_nothing_when_the_change_is_rolled_back() -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.queue_mail("test.hello", "Hello", "Body", [ADDRESS])
        raise RuntimeError("the action failed after queueing")
    assert OutgoingMail.objects.count() == 0 and DBTaskResult.objects.count() == 0
    run_tasks()
    assert mail.outbox == []


def test_it_retries_later_when_the_server_is_down_and_logs_no_address(
    settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        row = actions.queue_mail("test.hello", "Hello", "Body", [ADDRESS])
        settings.EMAIL_BACKEND = f"{__name__}.Down"
        run_tasks()
        row.refresh_from_db()
        assert (row.state, row.attempts, row.error) == ("queued", 1, "ConnectionRefusedError")
        run_tasks()  # the retry is not due yet
        assert OutgoingMail.objects.get(pk=row.pk).attempts == 1
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        clock.shift(actions.MAIL_RETRY_AFTER[0] + timedelta(seconds=1))
        run_tasks()
    assert [m.to for m in mail.outbox] == [[ADDRESS]]
    assert OutgoingMail.objects.get(pk=row.pk).state == "sent"
    assert "ConnectionRefusedError" in caplog.text
    assert ADDRESS not in caplog.text and "Body" not in caplog.text


def test_it_gives_up_after_the_last_retry_and_keeps_no_address(settings: Any) -> None:
    settings.EMAIL_BACKEND = f"{__name__}.Down"
    with time_machine.travel(timezone.now(), tick=False) as clock:
        row = actions.queue_mail("test.hello", "Hello", "Body", [ADDRESS])
        for wait in (timedelta(0), *actions.MAIL_RETRY_AFTER):
            clock.shift(wait + timedelta(seconds=1))
            run_tasks()
    row.refresh_from_db()
    assert (row.state, row.attempts) == ("failed", len(actions.MAIL_RETRY_AFTER) + 1)
    assert (row.to, row.body) == ([], "") and row.finished_at is not None
    assert mail.outbox == []


def test_it_prunes_finished_mails_after_thirty_days() -> None:
    actions.queue_mail("test.hello", "Hello", "Body", [ADDRESS])
    run_tasks()
    later = timezone.now() + actions.TASK_RESULTS_KEPT + timedelta(days=1)
    assert actions.prune(later)["mails_pruned"] == 1
    assert OutgoingMail.objects.count() == 0
