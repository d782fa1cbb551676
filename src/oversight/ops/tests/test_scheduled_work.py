"""Time-bound promises kept by the worker with no command typed, under a controlled clock.

A consultation closes, a licence expires and a grievance past its retention is purged
because the clock moved and the worker ran its periodic jobs: nobody called an action.
"""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from oversight.consultations import actions as consultations
from oversight.consultations.models import Consultation
from oversight.consultations.tests.helpers import past_close
from oversight.core import audit, jobs
from oversight.core.models import AuditEntry
from oversight.grievances.models import Report
from oversight.grievances.tests.conftest import build_world as grievance_world
from oversight.grievances.tests.helpers import receipt_of, submit
from oversight.licensing import actions as licensing
from oversight.licensing.models import Licence
from oversight.licensing.tests.flow import to_decision
from oversight.licensing.tests.helpers import build_world as licensing_world
from oversight.ops.models import JobRun
from oversight.ops.tests.helpers import worker_pass

pytestmark = pytest.mark.django_db


class TravellingClock:
    """The licensing flow's clock (`advance`), driving time-machine's traveller."""

    def __init__(self, traveller: Any) -> None:
        self.traveller = traveller

    def advance(self, **delta: float) -> None:
        self.traveller.shift(timedelta(**delta))


@pytest.fixture(autouse=True)
def _files(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.GRIEVANCE_FILES_DIR = tmp_path / "grievance-files"
    settings.GRIEVANCE_ARGON2 = {"time_cost": 1, "memory_kib": 8}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_the_worker_closes_expires_and_purges_as_time_passes(settings: Any) -> None:
    start = timezone.now().replace(microsecond=0)
    with time_machine.travel(start, tick=False) as traveller:
        clock = TravellingClock(traveller)
        world = licensing_world()
        app = to_decision(world, clock)  # type: ignore[arg-type]
        licensing.decide_application(
            app,
            outcome="issued",
            reasons=["Fine."],
            conditions=["End-use monitoring."],
            valid_until=timezone.localdate() + timedelta(days=30),
            actor=world.officer,
        )
        licence = Licence.objects.get(application=app)
        grievances = grievance_world()
        receipt_of(submit(Client(), what_happened="Followed after the interview."))
        report = Report.objects.get()
        report.close_clock(timezone.now())
        report.status = "closed"
        report.save()
        open_one = consultations.open_consultation(
            world.exporter, title="Export of a probe", notice={"A": "B"}, redactions=[],
            actor=world.officer,
        )  # fmt: skip
        past_close(open_one)  # due now: the worker closes it without being asked

        worker_pass()
        assert Consultation.objects.get(pk=open_one.pk).closed_at is not None
        assert Licence.objects.get(pk=licence.pk).status == "active"
        assert Report.objects.filter(pk=report.pk).exists()

        traveller.shift(timedelta(days=31, hours=1))  # the licence's validity ends
        worker_pass()
        assert Licence.objects.get(pk=licence.pk).status == "expired"
        assert Report.objects.filter(pk=report.pk).exists()

        traveller.shift(timedelta(days=grievances.un.retention_days))  # retention ends
        worker_pass()
        assert not Report.objects.filter(pk=report.pk).exists()

    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "consultations.consultation.closed",
        "licensing.licence.expired",
        "grievances.report_purged",
        "ops.job.ran",
    } <= actions
    ran = AuditEntry.objects.filter(action="ops.job.ran").values_list("changes", flat=True)
    assert {entry["job"] for entry in ran} >= {
        "consultations.close_due",
        "licensing.expire",
        "grievances.purge",
    }
    assert audit.verify().ok
    assert not JobRun.objects.filter(state=JobRun.State.FAILED).exists()


