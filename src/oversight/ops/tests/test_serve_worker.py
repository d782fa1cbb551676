"""`oversight serve` starts a worker beside the web workers; it stops when the server does."""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from oversight.core.tests.test_serve import _environment, serving


def _children(pid: int) -> list[int]:
    found = subprocess.run(
        ["pgrep", "-P", str(pid), "-f", "oversight worker"],
        capture_output=True,
        text=True,
        check=False,
    )
    return [int(line) for line in found.stdout.split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has stopped


def test_serve_runs_the_periodic_jobs_and_stops_its_worker(tmp_path: Path) -> None:
    var = tmp_path / "var"
    env = _environment(tmp_path) | {"OVERSIGHT_VAR": str(var)}
    migrate = [sys.executable, "-m", "oversight", "migrate", "--noinput"]
    done = subprocess.run(migrate, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    with serving(tmp_path, "--workers=1", var=var) as server:
        workers: list[int] = []
        for _ in range(150):  # bounded: up to 30 s for the worker to start and run
            workers = workers or _children(server.process.pid)
            with sqlite3.connect(var / "oversight.sqlite3") as db:
                ran = db.execute("SELECT count(*) FROM ops_jobrun WHERE state='done'").fetchone()
            db.close()
            if workers and ran[0] >= 1:
                break
            time.sleep(0.2)
        assert len(workers) == 1, server.log_text()
        assert ran[0] >= 1, server.log_text()
    for _ in range(100):  # bounded: up to 20 s for the worker to see its server gone
        if not _alive(workers[0]):
            break
        time.sleep(0.2)
    assert not _alive(workers[0]), "the worker outlived its server"
