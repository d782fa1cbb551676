"""oversight licensing_history: (re)derive the UK historical decisions from the statistics.

`oversight import uk-licences FILE` does this row by row already; this command is
for statistics imported before the licensing app was installed. Idempotent.
"""

from typing import Any

from django.core.management.base import BaseCommand

from oversight.licensing.actions import history


class Command(BaseCommand):
    help = "Derive one published decision per UK licence group and destination. Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = history.derive_all()
        self.stdout.write(", ".join(f"{n} {status}" for status, n in counts.items()))
