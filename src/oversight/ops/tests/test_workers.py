"""Several `oversight worker` processes at once: each job and slot runs exactly once."""

import os
import subprocess
import sys
from typing import Any

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from oversight.accounts.models import Role
from oversight.accounts.tests.helpers import make_user
from oversight.consultations import actions as consultations
from oversight.consultations.tests.helpers import past_close
from oversight.core import audit, jobs
from oversight.core.models import AuditEntry
from oversight.ops.models import JobRun
from oversight.registry.models import Organisation


def _database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user, password = settings["USER"], settings["PASSWORD"]
    host, port = settings["HOST"] or "localhost", settings["PORT"] or 5432
    return f"postgres://{user}:{password}@{host}:{port}/{settings['NAME']}"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_workers_never_run_a_job_twice(settings: Any, tmp_path: Any) -> None:
    admin = make_user("ada", Role.ADMINISTRATOR)
    matter = Organisation.objects.create(slug="matter", name="A matter", kind="company")
    due = consultations.open_consultation(
        matter, title="Due", notice={"A": "B"}, redactions=[], actor=admin
    )
    past_close(due)
    env = {**os.environ, "DATABASE_URL": _database_url(), "OVERSIGHT_VAR": str(tmp_path)}
    env["GRIEVANCE_FILES_DIR"] = str(tmp_path / "grievance-files")
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "oversight", "worker", "--once"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for _ in range(3)
    ]
    results = [worker.communicate(timeout=300) for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0, 0], results
    names = {job.name for job in jobs.registered()}
    runs = list(JobRun.objects.all())
    assert sorted(run.job for run in runs) == sorted(names)  # one run per job and slot
    assert {run.state for run in runs} == {JobRun.State.DONE}
    tasks = list(DBTaskResult.objects.all())
    assert len(tasks) == len(runs)
    assert all(task.status == "SUCCESSFUL" and len(task.worker_ids) == 1 for task in tasks)
    closed = AuditEntry.objects.filter(action="consultations.consultation.closed")
    assert closed.count() == 1
    assert audit.verify().ok
