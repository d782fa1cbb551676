"""Backups: taken while writes run, restored into an empty instance, verified there."""

import os
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from oversight.core import audit
from oversight.ops import backup

WRITER = """
import sys, django
django.setup()
from oversight.core import audit
for i in range(int(sys.argv[1])):
    audit.record("test.during_backup", actor_label="writer", reasons=[str(i)])
"""


def _url(name: str) -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{name}"
    user, password = settings["USER"], settings["PASSWORD"]
    host, port = settings["HOST"] or "localhost", settings["PORT"] or 5432
    return f"postgres://{user}:{password}@{host}:{port}/{name}"


def _admin_sql(statement: str) -> None:
    settings = connection.settings_dict
    with psycopg.connect(
        dbname="postgres",
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"] or "localhost",
        port=settings["PORT"] or 5432,
        autocommit=True,
    ) as admin:
        admin.execute(statement)


@pytest.fixture
def stores(settings: Any, tmp_path: Path) -> Path:
    settings.BACKUP_KEY_FILE = tmp_path / "source" / "backup.key"
    settings.MEDIA_ROOT = tmp_path / "source" / "media"
    settings.GRIEVANCE_FILES_DIR = tmp_path / "source" / "grievance-files"
    (settings.MEDIA_ROOT / "statements").mkdir(parents=True)
    (settings.MEDIA_ROOT / "statements" / "a.pdf").write_bytes(b"%PDF-1.4 statement")
    (settings.GRIEVANCE_FILES_DIR / "ab").mkdir(parents=True)
    (settings.GRIEVANCE_FILES_DIR / "ab" / "abcdef").write_bytes(b"ciphertext")
    return tmp_path


@pytest.fixture
def target(tmp_path: Path) -> Iterator[dict[str, str]]:
    """An empty instance: its own var/ and an empty database."""
    var = tmp_path / "target-var"
    if connection.vendor == "sqlite":
        url = _url(str(tmp_path / "target.sqlite3"))
    else:
        name = f"{connection.settings_dict['NAME']}_restore"
        _admin_sql(f'DROP DATABASE IF EXISTS "{name}"')
        _admin_sql(f'CREATE DATABASE "{name}"')
        url = _url(name)
    env = {k: v for k, v in os.environ.items() if k not in {"MEDIA_ROOT", "GRIEVANCE_FILES_DIR"}}
    yield env | {"OVERSIGHT_VAR": str(var), "DATABASE_URL": url}
    if connection.vendor != "sqlite":
        _admin_sql(f'DROP DATABASE IF EXISTS "{connection.settings_dict["NAME"]}_restore"')


def _oversight(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "oversight", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_taken_during_writes_restores_and_verifies(
    stores: Path, target: dict[str, str], settings: Any
) -> None:
    audit.record("test.before_backup", actor_label="test")
    before = audit.head().count
    env = {**os.environ, "DATABASE_URL": _url(connection.settings_dict["NAME"])}
    writer = subprocess.Popen([sys.executable, "-c", WRITER, "400"], env=env)
    try:
        for _ in range(600):  # bounded: until the writer is under way
            if audit.head().count > before + 5 or writer.poll() is not None:
                break
            time.sleep(0.05)
        out, err = StringIO(), StringIO()
        call_command("backup", str(stores / "backup.bin"), stdout=out, stderr=err)
    finally:
        assert writer.wait(timeout=300) == 0
    assert "WARNING: made a new backup key" in err.getvalue()
    assert stat.S_IMODE(settings.BACKUP_KEY_FILE.stat().st_mode) == 0o600
    header, _, _ = backup.read_header((stores / "backup.bin").open("rb"))
    count = header["checkpoint"]["count"]
    assert before < count  # taken while entries were being written
    assert f"{count}:{header['checkpoint']['hash']}" in out.getvalue()

    restored = _oversight(
        target, "restore", str(stores / "backup.bin"), "--key-file", str(settings.BACKUP_KEY_FILE)
    )
    assert restored.returncode == 0, restored.stderr
    assert f"audit log verifies: {count} entries" in restored.stdout
    assert "verifies against the checkpoint it carries" in restored.stdout
    var = Path(target["OVERSIGHT_VAR"])
    assert (var / "files" / "statements" / "a.pdf").read_bytes() == b"%PDF-1.4 statement"
    assert (var / "grievance-files" / "ab" / "abcdef").read_bytes() == b"ciphertext"
    head = _oversight(target, "audit", "head")
    assert head.stdout.startswith(f"{count + 1} ")  # and the restore itself is logged

    again = _oversight(
        target, "restore", str(stores / "backup.bin"), "--key-file", str(settings.BACKUP_KEY_FILE)
    )
    assert again.returncode != 0
    assert "Refusing to restore: this instance is not empty" in again.stderr


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_opens_only_whole_and_with_its_private_key(stores: Path, settings: Any) -> None:
    call_command("backup", str(stores / "b.bin"), stdout=StringIO(), stderr=StringIO())
    key = backup.read_key(settings.BACKUP_KEY_FILE)
    assert key.private is not None
    public_only = stores / "public.key"
    public_only.write_text(backup.OperatorKey(key.public, None).text())
    assert "private:" not in public_only.read_text()
    with pytest.raises(CommandError, match="holds only the public key"):
        call_command("restore", str(stores / "b.bin"), key_file=str(public_only))
    data = bytearray((stores / "b.bin").read_bytes())
    data[-20] ^= 1
    (stores / "tampered.bin").write_bytes(bytes(data))
    (stores / "truncated.bin").write_bytes(bytes(data[:-100]))
    for name, problem in (("tampered.bin", "altered"), ("truncated.bin", "truncated")):
        with (
            (stores / name).open("rb") as source,
            pytest.raises(backup.BackupError, match=problem),
        ):
            backup.decrypt(source, open(os.devnull, "wb"), key.private)  # noqa: SIM115
    other = backup.OperatorKey(key.public, None)
    assert other.private is None
    with pytest.raises(CommandError, match="exists; refusing"):
        call_command("backup", str(stores / "b.bin"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_restore_refuses_a_non_empty_instance(stores: Path, settings: Any) -> None:
    call_command("backup", str(stores / "b.bin"), stdout=StringIO(), stderr=StringIO())
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(stores / "b.bin"), key_file=str(settings.BACKUP_KEY_FILE))
