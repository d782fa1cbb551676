"""oversight export KIND [--format csv|json|ndjson] [--output FILE]: public fields, streamed."""

import sys
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from oversight.core import publication
from oversight.core.serialise import FORMATS, write_rows


class Command(BaseCommand):
    help = "Export the public records of one kind (the same fields as the open data)."

    def add_arguments(self, parser: CommandParser) -> None:
        names = ", ".join(schema.name for schema in publication.all_schemas())
        parser.add_argument("kind", help=f"one of: {names}")
        parser.add_argument("--format", choices=FORMATS, default="csv")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            schema = publication.get(options["kind"])
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8", newline="") as handle:
                self._write(schema, options["format"], handle)
        else:
            self._write(schema, options["format"], sys.stdout)

    def _write(self, schema: publication.Schema, fmt: str, out: TextIO) -> None:
        for chunk in write_rows(schema.fields, schema.rows(), fmt):
            out.write(chunk)
