"""Settings fail loudly on bad values; logs never carry a client address or user agent."""

import logging
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from oversight import env
from oversight.core.logging import NoClientIdentity


@pytest.mark.parametrize(
    ("name", "value", "reader"),
    [
        ("DEBUG", "maybe", lambda: env.env_bool("DEBUG", False)),
        ("SESSION_IDLE_SECONDS", "ten", lambda: env.env_int("SESSION_IDLE_SECONDS", 1)),
        ("SESSION_IDLE_SECONDS", "-5", lambda: env.env_int("SESSION_IDLE_SECONDS", 1)),
        ("ALLOWED_HOSTS", " , ", lambda: env.env_list("ALLOWED_HOSTS", [])),
    ],
)
def test_it_names_the_variable_with_a_bad_value(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, reader: object
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=rf"^{name}: "):
        reader()  # type: ignore[operator]


def test_it_reads_a_secret_from_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secret = tmp_path / "key"
    secret.write_text("k" * 40 + "\n")
    monkeypatch.setenv("SECRET_KEY_FILE", str(secret))
    assert env.secret_key(tmp_path) == "k" * 40


def test_it_generates_a_secret_key_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("SECRET_KEY_FILE", raising=False)
    first = env.secret_key(tmp_path)
    assert len(first) >= 50 and env.secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_it_refuses_a_short_secret_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SECRET_KEY", "short")
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        env.secret_key(tmp_path)


@pytest.mark.parametrize(
    ("variable", "value"),
    [("DATABASE_URL", "mysql://u:p@h/db"), ("DATABASE_URL", "nonsense"), ("DEBUG", "perhaps")],
)
def test_the_command_fails_at_start_naming_the_variable(variable: str, value: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "oversight", "check"],
        env={**os.environ, variable: value},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert f"{variable}:" in result.stderr


def test_production_hashes_passwords_with_argon2() -> None:
    from oversight import settings

    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_the_log_filter_masks_addresses_and_user_agents() -> None:
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Forbidden from %s with %s",
        ("203.0.113.77", "Mozilla/5.0 (X11; Linux) Firefox/128.0"),
        None,
    )
    assert NoClientIdentity().filter(record)
    message = record.getMessage()
    assert "203.0.113.77" not in message and "Firefox" not in message
    assert "[address]" in message and "[user-agent]" in message


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client: object) -> None:
    response = client.get("/healthz")  # type: ignore[attr-defined]
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response.headers["Referrer-Policy"] == "same-origin"


def _deploy_check(tmp_path: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env |= {"OVERSIGHT_VAR": str(tmp_path / "var"), "DEBUG": "0", **variables}
    command = [sys.executable, "-m", "oversight", "check", "--deploy", "--fail-level=WARNING"]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


@pytest.mark.parametrize(
    "variables",
    [
        {"SITE_URL": "https://oversight.example", "ALLOWED_HOSTS": "oversight.example"},
        {"BEHIND_TLS_PROXY": "1", "ALLOWED_HOSTS": "oversight.example"},
    ],
    ids=["https-site-url", "behind-tls-proxy"],
)
def test_the_deploy_check_passes_clean_over_https(
    tmp_path: Path, variables: dict[str, str]
) -> None:
    result = _deploy_check(tmp_path, **variables)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout, result.stdout + result.stderr


def _settings_of(tmp_path: Path, code: str, **variables: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"OVERSIGHT_VAR": str(tmp_path / "var"), "DJANGO_SETTINGS_MODULE": "oversight.settings"}
    script = f"import django; django.setup(); from django.conf import settings as s; {code}"
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env | variables,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_https_turns_on_hsts_and_the_redirect_but_not_for_healthz(tmp_path: Path) -> None:
    show = "print(s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT, s.SECURE_REDIRECT_EXEMPT)"
    assert _settings_of(tmp_path, show, SITE_URL="https://o.example").startswith("31536000 True")
    assert "healthz" in _settings_of(tmp_path, show, BEHIND_TLS_PROXY="yes")
    assert _settings_of(tmp_path, show, SITE_URL="http://127.0.0.1:8000").startswith("0 False")


def test_the_database_file_and_var_are_private(tmp_path: Path) -> None:
    var = tmp_path / "var"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "-m", "oversight", "migrate", "--noinput", "-v0"],
        env=env | {"OVERSIGHT_VAR": str(var)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert var.stat().st_mode & 0o777 == 0o700
    for path in var.glob("oversight.sqlite3*"):
        assert path.stat().st_mode & 0o077 == 0, (path, oct(path.stat().st_mode))
    assert (var / "oversight.sqlite3").exists()
    with closing(sqlite3.connect(var / "oversight.sqlite3")) as db:  # migrate made the limits'
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert "oversight_limits" in tables  # shared cache table, as every other table


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("ip=198.51.100.7:", "ip=[address]:"),
        ("from ::ffff:198.51.100.7 x", "from [address] x"),
        ("peer 2001:db8::8a2e:370:7334 x", "peer [address] x"),
        ("peer 2001:0db8:85a3:0000:0000:8a2e:0370:7334", "peer [address]"),
        ("[29/Nov/2026:15:29:19 +0000]", "[29/Nov/2026:15:29:19 +0000]"),  # a time stays
    ],
)
def test_the_log_filter_masks_every_address_form_but_not_times(text: str, masked: str) -> None:
    record = logging.LogRecord("gunicorn.error", logging.WARNING, __file__, 1, text, None, None)
    assert NoClientIdentity().filter(record)
    assert record.getMessage() == masked
