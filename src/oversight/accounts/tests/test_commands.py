"""The CLI: token, grant, totp, demo, and the demo-on-a-public-host check."""

from io import StringIO
from typing import Any

import pytest
from django.core.checks import run_checks
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from oversight.accounts.management.commands.totp import current_code
from oversight.accounts.models import APIToken, Role, RoleAssignment, User
from oversight.accounts.tests.helpers import actions_logged, make_user
from oversight.core.models import AuditEntry
from oversight.registry.management.commands import demo

pytestmark = pytest.mark.usefixtures("world")


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_it_creates_and_revokes_a_token() -> None:
    make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    token = run("token", "create", "officer", "--name", "cli").strip()
    assert token.startswith("ovt_")
    assert "Revoked" in run("token", "revoke", token[4:12])
    assert APIToken.objects.get().revoked_at is not None
    assert actions_logged()[-2:] == ["accounts.token_created", "accounts.token_revoked"]
    with pytest.raises(CommandError, match="No active token"):
        run("token", "revoke", token[4:12])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["licensing_officer"], "--jurisdiction"),
        (["licensing_officer", "--organisation", "demo-exporter"], "--jurisdiction"),
        (["company_member"], "--organisation"),
        (["auditor", "--jurisdiction", "GB"], "--organisation"),
        (["analyst", "--jurisdiction", "GB"], "--jurisdiction"),
        (["wizard"], "Unknown role"),
        (["licensing_officer", "--jurisdiction", "XX"], "no jurisdiction with code"),
        (["company_member", "--organisation", "nope"], "no organisation with slug"),
    ],
)
def test_it_refuses_a_scope_that_does_not_fit(args: list[str], message: str) -> None:
    make_user("target")
    with pytest.raises(CommandError, match=message):
        run("grant", "target", *args)
    assert not RoleAssignment.objects.exists()


def test_it_grants_a_role_once_and_audits_it() -> None:
    make_user("target")
    assert "Granted" in run("grant", "target", "licensing_officer", "--jurisdiction", "gb")
    assert "Already held" in run("grant", "target", "licensing_officer", "--jurisdiction", "GB")
    assert RoleAssignment.objects.count() == 1
    assert actions_logged().count("accounts.role_granted") == 1


def test_it_prints_totp_codes_only_in_demo_mode(settings: Any) -> None:
    user = make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    settings.DEMO = False
    with pytest.raises(CommandError, match="demo-only"):
        run("totp", "officer")
    settings.DEMO = True
    assert run("totp", "officer").strip() == current_code(TOTPDevice.objects.get(user=user))


def test_it_fails_the_checks_when_demo_mode_meets_a_public_host(settings: Any) -> None:
    settings.DEMO, settings.DEBUG = True, False
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    assert not [e for e in run_checks() if e.id == "oversight.E001"]
    settings.ALLOWED_HOSTS = ["oversight.example.org", "localhost"]
    assert [e.id for e in run_checks() if e.id == "oversight.E001"] == ["oversight.E001"]
    settings.DEMO = False
    assert not [e for e in run_checks() if e.id == "oversight.E001"]


def test_it_refuses_the_demo_outside_demo_mode(settings: Any) -> None:
    settings.DEMO = False
    with pytest.raises(CommandError, match="OVERSIGHT_DEMO=1"):
        run("demo")


def test_it_creates_demo_users_once(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    settings.DEMO = True
    monkeypatch.setattr(demo, "call_command", lambda *a, **k: None)  # registry: the fixture
    first = run("demo")
    state = (
        list(User.objects.values_list("username", "password").order_by("username")),
        list(TOTPDevice.objects.values_list("user__username", "key").order_by("pk")),
        AuditEntry.objects.count(),
    )
    second = run("demo")
    assert len(state[0]) == len(demo.DEMO_USERS) == 19  # 3 board, 3 standards, equities, senior
    assert state == (
        list(User.objects.values_list("username", "password").order_by("username")),
        list(TOTPDevice.objects.values_list("user__username", "key").order_by("pk")),
        AuditEntry.objects.count(),
    )
    assert demo.demo_password("demo-officer") in first and "make totp U=demo-officer" in first
    assert first.splitlines()[-1].split()[:1] == second.splitlines()[-1].split()[:1]
    assert User.objects.get(username="demo-admin").is_superuser
    assert RoleAssignment.objects.filter(user__username="demo-officer-de", jurisdiction="DE")
    assert User.objects.get(username="demo-officer").check_password(
        demo.demo_password("demo-officer")
    )
