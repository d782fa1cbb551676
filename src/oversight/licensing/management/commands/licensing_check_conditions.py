"""oversight licensing_check_conditions: flag the conditions whose evidence is overdue.

The worker runs this every hour (`licensing.check_conditions`); the command is for a
deployment without a worker, or to see the effect at once."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from oversight.licensing.actions.conditions import check_condition_deadlines


class Command(BaseCommand):
    help = "Flag every licence condition whose evidence is past its deadline, audited."

    def handle(self, *args: Any, **options: Any) -> None:
        count = check_condition_deadlines(timezone.localdate())
        self.stdout.write(f"{count} condition(s) overdue")
