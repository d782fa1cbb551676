"""Settings fail loudly on bad values; logs never carry a client address or user agent."""

import logging
import os
import subprocess
import sys
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
