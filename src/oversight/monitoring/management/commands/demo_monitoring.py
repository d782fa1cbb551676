"""oversight demo_monitoring: the real Pegasus cases, imported as any case file is. Idempotent.

Needs the demo registry (NSO Group and Pegasus) first: `oversight demo` runs both.
"""

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from oversight.core import importing

DATA = Path(__file__).resolve().parents[2] / "data" / "pegasus-victims.csv"
# The column mapping people would pass as --map on the command line (see docs/monitoring.md).
PEGASUS_MAP = {
    "name": "victim_name",
    "code_name": "victim_code_name",
    "role": "victim_group",
    "affiliation": "victim_affiliation",
    "operator": "operator_country",
    "sources": "source_urls",
}
# The file is all about one product; say so, as a --map cannot add a column.
PEGASUS_DEFAULTS = {"technology": "pegasus", "vendor": "nso-group", "dataset": "granitt-pegasus"}


def pegasus_rows(path: Path = DATA) -> Any:
    for where, row in importing.read_rows(path, "csv"):
        yield where, row if isinstance(row, importing.RowError) else {**PEGASUS_DEFAULTS, **row}


class Command(BaseCommand):
    help = "Import the Pegasus cases shipped with Oversight (CC BY-NC-SA 4.0, Granitt)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        with transaction.atomic():  # one commit for the file; each row stays a savepoint
            summary = importing.run(importing.get("cases"), pegasus_rows(), PEGASUS_MAP)
        counts = ", ".join(f"{summary.counts[s]} {s}" for s in ("created", "updated", "unchanged"))
        self.stdout.write(
            f"cases: {summary.accepted} accepted ({counts}), {len(summary.rejected)} rejected "
            f"from {DATA.name} in {time.monotonic() - started:.1f}s"
        )
        for where, reason in summary.rejected:
            self.stdout.write(f"  rejected {where}: {reason}")
