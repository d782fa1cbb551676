"""oversight import KIND FILE [--format csv|json|ndjson] [--map column=field ...] [--dry-run]"""

import argparse
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from tqdm import tqdm

from oversight.core import importing


class Command(BaseCommand):
    help = "Import records of one kind from a CSV, JSON or NDJSON file (idempotent)."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        lines = ["kinds:"]
        for importer in importing.all_importers():
            lines.append(f"  {importer.kind:<14} {importer.help}")
            lines.extend(f"      {col}: {what}" for col, what in importer.columns.items())
        kwargs.update(
            epilog="\n".join(lines), formatter_class=argparse.RawDescriptionHelpFormatter
        )
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", help="what the file holds (see the list below)")
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=importing.FORMATS, help="default: from the suffix")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="COLUMN=FIELD",
            help="read the file's COLUMN as FIELD (repeatable)",
        )
        parser.add_argument("--dry-run", action="store_true", help="check every row, keep none")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            importer = importing.get(options["kind"])
            mapping = importing.parse_mapping(options["map"])
        except (LookupError, importing.RowError) as exc:
            raise CommandError(str(exc)) from exc
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"FILE: {path} does not exist or is not a file")
        fmt = options["format"] or importing.guess_format(path)
        sha256 = importing.file_sha256(path)
        rows = tqdm(importing.read_rows(path, fmt), unit=" rows", file=sys.stderr, disable=None)
        if options["dry_run"]:
            with transaction.atomic():
                summary = importing.run(importer, rows, mapping, sha256=sha256)
                transaction.set_rollback(True)
        else:
            summary = importing.run(importer, rows, mapping, sha256=sha256)
        self._report(summary, dry_run=options["dry_run"])
        if summary.fatal:
            raise CommandError(f"{path}: {summary.fatal} (read so far: {summary.line()})")
        if not summary.accepted:
            raise CommandError(f"{path}: nothing was accepted ({summary.line()})")

    def _report(self, summary: importing.Summary, *, dry_run: bool) -> None:
        prefix = "Dry run, nothing kept: " if dry_run else ""
        self.stdout.write(f"{prefix}{summary.line()}")
        for where, reason in summary.rejected:
            self.stdout.write(f"  rejected {where}: {reason}")
        if summary.rejected_count > len(summary.rejected):
            hidden = summary.rejected_count - len(summary.rejected)
            self.stdout.write(f"  … and {hidden} more rejected (first fix the ones above)")
