"""The worker runs the witness's periodic work: a good poll cosigns, a fork fails the run
after it is recorded, so the job's last error names it on /staff/."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from oversight.core.models import AuditEntry
from oversight.ops.models import JobRun
from oversight.ops.tests.helpers import worker_pass
from oversight.witness import actions
from oversight.witness.models import Cosignature, Fork
from oversight.witness.tests.test_witnessing import FakeLog, other  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


def last(name: str) -> JobRun:
    found = JobRun.objects.filter(job=name).order_by("-slot").first()
    assert found is not None, f"{name} did not run"
    return found


def test_the_poll_job_cosigns_a_good_log_and_fails_naming_a_fork(other: FakeLog) -> None:  # noqa: F811
    other.grow(5)
    actions.add_log(other.base)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        worker_pass()
        good = last("witness.poll")
        assert good.state == JobRun.State.DONE and good.result == {"cosigned": 1}
        assert Cosignature.objects.count() == 1

        other.leaves = other.leaves[:3]  # the operator rewrites the last two entries
        other.grow(2, tag="rewritten")
        traveller.shift(timedelta(hours=1))  # the next slot
        worker_pass()
    bad = last("witness.poll")
    assert bad.state == JobRun.State.FAILED
    assert "WitnessAlarm" in bad.error and "fork" in bad.error
    assert Fork.objects.count() == 1  # recorded before the run failed


def test_the_checkpoint_job_signs_without_an_audit_entry() -> None:
    worker_pass()
    done = last("witness.publish_checkpoint")
    assert done.state == JobRun.State.DONE and done.result == {}
    assert not AuditEntry.objects.filter(changes__job="witness.publish_checkpoint").exists()
