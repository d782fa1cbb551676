"""oversight demo: the demo registry plus one signed-in-ready user per role. Idempotent.

Demo passwords and TOTP keys are derived from SECRET_KEY (kept in var/), so they
stay the same across runs and across a rebuilt demo database; running again
creates nothing new and changes nothing. Refused unless OVERSIGHT_DEMO is on.
It lives in the registry because the users' scopes are registry rows.
"""

import hashlib
import hmac
from base64 import b32encode, urlsafe_b64encode
from typing import Any, NamedTuple

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from oversight.accounts import actions
from oversight.accounts.management.commands.totp import current_code
from oversight.accounts.models import Role, User
from oversight.registry.models import Jurisdiction, Organisation


class DemoUser(NamedTuple):
    username: str
    role: Role
    jurisdiction: str | None = None
    organisation: str | None = None


DEMO_USERS = [
    DemoUser("demo-officer", Role.LICENSING_OFFICER, jurisdiction="GB"),
    DemoUser("demo-officer-de", Role.LICENSING_OFFICER, jurisdiction="DE"),
    # GB's head of licensing: countersigns refusals and high-risk approvals (demo_casework)
    DemoUser("demo-officer-senior", Role.LICENSING_OFFICER, jurisdiction="GB"),
    DemoUser("demo-reviewer", Role.HUMAN_RIGHTS_REVIEWER, jurisdiction="GB"),
    DemoUser("demo-equities", Role.EQUITIES_BOARD, jurisdiction="GB"),
    DemoUser("demo-company", Role.COMPANY_MEMBER, organisation="demo-exporter"),
    DemoUser("demo-company-b", Role.COMPANY_MEMBER, organisation="demo-exporter-b"),
    DemoUser("demo-agency", Role.AGENCY_OFFICIAL, organisation="demo-agency"),
    DemoUser("demo-oversight", Role.OVERSIGHT_MEMBER, organisation="demo-oversight-board"),
    DemoUser("demo-oversight-2", Role.OVERSIGHT_MEMBER, organisation="demo-oversight-board"),
    DemoUser("demo-oversight-3", Role.OVERSIGHT_MEMBER, organisation="demo-oversight-board"),
    DemoUser("demo-handler", Role.GRIEVANCE_HANDLER, organisation="un-working-group"),
    DemoUser("demo-handler-company", Role.GRIEVANCE_HANDLER, organisation="demo-exporter"),
    DemoUser("demo-analyst", Role.ANALYST),
    DemoUser("demo-auditor", Role.AUDITOR, organisation="demo-auditor"),
    DemoUser("demo-standards", Role.STANDARDS_MEMBER, organisation="demo-standards-body"),
    DemoUser("demo-standards-cs", Role.STANDARDS_MEMBER, organisation="demo-standards-body"),
    DemoUser("demo-standards-state", Role.STANDARDS_MEMBER, organisation="demo-standards-body"),
    DemoUser("demo-admin", Role.ADMINISTRATOR),
]


def _derive(purpose: str, username: str) -> bytes:
    message = f"oversight-demo:{purpose}:{username}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()


def demo_password(username: str) -> str:
    return "demo-" + urlsafe_b64encode(_derive("password", username)).decode()[:16]


def demo_totp_key(username: str) -> str:
    return _derive("totp", username)[:20].hex()


@transaction.atomic
def ensure_user(spec: DemoUser) -> tuple[User, TOTPDevice, bool]:
    """The demo user as specified; returns (user, device, password_unchanged)."""
    user = User.objects.filter(username=spec.username).first()
    password = demo_password(spec.username)
    if user is None:
        user = actions.create_user(
            spec.username, email=f"{spec.username}@example.org", password=password
        )
    if spec.role == Role.ADMINISTRATOR and not user.is_superuser:
        actions.make_superuser(user)
    actions.grant_role(
        user,
        spec.role,
        jurisdiction=Jurisdiction.objects.get(code=spec.jurisdiction)
        if spec.jurisdiction
        else None,
        organisation=(
            Organisation.objects.get(slug=spec.organisation) if spec.organisation else None
        ),
    )
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = actions.install_authenticator(user, demo_totp_key(spec.username))
    return user, device, user.check_password(password)


class Command(BaseCommand):
    help = "Load the demo registry and create one demo user per role (OVERSIGHT_DEMO=1 only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO:
            raise CommandError("oversight demo is demo-only: run it with OVERSIGHT_DEMO=1.")
        call_command("demo_registry")
        call_command("demo_monitoring")  # the real Pegasus cases
        call_command("demo_companies")  # compliance records: demo-exporter complete, -b partial
        rows = []
        for spec in DEMO_USERS:
            user, device, same_password = ensure_user(spec)
            scope = spec.jurisdiction or spec.organisation or "—"
            password = demo_password(spec.username) if same_password else "(changed by its user)"
            secret = b32encode(device.bin_key).decode()
            rows.append(
                (user.username, spec.role.label, scope, password, secret, current_code(device))
            )
        call_command("grievances", "demo")  # channels, recovery keys under var/escrow/, and
        # the demo handlers' first unlock, which makes the channels' keys (needs the users)
        call_command("demo_licensing")  # demo applications in several states (needs the users)
        call_command("demo_letters")  # the working group's letters and a reply (the analyst)
        call_command("demo_casework")  # GB's queues, routing, countersigning chain, rulings
        call_command("demo_procurement")  # a city's oversight board and three proposals
        call_command("demo_vulnerabilities")  # the demo agency's register (needs the users)
        call_command("demo_audits")  # a standard adopted by its body, demo-exporter audited
        self._table(rows)

    def _table(self, rows: list[tuple[Any, ...]]) -> None:
        self.stdout.write(
            f"\nDemo users — sign in at {settings.SITE_URL.rstrip('/')}/accounts/login/\n"
            "Add the TOTP secret to an authenticator app, or get a fresh code with\n"
            "  make totp U=demo-officer   (demo only: needs OVERSIGHT_DEMO=1, which make sets)\n"
            "The codes below change every 30 seconds.\n"
        )
        header = ("Login", "Role", "Scope", "Password", "TOTP secret (base32)", "Code now")
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, tuple("-" * w for w in widths), *rows]:
            self.stdout.write(
                "  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True))
            )
