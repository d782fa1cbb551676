"""Benchmark: peak memory of `oversight import` on a large generated file.

Run:  .venv/bin/python bench/import_memory.py [--format json|ndjson|csv] [--size-mb 100]
          [--citation-chars N] [--refused] [--src PATH]
--src is the source tree to measure (default: this one's src/). The script generates
SII-style transfer records (each with a citation of N characters), migrates a scratch
SQLite database, imports the file in a child process and reports the child's peak
resident memory (ru_maxrss) and the time taken. Results: bench/README.md.
"""

import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
COUNTRIES = ["France", "Oman", "Mexico", "India", "Morocco", "Bahrain", "Egypt", "Kenya"]
GOODS = ["Lawful interception", "Intrusion software", "Deep packet inspection", "Forensics"]


def records(size: int, citation_chars: int, refused: bool) -> Iterator[dict[str, Any]]:
    rng = random.Random(41)
    written, number = 0, 0
    words = ["report", "citizen", "lab", "amnesty", "court", "filing", "export", "licence"]
    while written < size:
        number += 1
        citation = " ".join(rng.choice(words) for _ in range(citation_chars // 7))
        record = {
            "unique_id": f"bench-{number}",
            "title": f"Sale {number} of monitoring centre",
            "supplier_company": "",
            "company_name": f"Vendor {number % 50}",
            "supplier_company_hq": "Germany",
            "recipient_country": "Atlantis" if refused else rng.choice(COUNTRIES),
            "enduser": "Ministry of Interior",
            "goods": [rng.choice(GOODS)],
            "order_year": str(2000 + number % 24),
            "transfer_to_enduser_reported_as_complete": "Unknown",
            "export_data_or_open_source": "Open",
            "sources": citation[:citation_chars],
            "source_links": [f"https://example.org/report/{number}"],
        }
        written += len(json.dumps(record))
        yield record


def generate(path: Path, fmt: str, size: int, citation_chars: int, refused: bool) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        if fmt == "csv":
            writer: Any = None
            for record in records(size, citation_chars, refused):
                row = {k: json.dumps(v) if isinstance(v, list) else v for k, v in record.items()}
                if writer is None:
                    writer = csv.DictWriter(out, fieldnames=list(row))
                    writer.writeheader()
                writer.writerow(row)
                count += 1
        elif fmt == "ndjson":
            for record in records(size, citation_chars, refused):
                out.write(json.dumps(record) + "\n")
                count += 1
        else:
            out.write("[")
            for record in records(size, citation_chars, refused):
                out.write(("," if count else "") + "\n" + json.dumps(record, indent=1))
                count += 1
            out.write("\n]\n")
    return count


def measure(args: list[str], env: dict[str, str]) -> tuple[int, float, int, str]:
    """(exit status, seconds, peak RSS in MiB, first line of output) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "-m", "oversight", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = child.stdout.read() if child.stdout else ""
    _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    lines = [line for line in output.splitlines() if line.strip()]
    return (
        os.waitstatus_to_exitcode(status),
        seconds,
        usage.ru_maxrss // 1024,
        lines[0] if lines else "",
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--format", choices=["json", "ndjson", "csv"], default="json")
    parser.add_argument("--size-mb", type=int, default=100)
    parser.add_argument("--citation-chars", type=int, default=10_000)
    parser.add_argument("--src", type=Path, default=ROOT / "src")
    parser.add_argument(
        "--refused",
        action="store_true",
        help="every record names an unknown country: measures reading, with no writes",
    )
    options = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="oversight-bench-"))
    env = {
        **os.environ,
        "PYTHONPATH": str(options.src.resolve()),
        "OVERSIGHT_HOME": str(scratch),
        "DATABASE_URL": f"sqlite:///{scratch / 'bench.sqlite3'}",
        "TQDM_DISABLE": "1",
    }
    path = scratch / f"transfers.{options.format}"
    size = options.size_mb * 1_000_000
    count = generate(path, options.format, size, options.citation_chars, options.refused)
    megabytes = path.stat().st_size / 1_000_000
    print(f"{path.name}: {megabytes:.0f} MB, {count} records; source: {options.src}")
    print("migrate:", measure(["migrate", "--verbosity", "0"], env)[:3])
    status, seconds, peak, line = measure(["import", "transfers", str(path)], env)
    print(f"import: exit {status}, {seconds:.0f} s, peak {peak} MiB — {line}")
    shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
