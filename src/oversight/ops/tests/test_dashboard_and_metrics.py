"""Administrators see the jobs at /staff/; operators scrape metrics off the public address."""

import urllib.request
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from oversight.accounts.models import Role
from oversight.accounts.tests.helpers import make_user, signed_in
from oversight.core import audit, jobs
from oversight.ops import metrics
from oversight.ops.models import JobRun
from oversight.ops.tests.helpers import worker_pass

pytestmark = pytest.mark.django_db


def _broken(now: Any) -> dict[str, int]:
    raise RuntimeError("SMTP said no")


@pytest.fixture
def broken_job() -> Any:
    job = jobs.register(jobs.Job("test.broken", "A broken job", timedelta(hours=1), _broken))
    yield job
    jobs.unregister(job.name)


def test_staff_shows_administrators_each_jobs_last_run_next_run_and_error(
    broken_job: Any,
) -> None:
    worker_pass()
    page = signed_in(make_user("ada", Role.ADMINISTRATOR)).get("/staff/").content.decode()
    assert "Periodic jobs" in page
    assert 'id="job-consultationsclose_due"' in page
    assert "Close consultations past their closing time" in page
    assert "RuntimeError: SMTP said no" in page
    next_slot = broken_job.next_slot(timezone.now())
    assert f'datetime="{next_slot.isoformat()}"' in page
    officer = make_user("olga", Role.LICENSING_OFFICER, jurisdiction="FR")
    assert "Periodic jobs" not in signed_in(officer).get("/staff/").content.decode()


def test_a_job_never_run_is_due_now() -> None:
    page = signed_in(make_user("ada", Role.ADMINISTRATOR)).get("/staff/").content.decode()
    assert "never" in page
    assert not JobRun.objects.exists()


def test_metrics_count_requests_and_read_the_queue_and_the_log(settings: Any) -> None:
    audit.record("test.metric", actor_label="test")
    before = metrics.REQUESTS.labels(method="GET", status="2xx")._value.get()
    settings.MIDDLEWARE = ["oversight.ops.metrics.count_requests", *settings.MIDDLEWARE]
    assert Client().get("/healthz").status_code == 200
    assert metrics.REQUESTS.labels(method="GET", status="2xx")._value.get() == before + 1
    from prometheus_client import generate_latest

    text = generate_latest(metrics.registry()).decode()
    assert "oversight_http_requests_total" in text
    assert 'oversight_task_queue_depth{queue="default"} 0.0' in text
    assert f"oversight_audit_log_entries {float(audit.head().count)}" in text
    assert "oversight_audit_checkpoint_age_seconds" in text
    assert "oversight_database_up 1.0" in text
    assert "127.0.0.1" not in text  # nothing about clients


def test_metrics_are_off_unless_an_address_is_given(settings: Any) -> None:
    settings.METRICS_BIND = ""
    metrics.serve_if_configured()  # does nothing: no listener to find
    assert metrics.parse_bind("127.0.0.1:9464") == ("127.0.0.1", 9464)
    assert metrics.parse_bind("[::1]:9464") == ("::1", 9464)
    assert metrics.parse_bind(":9464") == ("127.0.0.1", 9464)


def test_metrics_are_served_on_the_configured_address(settings: Any) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.METRICS_BIND = f"127.0.0.1:{port}"
    metrics.serve_if_configured()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as answer:
        assert b"oversight_audit_log_entries" in answer.read()
