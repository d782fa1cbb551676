"""oversight serve: the production server (gunicorn, threaded workers, whitenoise)."""

import os
import shutil
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from oversight.env import private_dir


class Command(BaseCommand):
    help = "Serve Oversight with gunicorn (static files through whitenoise)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
        default_workers = int(os.environ.get("WEB_CONCURRENCY", str(os.cpu_count() or 1)))
        parser.add_argument("--workers", type=int, default=default_workers)
        default_threads = int(os.environ.get("WEB_THREADS", "8"))
        parser.add_argument("--threads", type=int, default=default_threads)

    def handle(self, *args: Any, **options: Any) -> None:
        # gunicorn runs no system checks; refuse to serve a misconfigured deployment.
        call_command("check", deploy=True, fail_level="ERROR")
        call_command("collectstatic", interactive=False, verbosity=0)
        # One control socket per instance (gunicorn keeps this pid: execv below), so that
        # several instances on one machine never take over each other's.
        control = private_dir(settings.VAR_DIR / "run") / f"gunicorn-{os.getpid()}.ctl"
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "oversight.wsgi:application",
            f"--bind={options['bind']}",
            f"--workers={options['workers']}",
            # Threads wait for slow clients, not whole processes (see core/server.py).
            "--worker-class=oversight.core.server.StallProofWorker",
            f"--threads={options['threads']}",
            f"--control-socket={control}",
            # No client address in the error log ("Invalid request from ip=…") either.
            "--logger-class=oversight.core.server.PrivateLogger",
            "--access-logfile=-",
            # No client address or user agent in the access log, ever.
            '--access-logformat=%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms',
            "--forwarded-allow-ips=127.0.0.1",
        ]
        # Links in e-mails, and the log's origin, name SITE_URL: say so when it is not where
        # we serve and nobody chose it (behind a proxy it is the public address instead).
        served = f"http://{options['bind']}"
        if "SITE_URL" not in os.environ and settings.SITE_URL.rstrip("/") != served:
            self.stderr.write(
                f"Warning: SITE_URL is unset, so links in e-mails name {settings.SITE_URL}, "
                f"not {served}: set SITE_URL to the address people use."
            )
        if settings.METRICS_BIND:  # the web workers' counters, gathered by the worker
            metrics = settings.VAR_DIR / "run" / f"metrics-{os.getpid()}"
            shutil.rmtree(metrics, ignore_errors=True)
            os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(private_dir(metrics))
        if settings.SERVE_WORKER:
            # The worker of periodic jobs, beside the web workers. gunicorn keeps this pid
            # (execv), so the worker stops when its parent does; Ctrl-C stops both.
            subprocess.Popen(  # noqa: S603 - our own command, no shell
                [sys.executable, "-m", "oversight", "worker", f"--parent-pid={os.getpid()}"]
            )
        self.stdout.write(f"Serving Oversight on http://{options['bind']}/ (Ctrl-C to stop)")
        self.stdout.flush()
        os.execv(sys.executable, argv)  # noqa: S606 - replaces this process on purpose
