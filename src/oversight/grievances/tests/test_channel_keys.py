"""Issue 9, hole 7: every handler of a channel reads its reports from the moment they hold
the channel's key, with no command line, while the role alone opens nothing."""

from typing import Any

import pytest
from django.test import Client

from oversight.accounts import actions as accounts
from oversight.accounts.models import Role
from oversight.accounts.tests.helpers import PASSWORD, make_user, sign_in, signed_in
from oversight.core.models import AuditEntry
from oversight.core.rules import Refused
from oversight.grievances import crypto, keyring
from oversight.grievances.actions import keys
from oversight.grievances.models import ChannelKeyShare, HandlerKey, KeyShare, Report
from oversight.grievances.tests.conftest import World, build_world
from oversight.grievances.tests.dumps import database_bytes, leaks
from oversight.grievances.tests.helpers import handler_client, receipt_of, report_data, submit

SECRET = "words-for-the-channel-only"
NEW_PASSWORD = "a brand new passphrase 42"


def _reported(**fields: Any) -> Report:
    receipt_of(submit(Client(), what_happened=SECRET, **fields))
    return Report.objects.latest("pk")


def _reads(client: Client, report: Report) -> bool:
    return SECRET in client.get(f"/staff/grievances/{report.reference}/").content.decode()


def _admit(client: Client, channel: str, user: Any) -> Any:
    return client.post(f"/staff/grievances/channels/{channel}/admit/", {"user": user.pk})


def test_it_takes_no_report_that_no_handler_could_read(fresh_world: World) -> None:
    world = fresh_world
    assert Client().get("/report/").status_code == 404  # a fresh start: no handler has a key
    assert Client().post("/report/", report_data(what_happened=SECRET)).status_code == 404
    assert not Report.objects.exists()
    first = handler_client(world.handler)  # the first unlock makes the channel's key
    report = _reported()
    assert _reads(first, report)
    assert _reads(handler_client(world.handler), report)  # and in every later session


def test_it_opens_every_report_to_a_colleague_a_keyholder_admits(world: World) -> None:
    first = handler_client(world.handler)
    earlier = _reported()
    colleague = make_user("colleague", Role.GRIEVANCE_HANDLER, organisation="un-working-group")
    late = handler_client(colleague)
    assert not _reads(late, earlier)  # the role alone opens nothing
    assert _admit(first, "un", colleague).status_code == 302
    assert _reads(late, earlier)
    assert _reads(late, _reported())  # and every report after


def test_it_opens_nothing_to_whoever_only_holds_the_role(world: World) -> None:
    first = handler_client(world.handler)
    report = _reported()
    admin = make_user("admin", Role.ADMINISTRATOR)
    accounts.grant_role(admin, Role.GRIEVANCE_HANDLER, organisation=world.un.organisation)
    intruder = handler_client(admin)  # an administrator who gives themselves the role
    assert _reads(first, report)  # a keyholder reads it after the intruder made a key
    assert not _reads(intruder, report)
    assert _admit(intruder, "un", admin).status_code == 302
    assert not _reads(intruder, report)  # nobody admits themselves
    assert _admit(handler_client(world.outsider), "un", world.outsider).status_code == 404
    assert not _reads(intruder, _reported())


def test_it_routes_only_where_a_handler_can_read_and_they_read_at_once(
    fresh_world: World,
) -> None:
    world = fresh_world
    un = handler_client(world.handler)
    report = _reported(consents=["company"])
    route = f"/staff/grievances/{report.reference}/route/"
    un.post(route, {"channel": world.company.pk})
    assert not report.assignments.filter(channel=world.company).exists()  # nobody could read it
    company = handler_client(world.company_handler)  # founds the company channel's key
    un.post(route, {"channel": world.company.pk})
    assert report.assignments.filter(channel=world.company).exists()
    assert _reads(company, report)  # without the UN handler opening it again
    assert _reads(handler_client(world.company_handler), report)
    assert not _reads(handler_client(world.outsider), report)


