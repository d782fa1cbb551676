"""Named users per role, a fixed clock, and sign-in through HTTP, for the accounts tests."""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from oversight.accounts import actions
from oversight.accounts.management.commands.totp import current_code
from oversight.accounts.models import Role, User
from oversight.core.models import AuditEntry
from oversight.registry.models import Jurisdiction, Organisation

PASSWORD = "correct horse battery staple"


def make_user(
    username: str,
    role: Role | None = None,
    *,
    jurisdiction: str | None = None,
    organisation: str | None = None,
    authenticator: bool = True,
) -> User:
    user = actions.create_user(username, email=f"{username}@example.org", password=PASSWORD)
    if role is not None:
        actions.grant_role(
            user,
            role,
            jurisdiction=Jurisdiction.objects.get(code=jurisdiction) if jurisdiction else None,
            organisation=Organisation.objects.get(slug=organisation) if organisation else None,
        )
    if authenticator:
        actions.install_authenticator(user, f"{user.pk:040x}")
    return user


def code_for(user: User) -> str:
    """The current code, with replay protection reset so a test may sign in again."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    return current_code(device)


def sign_in(client: Client, user: User, password: str = PASSWORD) -> None:
    response = client.post("/accounts/login/", {"username": user.username, "password": password})
    assert response.status_code == 302, response.content[:500]
    assert response["Location"] == "/accounts/login/verify/"
    response = client.post("/accounts/login/verify/", {"code": code_for(user)})
    assert response.status_code == 302, response.content[:500]


def signed_in(user: User) -> Client:
    client = Client()
    sign_in(client, user)
    return client


WAITING_ROW = re.compile(r'<td><a href="[^"]+">([^<]+)</a></td><td>(\d+)</td>')


def waiting(client: Client) -> dict[str, int]:
    """The rows of the dashboard's "Waiting for you": what waits, and how many."""
    page = client.get("/staff/").content.decode()
    if 'id="waiting"' not in page:
        return {}
    section = page.split('id="waiting"', 1)[1].split("</section>", 1)[0]
    return {what: int(count) for what, count in WAITING_ROW.findall(section)}


def actions_logged() -> list[str]:
    return list(AuditEntry.objects.order_by("seq").values_list("action", flat=True))


@dataclass
class Clock:
    now: datetime

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)

    def __call__(self) -> datetime:
        return self.now


def start_clock() -> Clock:
    return Clock(timezone.now())
