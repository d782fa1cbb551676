"""Metrics for operators in the Prometheus format (prometheus-client).

Served by the worker on `METRICS_BIND` (off unless set; give a loopback or private
address: the numbers are for the operator, not the public). Request counts come from the
web workers through prometheus-client's multiprocess mode (`oversight serve` gives them
a shared directory); the rest is read from the database at each scrape.
"""

import logging
import os
import threading
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from prometheus_client import CollectorRegistry, Counter, start_http_server
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from oversight.core import audit, jobs

logger = logging.getLogger(__name__)

REQUESTS = Counter(
    "oversight_http_requests",
    "HTTP requests answered, by method and status class (no path, no client).",
    ["method", "status"],
)
_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def count_requests(get_response: Callable[[HttpRequest], HttpResponse]) -> Any:
    """Middleware: count each response; nothing about who asked or for what."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        method = request.method if request.method in _METHODS else "other"
        REQUESTS.labels(method=method, status=f"{response.status_code // 100}xx").inc()
        return response

    return middleware


class InstanceCollector(Collector):
    """What the database says at scrape time: queue, audit log, periodic jobs."""

    def collect(self) -> Iterator[Metric]:
        from django_tasks_db.models import DBTaskResult

        from oversight.ops.models import JobRun

        try:
            now = timezone.now()
            depth = GaugeMetricFamily(
                "oversight_task_queue_depth", "Tasks waiting for a worker.", labels=["queue"]
            )
            ready = DBTaskResult.objects.ready().values_list("queue_name", flat=True)
            for queue in sorted(set(ready)) or ["default"]:
                depth.add_metric([queue], sum(1 for name in ready if name == queue))
            yield depth
            yield GaugeMetricFamily(
                "oversight_tasks_running",
                "Tasks a worker is running now.",
                value=DBTaskResult.objects.running().count(),
            )
            head = audit.head()
            yield GaugeMetricFamily(
                "oversight_audit_log_entries", "Entries in the audit log.", value=head.count
            )
            checkpoint = audit.checkpoint(now)
            yield GaugeMetricFamily(
                "oversight_audit_checkpoint_age_seconds",
                "Seconds since the time of the last published audit checkpoint.",
                value=(now - checkpoint.time).total_seconds(),
            )
            yield GaugeMetricFamily(
                "oversight_audit_checkpoint_entries",
                "Entries covered by the last published audit checkpoint.",
                value=checkpoint.count,
            )
            success = GaugeMetricFamily(
                "oversight_job_last_success_timestamp_seconds",
                "When each periodic job last finished without error (Unix time).",
                labels=["job"],
            )
            failing = GaugeMetricFamily(
                "oversight_job_failing",
                "1 when the latest run of a periodic job failed.",
                labels=["job"],
            )
            for job in jobs.registered():
                runs = JobRun.objects.filter(job=job.name)
                done = runs.filter(state=JobRun.State.DONE).aggregate(at=Max("finished_at"))
                if done["at"] is not None:
                    success.add_metric([job.name], done["at"].timestamp())
                latest = runs.exclude(finished_at=None).order_by("-finished_at").first()
                failed = latest is not None and latest.state == JobRun.State.FAILED
                failing.add_metric([job.name], 1 if failed else 0)
            yield success
            yield failing
        except Exception:  # a scrape must answer even while the database is away
            logger.exception("reading the metrics from the database failed")
            yield GaugeMetricFamily(
                "oversight_database_up", "Whether the database answered.", value=0
            )
        else:
            yield GaugeMetricFamily(
                "oversight_database_up", "Whether the database answered.", value=1
            )
        finally:
            if threading.current_thread() is not threading.main_thread():
                connections.close_all()  # the scrape thread's own connections


def registry() -> CollectorRegistry:
    """The web workers' counters (multiprocess) or this process's, and the database's."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        collected = CollectorRegistry()
        MultiProcessCollector(collected)  # type: ignore[no-untyped-call]
    else:
        collected = CollectorRegistry()
        collected.register(REQUESTS)
    collected.register(InstanceCollector())
    return collected


def parse_bind(bind: str) -> tuple[str, int]:
    host, _, port = bind.rpartition(":")
    return host.strip("[]") or "127.0.0.1", int(port)


def serve_if_configured() -> None:
    if not settings.METRICS_BIND:
        return
    host, port = parse_bind(settings.METRICS_BIND)
    start_http_server(port, addr=host, registry=registry())
    logger.info("metrics on http://%s/metrics", settings.METRICS_BIND)
