"""oversight search reindex [DATASET …]: rebuild the one search's index from the rows."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from oversight.core import fulltext


class Command(BaseCommand):
    help = (
        "Rebuild the index of the one search over every register from the public rows "
        "(all searchable datasets, or those named). Saves keep it up to date by themselves; "
        "run this after loading rows without saving them one by one, or after an upgrade."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["reindex"])
        parser.add_argument("datasets", nargs="*", metavar="DATASET")

    def handle(self, *args: Any, **options: Any) -> None:
        known = {schema.name for schema in fulltext.schemas()}
        unknown = [name for name in options["datasets"] if name not in known]
        if unknown:
            raise CommandError(
                f"no searchable dataset called {', '.join(unknown)}; "
                f"choose from {', '.join(sorted(known))}"
            )
        with transaction.atomic():
            counts = fulltext.reindex(options["datasets"])
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} indexed")
