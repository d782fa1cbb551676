"""oversight totp USERNAME: print the current code. Demo only (OVERSIGHT_DEMO=1)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def current_code(device: TOTPDevice) -> str:
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{code:0{device.digits}d}"


class Command(BaseCommand):
    help = "Print a demo user's current TOTP code (only when OVERSIGHT_DEMO is on)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO:
            raise CommandError(
                "oversight totp is demo-only: it works only with OVERSIGHT_DEMO=1 "
                "(as `make demo` sets), never in production."
            )
        device = TOTPDevice.objects.filter(
            user__username=options["username"], confirmed=True
        ).first()
        if device is None:
            raise CommandError(f"{options['username']!r} has no confirmed authenticator.")
        self.stdout.write(current_code(device))
