"""oversight consultations close-due: close every consultation past its closing time.

Idempotent: run it from a daily timer; a second run closes nothing more.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from oversight.consultations import actions


class Command(BaseCommand):
    help = "Consultations: `close-due` closes every consultation past its closing time."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        sub.add_parser("close-due", help="Close every consultation past its closing time.")

    def handle(self, *args: Any, **options: Any) -> None:
        closed = actions.close_due()
        for consultation in closed:
            self.stdout.write(f"closed {consultation.reference}: {consultation.title}")
        self.stdout.write(f"{len(closed)} consultation(s) closed.")
