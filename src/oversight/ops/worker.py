"""The worker process: a scheduler thread beside django-tasks-db's worker loop.

The scheduler queues the periodic jobs that are due (`actions.schedule_due`); the loop
runs queued tasks, each claimed under a row lock so two workers never run one task.
"""

import logging
import os
import signal
import threading

from django.db import connections

from oversight.ops import actions

logger = logging.getLogger(__name__)


class Scheduler(threading.Thread):
    """Every `every` seconds, queue the jobs that are due; stop when the parent has gone."""

    def __init__(self, every: float, parent_pid: int | None = None) -> None:
        super().__init__(name="oversight-scheduler", daemon=True)
        self.every, self.parent_pid = every, parent_pid
        self.stopping = threading.Event()

    def run(self) -> None:
        elapsed = self.every  # queue what is due at once on start
        while not self.stopping.is_set():
            if self.parent_pid is not None and os.getppid() != self.parent_pid:
                logger.warning("the server that started this worker has stopped: stopping")
                os.kill(os.getpid(), signal.SIGTERM)  # the loop's own graceful shutdown
                return
            if elapsed >= self.every:
                elapsed = 0.0
                self.tick()
                connections.close_all()  # this thread's own connections
            self.stopping.wait(1.0)
            elapsed += 1.0

    def tick(self) -> None:
        try:
            for run in actions.schedule_due():
                logger.info("queued %s for %s", run.job, run.slot.isoformat())
        except Exception:  # a database hiccup must not end the scheduler
            logger.exception("scheduling the periodic jobs failed")
