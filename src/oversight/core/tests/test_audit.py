"""The audit log: appends chain, verification catches every kind of tampering."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from oversight.core import audit
from oversight.core.models import GENESIS_HASH, AuditEntry

pytestmark = pytest.mark.django_db


def _append(n: int) -> list[AuditEntry]:
    return [
        audit.record("test.thing.changed", changes={"status": ["a", f"b{i}"]}, reasons=[f"r{i}"])
        for i in range(n)
    ]


def _sql(statement: str, *params: str | int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_it_chains_each_entry_to_the_one_before() -> None:
    first, second = _append(2)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert audit.head() == audit.Head(second.seq, second.hash)
    assert audit.verify().ok


def test_it_refuses_to_change_or_delete_an_entry_through_the_orm() -> None:
    (entry,) = _append(1)
    entry.action = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


def test_it_records_the_actor_label_and_changes_as_json() -> None:
    entry = audit.record("x.y", actor_label="importer", changes={"n": [None, 3]}, reasons=["why"])
    entry.refresh_from_db()
    assert (entry.actor_label, entry.changes, entry.reasons) == (
        "importer",
        {"n": [None, 3]},
        ["why"],
    )
    assert audit.compute_hash(entry) == entry.hash


def test_it_detects_an_altered_entry() -> None:
    entries = _append(5)
    _sql("UPDATE core_auditentry SET reasons = %s WHERE seq = %s", '["forged"]', entries[2].seq)
    verdict = audit.verify()
    assert not verdict.ok
    assert verdict.bad_seq == entries[2].seq
    assert "altered" in verdict.problem


def test_it_detects_a_removed_entry() -> None:
    entries = _append(5)
    _sql("DELETE FROM core_auditentry WHERE seq = %s", entries[1].seq)
    verdict = audit.verify()
    assert not verdict.ok and verdict.bad_seq == entries[2].seq


def test_it_detects_entries_removed_from_the_end() -> None:
    entries = _append(3)
    _sql("DELETE FROM core_auditentry WHERE seq = %s", entries[-1].seq)
    verdict = audit.verify()
    assert not verdict.ok and "removed from the end" in verdict.problem


def test_it_detects_reordered_entries() -> None:
    entries = _append(4)
    a, b = entries[1].seq, entries[2].seq
    _sql("UPDATE core_auditentry SET seq = %s WHERE seq = %s", 10_000, a)
    _sql("UPDATE core_auditentry SET seq = %s WHERE seq = %s", a, b)
    _sql("UPDATE core_auditentry SET seq = %s WHERE seq = %s", b, 10_000)
    verdict = audit.verify()
    assert not verdict.ok and verdict.bad_seq == a


def test_it_detects_an_inserted_entry_even_with_a_recomputed_hash() -> None:
    entries = _append(3)
    # A forger who rehashes one entry still breaks the link from the next one.
    forged = AuditEntry.objects.get(seq=entries[1].seq)
    forged.reasons = ["inserted"]
    new_hash = audit.compute_hash(forged)
    _sql(
        "UPDATE core_auditentry SET reasons = %s, hash = %s WHERE seq = %s",
        '["inserted"]',
        new_hash,
        forged.seq,
    )
    verdict = audit.verify()
    assert not verdict.ok and verdict.bad_seq == entries[2].seq


def test_the_command_prints_count_and_head_when_the_log_holds(
    capsys: pytest.CaptureFixture[str],
) -> None:
    entries = _append(2)
    call_command("audit", "verify")
    out = capsys.readouterr().out
    assert f"{audit.head().count} entries" in out and entries[-1].hash in out


def test_the_command_fails_naming_the_first_bad_entry() -> None:
    entries = _append(3)
    _sql("UPDATE core_auditentry SET action = %s WHERE seq = %s", "forged", entries[0].seq)
    with pytest.raises(CommandError, match=rf"entry #{entries[0].seq}\b"):
        call_command("audit", "verify")


def test_the_command_checks_a_head_recorded_earlier() -> None:
    entries = _append(2)
    call_command("audit", "verify", "--expect", f"{entries[0].seq}:{entries[0].hash}")
    with pytest.raises(CommandError, match="history was rewritten"):
        call_command("audit", "verify", "--expect", f"{entries[0].seq}:{'f' * 64}")
    with pytest.raises(CommandError, match="--expect"):
        call_command("audit", "verify", "--expect", "nonsense")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_oversight_command_exits_non_zero_on_a_tampered_log() -> None:
    """The CLI people run, in a real process: exit status and message."""
    entries = _append(2)
    command = [sys.executable, "-m", "oversight", "audit", "verify"]
    env = {**os.environ, "DATABASE_URL": _database_url()}
    ok = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert entries[-1].hash in ok.stdout
    _sql("UPDATE core_auditentry SET action = %s WHERE seq = %s", "forged", entries[1].seq)
    bad = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert bad.returncode != 0
    assert f"entry #{entries[1].seq}: its content does not match its hash" in bad.stderr


WRITER = """
import sys, django
django.setup()
from oversight.core import audit
for i in range(int(sys.argv[1])):
    audit.record("test.concurrent", actor_label=sys.argv[2], reasons=[str(i)])
"""


def _database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user, password = settings["USER"], settings["PASSWORD"]
    host, port = settings["HOST"] or "localhost", settings["PORT"] or 5432
    return f"postgres://{user}:{password}@{host}:{port}/{settings['NAME']}"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_never_forks_when_processes_append_at_once() -> None:
    before = audit.head().count
    env = {**os.environ, "DATABASE_URL": _database_url()}
    env["DJANGO_SETTINGS_MODULE"] = "oversight.settings"
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, "40", f"writer-{n}"], env=env)
        for n in range(4)
    ]
    assert [writer.wait(timeout=120) for writer in writers] == [0, 0, 0, 0]
    verdict = audit.verify()
    assert verdict.ok, verdict.problem
    assert verdict.count == before + 160
    assert AuditEntry.objects.filter(action="test.concurrent").count() == 160
