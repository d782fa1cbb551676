"""Issue 9, hole 7: every handler of a channel reads its reports from the moment they hold
the channel's key, with no command line, while the role alone opens nothing."""

from typing import Any

from django.test import Client

from oversight.accounts import actions as accounts
from oversight.accounts.models import Role
from oversight.accounts.tests.helpers import make_user
from oversight.grievances.models import Report
from oversight.grievances.tests.conftest import World
from oversight.grievances.tests.helpers import handler_client, receipt_of, report_data, submit

SECRET = "words-for-the-channel-only"


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