def test_it_refuses_an_admission_from_a_locked_session(world: World) -> None:
    colleague = make_user("colleague", Role.GRIEVANCE_HANDLER, organisation="un-working-group")
    late = handler_client(colleague)
    page = _admit(signed_in(world.handler), "un", colleague)  # signed in, key not unlocked
    assert page.status_code == 302
    assert not ChannelKeyShare.objects.filter(user=colleague).exists()
    assert not _reads(late, _reported())


def test_it_readmits_a_colleague_whose_password_was_reset(world: World) -> None:
    colleague = make_user("colleague", Role.GRIEVANCE_HANDLER, organisation="un-working-group")
    first = handler_client(world.handler)
    handler_client(colleague)
    _admit(first, "un", colleague)
    report = _reported()
    colleague.set_password(NEW_PASSWORD)  # by an administrator: the old key is lost
    colleague.save()
    late = Client()
    sign_in(late, colleague, NEW_PASSWORD)
    assert late.post("/staff/grievances/unlock/", {"password": NEW_PASSWORD}).status_code == 302
    assert not _reads(late, report)
    inbox = first.get("/staff/grievances/").content.decode()
    assert "Admit colleague" in inbox  # waiting again, with a new key of their own
    _admit(first, "un", colleague)
    assert _reads(late, report)


def test_it_writes_nothing_on_a_get(world: World) -> None:
    first = handler_client(world.handler)
    report = _reported()
    handler_client(make_user("colleague", Role.GRIEVANCE_HANDLER, organisation="un-working-group"))
    before = (
        AuditEntry.objects.count(),
        ChannelKeyShare.objects.count(),
        KeyShare.objects.count(),
    )
    for path in ("/staff/grievances/", f"/staff/grievances/{report.reference}/"):
        assert first.get(path).status_code == 200
    after = (AuditEntry.objects.count(), ChannelKeyShare.objects.count(), KeyShare.objects.count())
    assert after == before


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_keeps_no_channel_or_report_key_in_the_clear() -> None:
    world = build_world()
    first = handler_client(world.handler)
    colleague = make_user("colleague", Role.GRIEVANCE_HANDLER, organisation="un-working-group")
    handler_client(colleague)
    _admit(first, "un", colleague)
    report = _reported()
    handler_key = HandlerKey.objects.get(user=world.handler)
    handler_private = keyring.open_key(handler_key, PASSWORD)
    channel_private = keyring.channel_key(world.un, world.handler, handler_private)
    report_private = keyring.report_key(
        report, colleague, keyring.open_key(HandlerKey.objects.get(user=colleague), PASSWORD)
    )
    assert channel_private and report_private
    dump = database_bytes()
    for secret in (handler_private, channel_private, report_private):
        assert secret not in dump and secret.hex().encode() not in dump
    assert not leaks(dump, SECRET)


def test_it_moves_a_report_shared_the_old_way_onto_the_channel_key(world: World) -> None:
    report = _reported()
    key = HandlerKey.objects.get(user=world.handler)
    private = keyring.report_key(report, world.handler, keyring.open_key(key, PASSWORD))
    assert private is not None
    # As before channel keys: the report's key sealed to the handler alone.
    report.assignments.update(reading_box=b"")
    KeyShare.objects.create(
        report=report,
        user=world.handler,
        sealed_to=key.public_key,
        box=crypto.seal(bytes(key.public_key), private),
    )
    colleague = make_user("colleague", Role.GRIEVANCE_HANDLER, organisation="un-working-group")
    late = handler_client(colleague)
    first = handler_client(world.handler)  # the unlock seals it to the channel key
    assert report.assignments.exclude(reading_box=b"").count() == 1
    _admit(first, "un", colleague)
    assert _reads(late, report)


def test_it_lets_no_former_handler_admit_anyone(world: World) -> None:
    colleague = make_user("colleague", Role.GRIEVANCE_HANDLER, organisation="un-working-group")
    handler_client(colleague)
    key = HandlerKey.objects.get(user=world.handler)
    private = keyring.open_key(key, PASSWORD)
    world.handler.roles.all().delete()  # the role is gone; their copy of the channel key is not
    with pytest.raises(Refused, match="only a holder of the channel's key admits"):
        keys.admit(world.un, world.handler, private, colleague)
    assert not ChannelKeyShare.objects.filter(user=colleague).exists()
