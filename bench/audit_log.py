"""Benchmark: audit log appends and full verification.

Run:  .venv/bin/python bench/audit_log.py [N]   (uses a scratch SQLite file, or DATABASE_URL)
Results are written down in bench/README.md.
"""

import os
import sys
import tempfile
import time

if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oversight.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from oversight.core import audit  # noqa: E402


def main(count: int) -> None:
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    for number in range(count):
        audit.record("bench.append", changes={"n": [number, number + 1]}, reasons=["bench"])
    appended = time.perf_counter() - start
    start = time.perf_counter()
    verdict = audit.verify()
    verified = time.perf_counter() - start
    assert verdict.ok, verdict.problem
    print(f"{count} appends: {appended:.2f}s ({count / appended:.0f}/s, each its own transaction)")
    print(f"verify {verdict.count} entries: {verified:.2f}s ({verdict.count / verified:.0f}/s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