def test_each_slot_runs_once_and_a_missed_run_catches_up() -> None:
    calls: list[str] = []

    def count(now: Any) -> dict[str, int]:
        calls.append(now.isoformat())
        return {"done": 0}

    jobs.register(jobs.Job("test.count", "Count", timedelta(hours=1), count))
    try:
        start = timezone.now().replace(minute=5, second=0, microsecond=0)
        with time_machine.travel(start, tick=False) as traveller:
            worker_pass()
            worker_pass()  # same slot: nothing more
            assert len(calls) == 1
            traveller.shift(timedelta(hours=5))  # the worker was down for five slots
            worker_pass()
            worker_pass()
            assert len(calls) == 2  # one run catches up; the missed slots are not replayed
        runs = JobRun.objects.filter(job="test.count")
        assert runs.count() == 2 and {r.state for r in runs} == {"done"}
    finally:
        jobs.unregister("test.count")


def test_a_failing_job_records_its_error_and_others_still_run() -> None:
    def broken(now: Any) -> dict[str, int]:
        raise RuntimeError("the mail server refused us")

    jobs.register(jobs.Job("test.broken", "Broken", timedelta(hours=1), broken))
    try:
        worker_pass()
    finally:
        jobs.unregister("test.broken")
    run = JobRun.objects.get(job="test.broken")
    assert run.state == JobRun.State.FAILED
    assert "RuntimeError: the mail server refused us" in run.error
    failed = AuditEntry.objects.get(action="ops.job.failed")
    assert failed.changes == {"job": "test.broken", "error": "RuntimeError"}  # no message
    assert JobRun.objects.filter(job="consultations.close_due", state="done").exists()


def test_a_slot_is_never_registered_twice() -> None:
    job = jobs.get("consultations.close_due")
    assert job is not None
    with pytest.raises(ValueError, match="already registered"):
        jobs.register(job)
    now = timezone.now()
    assert job.slot(now) <= now < job.next_slot(now)
    assert job.next_slot(now) - job.slot(now) == job.every


def test_an_overdue_reply_is_noted_once_and_old_archive_letters_are_not() -> None:
    from oversight.monitoring import actions as monitoring
    from oversight.monitoring.models import Communication
    from oversight.registry.models import Jurisdiction

    mexico, _ = Jurisdiction.objects.get_or_create(code="MX", defaults={"name": "Mexico"})
    today = timezone.localdate()

    def letter(sent_days_ago: int) -> Communication:
        return monitoring.send_communication(
            {
                "kind": "AL",
                "joint": False,
                "mandates": ["sr_privacy"],
                "addressee_kind": "state",
                "addressee_state": mexico,
                "sent_on": today - timedelta(days=sent_days_ago),
                "subject": f"Sent {sent_days_ago} days ago",
            },
            [],
            actor=None,
            actor_label="analyst",
        )

    recent, archived, waiting = letter(70), letter(400), letter(10)
    assert recent.is_overdue() and archived.is_overdue() and not waiting.is_overdue()
    worker_pass()
    noted = AuditEntry.objects.filter(action="monitoring.communication.reply_overdue")
    assert list(noted.values_list("object_id", flat=True)) == [str(recent.pk)]
    with time_machine.travel(timezone.now() + timedelta(hours=2), tick=False):
        worker_pass()  # the next slot: nothing new to note
    assert noted.count() == 1


def test_the_prune_job_keeps_recent_results_and_drops_old_ones() -> None:
    from oversight.ops import actions

    start = timezone.now()
    with time_machine.travel(start - timedelta(days=100), tick=False):
        worker_pass()
    with time_machine.travel(start, tick=False):
        worker_pass()
        old = JobRun.objects.filter(slot__lt=start - timedelta(days=90))
        assert not old.exists()  # pruned by `ops.prune` in this very pass
        assert JobRun.objects.filter(slot__gte=start - timedelta(days=1)).exists()
    assert actions.prune(start) == {
        "task_results_pruned": 0,
        "job_runs_pruned": 0,
        "mails_pruned": 0,
    }
