"""oversight serve: the production server (gunicorn, several workers, whitenoise)."""

import os
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Oversight with gunicorn (static files through whitenoise)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
        default_workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1))))
        parser.add_argument("--workers", type=int, default=default_workers)

    def handle(self, *args: Any, **options: Any) -> None:
        # gunicorn runs no system checks; refuse to serve a misconfigured deployment.
        call_command("check", deploy=True, fail_level="ERROR")
        call_command("collectstatic", interactive=False, verbosity=0)
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "oversight.wsgi:application",
            f"--bind={options['bind']}",
            f"--workers={options['workers']}",
            "--access-logfile=-",
            # No client address or user agent in the access log, ever.
            '--access-logformat=%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms',
            "--forwarded-allow-ips=127.0.0.1",
        ]
        self.stdout.write(f"Serving Oversight on http://{options['bind']}/ (Ctrl-C to stop)")
        os.execv(sys.executable, argv)  # noqa: S606 - replaces this process on purpose
