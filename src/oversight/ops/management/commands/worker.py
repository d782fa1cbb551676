"""oversight worker: run the periodic jobs and the task queue (see ops/worker.py)."""

import logging
import os
import socket
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from oversight.ops import actions, metrics
from oversight.ops.worker import Scheduler


class Command(BaseCommand):
    help = "Run the worker: periodic jobs (consultations closing, licences expiring, …) and tasks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="queue the jobs that are due, run every queued task, then exit",
        )
        parser.add_argument("--schedule-seconds", type=float, default=settings.SCHEDULE_SECONDS)
        parser.add_argument("--poll-seconds", type=float, default=settings.WORKER_POLL_SECONDS)
        parser.add_argument(
            "--parent-pid",
            type=int,
            help="stop when this process is gone (`oversight serve` starts its worker so)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if DBTaskResult._meta.db_table not in connection.introspection.table_names():
            raise CommandError("The database is not set up: run `oversight migrate` first.")
        logging.getLogger("django_tasks_db").setLevel(logging.INFO)
        worker = Worker(
            queue_names=["*"],
            interval=options["poll_seconds"],
            batch=options["once"],
            backend_name="default",
            startup_delay=not options["once"],
            max_tasks=None,
            worker_id=f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(6)}",
            excluded_queue_names=[],
        )
        if options["once"]:
            actions.schedule_due()
            worker.run()
            return
        metrics.serve_if_configured()
        scheduler = Scheduler(options["schedule_seconds"], options["parent_pid"])
        scheduler.start()
        worker.configure_signals()
        self.stdout.write("Worker started: periodic jobs and queued tasks (Ctrl-C to stop).")
        self.stdout.flush()
        try:
            worker.run()
        finally:
            scheduler.stopping.set()
