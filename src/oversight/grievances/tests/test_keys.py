"""Keys: a password change re-wraps, a reset loses nothing (escrow), identity via custodian."""

import base64
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from oversight.accounts.signals import password_changed
from oversight.accounts.tests.helpers import PASSWORD, sign_in, signed_in
from oversight.grievances.models import Channel, IdentityRequest, Report
from oversight.grievances.tests.conftest import World
from oversight.grievances.tests.helpers import handler_client, receipt_of, submit

SECRET = "words-only-the-key-opens"
NEW_PASSWORD = "a brand new passphrase 42"


def _reported(world: World, **fields: Any) -> Report:
    handler_client(world.handler)
    receipt_of(submit(Client(), what_happened=SECRET, **fields))
    return Report.objects.latest("pk")


def _reads(client: Client, report: Report) -> bool:
    return SECRET in client.get(f"/staff/grievances/{report.reference}/").content.decode()


def _unlock(client: Client, password: str) -> None:
    assert client.post("/staff/grievances/unlock/", {"password": password}).status_code == 302


def test_it_rewraps_the_key_when_the_password_changes(world: World) -> None:
    report = _reported(world)
    client = signed_in(world.handler)
    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    _unlock(client, NEW_PASSWORD)
    assert _reads(client, report)


def test_it_recovers_reports_through_escrow_after_a_reset(world: World, tmp_path: Path) -> None:
    report = _reported(world)
    world.handler.set_password(NEW_PASSWORD)
    world.handler.save()
    password_changed.send(None, user=world.handler, old_password=None, new_password=NEW_PASSWORD)
    client = Client()
    sign_in(client, world.handler, NEW_PASSWORD)
    _unlock(client, NEW_PASSWORD)
    assert not _reads(client, report)  # the old key is gone with the old password
    key_file = tmp_path / "un.key"
    key_file.write_text(base64.b64encode(world.escrow["un"]).decode())
    call_command("grievances", "escrow", "reseal", "un", "--key-file", str(key_file))
    assert _reads(client, report)


def test_it_refuses_the_wrong_escrow_key(world: World, tmp_path: Path) -> None:
    key_file = tmp_path / "other.key"
    key_file.write_text(base64.b64encode(world.escrow["exporter"]).decode())
    with pytest.raises(CommandError, match="not the recovery key of un"):
        call_command("grievances", "escrow", "reseal", "un", "--key-file", str(key_file))


def test_it_writes_a_new_escrow_key_once(world: World, tmp_path: Path) -> None:
    call_command("grievances", "channel", "new", "--organisation", "demo-exporter-b",
                 "--name", "New", "--kind", "company")  # fmt: skip
    out = tmp_path / "new.key"
    call_command("grievances", "escrow", "init", "new", "--out", str(out))
    assert (
        out.stat().st_mode & 0o777 == 0o600 and Channel.objects.get(slug="new").escrow_public_key
    )
    with pytest.raises(CommandError, match="exists"):
        call_command("grievances", "escrow", "init", "new", "--out", str(out))
    with pytest.raises(CommandError, match="already has a recovery key"):
        call_command("grievances", "escrow", "init", "new", "--out", str(tmp_path / "b.key"))


def test_it_reveals_identity_only_after_the_custodian_approves(
    world: World, tmp_path: Path
) -> None:
    report = _reported(world, name="Amina Example")
    client = handler_client(world.handler)
    page = client.get(f"/staff/grievances/{report.reference}/").content.decode()
    assert "Amina Example" not in page  # not even the handler, by default
    client.post(f"/staff/grievances/{report.reference}/identity/", {"text": "to protect her"})
    request = IdentityRequest.objects.get()
    key_file = tmp_path / "un.key"
    key_file.write_text(base64.b64encode(world.escrow["un"]).decode())
    call_command("grievances", "identity", "approve", str(request.pk), "--key-file", str(key_file))
    page = client.get(f"/staff/grievances/{report.reference}/").content.decode()
    assert "Amina Example" in page
    other = handler_client(world.company_handler)
    assert other.get(f"/staff/grievances/{report.reference}/").status_code == 404


def test_it_locks_out_password_guessing_on_the_unlock_form(world: World, settings: Any) -> None:
    client = signed_in(world.handler)
    for _ in range(settings.LOGIN_MAX_FAILURES):
        page = client.post("/staff/grievances/unlock/", {"password": "guess"})
        assert "That password is not right." in page.content.decode()
    page = client.post("/staff/grievances/unlock/", {"password": PASSWORD})
    assert "Too many wrong passwords" in page.content.decode()


def test_it_keeps_a_strangers_failures_from_locking_the_handlers_unlock_form(
    world: World, settings: Any
) -> None:
    client = signed_in(world.handler)  # a full sign-in: this browser is a known device
    stranger = Client()
    for _ in range(settings.LOGIN_MAX_FAILURES + 2):
        stranger.post("/accounts/login/", {"username": world.handler.username, "password": "x"})
    _unlock(client, PASSWORD)


def test_it_starts_a_new_key_when_the_password_was_set_elsewhere(world: World) -> None:
    report = _reported(world)
    world.handler.set_password(NEW_PASSWORD)  # e.g. by an administrator, without the signal
    world.handler.save()
    client = Client()
    sign_in(client, world.handler, NEW_PASSWORD)
    _unlock(client, NEW_PASSWORD)
    assert not _reads(client, report)
    page = client.get(f"/staff/grievances/{report.reference}/").content.decode()
    assert "Your key cannot open this report yet" in page
