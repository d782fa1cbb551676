"""Every setting docs/deploy.md names can be set from the environment."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from oversight.ops.routing import ReplicaRouter, _public_read


def _settings(tmp_path: Path, **env: str) -> dict[str, Any]:
    """Load the settings in a fresh process with `env`; print the values asked for."""
    code = """
import json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oversight.settings")
from django.conf import settings
print(json.dumps({
    "databases": sorted(settings.DATABASES),
    "replica": settings.DATABASES.get("replica", {}).get("NAME", ""),
    "routers": getattr(settings, "DATABASE_ROUTERS", []),
    "storage": settings.STORAGES["default"]["BACKEND"],
    "storage_options": settings.STORAGES["default"].get("OPTIONS", {}),
    "metrics": settings.METRICS_BIND,
    "middleware": settings.MIDDLEWARE[1],
    "schedule": settings.SCHEDULE_SECONDS,
    "poll": settings.WORKER_POLL_SECONDS,
    "serve_worker": settings.SERVE_WORKER,
    "backup_key": str(settings.BACKUP_KEY_FILE),
    "tasks": settings.TASKS["default"]["BACKEND"],
    "email": [settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT,
              settings.DEFAULT_FROM_EMAIL],
    "hsts": [settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,
             settings.SECURE_HSTS_PRELOAD],
    "grievance_max_files": settings.GRIEVANCE_MAX_FILES,
    "report_due_days": settings.PROCUREMENT_REPORT_DUE_DAYS,
}))
"""
    clean = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=clean | {"OVERSIGHT_VAR": str(tmp_path / "var")} | env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    import json

    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_defaults_keep_everything_on_this_machine(tmp_path: Path) -> None:
    values = _settings(tmp_path)
    assert values["databases"] == ["default"] and values["routers"] == []
    assert values["storage"] == "django.core.files.storage.FileSystemStorage"
    assert values["metrics"] == ""  # no metrics listener unless asked
    assert values["serve_worker"] is True
    assert values["schedule"] == 60
    assert values["backup_key"] == str(tmp_path / "var" / "backup.key")
    assert values["tasks"] == "django_tasks_db.DatabaseBackend"


def test_the_deployment_settings_come_from_the_environment(tmp_path: Path) -> None:
    values = _settings(
        tmp_path,
        DATABASE_URL="postgres://app:secret@db-primary:5432/oversight",
        DATABASE_REPLICA_URL="postgres://reader:secret@db-replica:5432/oversight_replica",
        FILE_STORAGE_BACKEND="storages.backends.s3.S3Storage",
        FILE_STORAGE_OPTIONS='{"bucket_name": "oversight-files"}',
        METRICS_BIND="10.0.0.5:9464",
        OVERSIGHT_SCHEDULE_SECONDS="30",
        OVERSIGHT_WORKER_POLL_SECONDS="5",
        OVERSIGHT_SERVE_WORKER="0",
        OVERSIGHT_BACKUP_KEY_FILE="/etc/oversight/backup.pub",
    )
    assert values["databases"] == ["default", "replica"]
    assert values["replica"] == "oversight_replica"
    assert values["routers"] == ["oversight.ops.routing.ReplicaRouter"]
    assert values["storage"] == "storages.backends.s3.S3Storage"
    assert values["storage_options"] == {"bucket_name": "oversight-files"}
    assert values["metrics"] == "10.0.0.5:9464"
    assert values["middleware"] == "oversight.ops.metrics.count_requests"
    assert (values["schedule"], values["poll"], values["serve_worker"]) == (30, 5, False)
    assert values["backup_key"] == "/etc/oversight/backup.pub"


def test_mail_tls_and_limits_come_from_the_environment_or_a_file(tmp_path: Path) -> None:
    secret = tmp_path / "smtp-host"
    secret.write_text("smtp.internal\n")
    values = _settings(
        tmp_path,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST_FILE=str(secret),  # any NAME_FILE is read instead of NAME
        EMAIL_PORT="587",
        DEFAULT_FROM_EMAIL="licensing@authority.example",
        SITE_URL="https://oversight.example",
        HSTS_SECONDS="600",
        HSTS_INCLUDE_SUBDOMAINS="false",
        HSTS_PRELOAD="no",
        GRIEVANCE_MAX_FILES="3",
        PROCUREMENT_REPORT_DUE_DAYS="30",
    )
    assert values["email"] == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.internal",
        587,
        "licensing@authority.example",
    ]
    assert values["hsts"] == [600, False, False]
    assert (values["grievance_max_files"], values["report_due_days"]) == (3, 30)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("FILE_STORAGE_OPTIONS", "[1]", "FILE_STORAGE_OPTIONS: expected a JSON object"),
        ("DATABASE_REPLICA_URL", "mysql://x/y", "DATABASE_REPLICA_URL: unsupported database"),
        ("OVERSIGHT_SCHEDULE_SECONDS", "0", "OVERSIGHT_SCHEDULE_SECONDS: must be at least 1"),
    ],
)
def test_a_bad_value_stops_the_start_naming_the_variable(
    tmp_path: Path, name: str, value: str, message: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import oversight.settings"],
        env=dict(os.environ) | {"OVERSIGHT_VAR": str(tmp_path), name: value},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0 and message in done.stderr


def test_the_router_sends_only_public_reads_to_the_replica() -> None:
    from django.contrib.sessions.models import Session

    from oversight.core.models import AuditEntry

    router = ReplicaRouter()
    assert router.db_for_read(AuditEntry) is None  # not in a public request: the primary
    token = _public_read.set(True)
    try:
        assert router.db_for_read(AuditEntry) == "replica"
        assert router.db_for_read(Session) is None  # sessions stay on the primary
        assert router.db_for_write(AuditEntry) == "default"
    finally:
        _public_read.reset(token)
    assert not router.allow_migrate("replica", "core")
    assert router.allow_migrate("default", "core")


SPY: Any = None


@pytest.mark.django_db
def test_an_anonymous_get_is_a_public_read_and_a_signed_in_one_is_not(settings: Any) -> None:
    seen: list[bool] = []
    from django.test import Client

    from oversight.ops import routing

    def spy(get_response: Any) -> Any:
        def middleware(request: Any) -> Any:
            seen.append(routing._public_read.get())
            return get_response(request)

        return middleware

    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "oversight.ops.tests.test_settings.SPY"]
    global SPY
    SPY = spy
    client = Client()
    client.get("/healthz")
    client.cookies[settings.SESSION_COOKIE_NAME] = "x"
    client.get("/healthz")
    client.post("/healthz")
    assert seen == [True, False, False]
