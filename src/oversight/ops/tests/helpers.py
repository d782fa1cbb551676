"""Running the worker in the test process, as `oversight worker` runs it, one pass at a time."""

from unittest import mock

from django_tasks_db.management.commands.db_worker import Worker

from oversight.ops.worker import Scheduler


def worker_pass() -> None:
    """One tick of the scheduler, then every queued task: what the worker does each minute."""
    Scheduler(every=60).tick()
    run_tasks()


def run_tasks() -> None:
    """Every queued task that is due (mail to deliver, jobs queued), as the worker runs them."""
    # The loop closes stale connections between tasks; in a test that would be the
    # connection holding the test's transaction.
    with mock.patch(f"{Worker.__module__}.close_old_connections"):
        _worker().run()


def _worker() -> Worker:
    return Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
