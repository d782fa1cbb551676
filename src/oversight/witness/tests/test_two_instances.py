"""Two live instances witness each other; one rewinds its database and the other sees it.

Each instance is `oversight serve` in its own subprocess on 127.0.0.1, with its own
SQLite file, key and SITE_URL; the commands an operator would type (`witness add`,
`witness poll`, `audit verify --remote`) run as subprocesses against each one's var/.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from oversight.core import note

# Entries written "yesterday" are in today's checkpoint (cut at midnight UTC).
SEED = """
import sys
from datetime import UTC, datetime, timedelta
from unittest import mock
import django
django.setup()
from oversight.core import audit
from oversight.core.models import AuditEntry, AuditHead

keep, label = int(sys.argv[1]), sys.argv[2]
if keep >= 0:  # rewind: drop every entry after `keep`, as an operator with the database can
    AuditEntry.objects.filter(seq__gt=keep).delete()
    last = AuditEntry.objects.get(seq=keep)
    AuditHead.objects.filter(pk=1).update(count=keep, hash=last.hash, updated_at=last.at)
now = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
with mock.patch("django.utils.timezone.now", return_value=now - timedelta(hours=6)):
    for number in range(3):
        audit.record("test.seeded", actor_label=f"{label} {number}")
"""

_NOT_PASSED = {"DATABASE_URL", "XDG_RUNTIME_DIR", "DJANGO_ALLOW_ASYNC_UNSAFE", "SITE_URL"}


def _free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Instance:
    url: str
    env: dict[str, str]
    log: Path

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "oversight", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if check and done.returncode != 0:
            pytest.fail(f"oversight {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done

    def python(self, script: str, *args: str) -> None:
        command = [sys.executable, "-c", script, *args]
        subprocess.run(command, env=self.env, check=True, timeout=120)

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:  # noqa: S310
            return str(response.read().decode())

    def json(self, path: str) -> Any:
        return json.loads(self.get(path))


def _instance(tmp: Path) -> Instance:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in _NOT_PASSED} | {
        "HOME": str(tmp / "home"),
        "OVERSIGHT_VAR": str(tmp / "var"),
        "DEBUG": "0",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "DJANGO_SETTINGS_MODULE": "oversight.settings",
    }
    return Instance(f"http://127.0.0.1:{port}", env, tmp / "server.log")


@contextmanager
def serving(instance: Instance) -> Iterator[None]:
    port = instance.url.rsplit(":", 1)[1]
    command = [sys.executable, "-m", "oversight", "serve", f"--bind=127.0.0.1:{port}"]
    with instance.log.open("wb") as out:
        process = subprocess.Popen(
            [*command, "--workers=1"], env=instance.env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert process.poll() is None, instance.log.read_text()
            try:  # a static file: no page that would cache the chain check yet
                instance.get("/static/portal/site.css")
                break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail(f"the server did not start:\n{instance.log.read_text()}")
        yield
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_two_instances_witness_each_other_and_catch_a_rewound_database(tmp_path: Path) -> None:
    a, b = _instance(tmp_path / "a"), _instance(tmp_path / "b")
    for instance, label in ((a, "a"), (b, "b")):
        instance.run("migrate", "--verbosity=0")
        instance.python(SEED, "-1", label)
    with serving(a), serving(b):
        # Each witnesses the other, and collects the other's cosignatures of its own log.
        for one, other in ((a, b), (b, a)):
            one.run("witness", "add", other.url)
            one.run("witness", "add-cosigner", other.url)
        assert "cosigned (size 3)" in a.run("witness", "poll").stdout
        assert "cosigned (size 3)" in b.run("witness", "poll").stdout
        assert "1 new" in a.run("witness", "poll").stdout  # b's cosignature of a's log

        # a's checkpoint now carries b's cosignature, which verifies with b's own key.
        keys = [note.parse_vkey(line) for line in b.get("/transparency/key").splitlines()]
        witness_key = next(k for k in keys if k.kind == note.COSIGNATURE)
        cosigned = note.parse_note(a.get("/api/v1/transparency/log/checkpoint"))
        [line] = cosigned.by(witness_key)
        note.verify_cosignature(cosigned.text, line, witness_key)
        assert witness_key.name in a.get("/transparency/log/")
        verified = b.run("audit", "verify", "--remote", a.url)
        assert "the current checkpoint extends it" in verified.stdout, verified.stdout

        # b's operator rewinds: drops its last two entries and writes different ones.
        b.python(SEED, "1", "rewritten")
        assert b.json("/api/v1/transparency/log/head")["count"] == 4
        caught = a.run("witness", "poll", check=False)
        assert caught.returncode != 0 and "FORK" in caught.stderr, caught.stdout + caught.stderr
        assert "fork" in caught.stdout

        # The alarm is public, with both signed checkpoints kept as evidence.
        page = a.get("/transparency/log/")
        assert "Alarm" in page and "signed two different histories" in page
        [log] = a.json("/api/v1/transparency/witness")["logs"]
        assert log["forked"] and len(log["forks"]) == 1
        fork = log["forks"][0]
        old = note.parse_checkpoint(note.parse_note(fork["seen"]).text)
        new = note.parse_checkpoint(note.parse_note(fork["found"]).text)
        assert (old.size, new.size) == (3, 4) and old.origin == new.origin
        health = a.json("/healthz")
        assert health["audit_log"]["witnessed_forks"] == [old.origin]
        assert a.run("witness", "poll", check=False).returncode != 0  # still, and only once
        assert len(a.json("/api/v1/transparency/witness")["logs"][0]["forks"]) == 1

        # Anyone can check b from outside, against its witnesses: the fork is reported.
        outside = a.run("audit", "verify", "--remote", b.url, "--witness", a.url, check=False)
        assert outside.returncode != 0
        assert "FORK reported by witness" in outside.stderr, outside.stdout + outside.stderr
        # b's own poll finds that its witness cosigned a history it no longer has.
        collected = b.run("witness", "poll").stdout
        assert "not ours" in collected, collected
