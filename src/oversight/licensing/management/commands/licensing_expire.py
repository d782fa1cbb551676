"""oversight licensing_expire: licences past their validity become expired (run daily)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from oversight.licensing.actions import expire_licences


class Command(BaseCommand):
    help = "Mark every active or suspended licence past its validity as expired, audited."

    def handle(self, *args: Any, **options: Any) -> None:
        count = expire_licences(timezone.localdate())
        self.stdout.write(f"{count} licence(s) expired")
