"""oversight generate --licences N --seed S [--csv FILE]: synthetic licence decisions."""

import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from oversight.core import importing
from oversight.registry import synthetic

MOST = 10_000_000


class Command(BaseCommand):
    help = (
        "Create N synthetic licence decisions whose destinations, ratings, values, refusal "
        "rate and dates follow the real UK statistics (registry.synthetic), through the "
        "importer's bulk path (`oversight import uk-licences`: batches, one audit entry a "
        "batch, historical decisions and the search index derived in the same batch). "
        "Deterministic: the same N and seed give the same rows. For benchmarks and load "
        "tests on a scratch database; licence groups are SYN-<seed>-<n>."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--licences", type=int, required=True, metavar="N")
        parser.add_argument("--seed", type=int, default=16, metavar="S")
        parser.add_argument(
            "--csv",
            type=Path,
            metavar="FILE",
            help="write the rows to FILE (for `oversight import uk-licences FILE`) instead",
        )
        parser.add_argument(
            "--batch-size", type=int, default=importing.BATCH_SIZE, help=argparse_hidden()
        )

    def handle(self, *args: Any, **options: Any) -> None:
        licences: int = options["licences"]
        if not 1 <= licences <= MOST:
            raise CommandError(f"--licences: expected 1 to {MOST:,}, got {licences}")
        seed: int = options["seed"]
        if seed < 0:
            raise CommandError(f"--seed: expected 0 or more, got {seed}")
        if not 1 <= options["batch_size"] <= 100_000:
            raise CommandError("--batch-size: expected 1 to 100,000")
        started = time.monotonic()
        if options["csv"]:
            written, sha256 = synthetic.write_csv(options["csv"], licences, seed)
            self.stdout.write(
                f"{options['csv']}: {written} rows of {licences} licence decisions "
                f"(SHA-256 {sha256}) in {time.monotonic() - started:.1f}s"
            )
            return
        rows = (
            (f"row {number}", row)
            for number, row in enumerate(synthetic.rows(licences, seed), start=1)
        )
        summary = importing.run(
            importing.get("uk-licences"),
            tqdm(rows, unit=" rows", file=sys.stderr, disable=None),
            sha256=synthetic.fingerprint(licences, seed),
            batch_size=options["batch_size"],
        )
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"{licences} licence decisions: {summary.line()} statistic rows "
            f"in {elapsed:.1f}s ({summary.accepted / max(elapsed, 1e-9):.0f} rows/s)"
        )
        for where, reason in summary.rejected[:5]:
            self.stdout.write(f"  rejected {where}: {reason}")
        if summary.rejected_count or summary.fatal:
            raise CommandError(f"{summary.rejected_count} rows rejected {summary.fatal}".strip())


def argparse_hidden() -> str:
    return "rows a transaction and an audit entry (default %(default)s)"
