"""A complainant names a deployed technology on /report/ (grievances lists procurement's
public inventory through `grievances.subjects`), with consent to route it to the body
that oversees it; the choice stays sealed in the report until a handler confirms it."""

from typing import Any

import pytest
from django.test import Client

from oversight.accounts.models import Role
from oversight.accounts.tests.helpers import PASSWORD, make_user
from oversight.grievances.actions import custody, keys
from oversight.grievances.models import Assignment, Channel, Destination, Report
from oversight.grievances.tests.helpers import handler_client, submit
from oversight.procurement.models import Holding
from oversight.procurement.tests.helpers import World
from oversight.registry.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _grievance_settings(settings: Any, tmp_path: Any) -> None:
    settings.GRIEVANCE_ARGON2 = {"time_cost": 1, "memory_kib": 8}
    settings.GRIEVANCE_FILES_DIR = tmp_path / "grievance-files"


def channel(slug: str, org: Organisation, kind: str, **extra: Any) -> tuple[Channel, Any]:
    row = Channel.objects.create(slug=slug, name=org.name, organisation=org, kind=kind, **extra)
    custody.init_escrow(row)
    handler = make_user(f"{slug}-handler", Role.GRIEVANCE_HANDLER, organisation=org.slug)
    keys.unlock(handler, PASSWORD)
    return row, handler


def holding(world: World, status: str = "in_use") -> Holding:
    return Holding.objects.create(
        chain="CH-2026-0042",
        agency=world.agency,
        technology=world.tool,
        body=world.body,
        status=status,
        origin="licence",
        origin_reference="GBSIEL/2026/0000042",
    )


@pytest.fixture
def inboxes(world: World) -> dict[str, Any]:
    un = Organisation.objects.create(slug="un-wg", name="UN working group", kind="un_body")
    default, handler = channel("un", un, Destination.UN, is_default=True)
    overseer, _handler = channel("privacy", world.body.organisation, Destination.STATE)
    return {"default": default, "handler": handler, "overseer": overseer}


def test_a_complainant_names_a_deployed_technology_and_consents_to_route_it(
    world: World, inboxes: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    entry = holding(world)
    form = Client().get("/report/").content.decode()
    assert "Port City Police: PlateReader 5 (CH-2026-0042)" in form

    response = submit(
        Client(), deployed="procurement:CH-2026-0042", route_to_overseer="on", consents=["un"]
    )
    assert response.status_code == 200, response.content.decode()[-2000:]
    report = Report.objects.get()
    assert report.consents == ["un", "state"]  # the consent is explicit, and routing reads it
    # Nothing plain names the agency or the technology: a database thief learns neither.
    assert report.concerns is None and report.concerns_technology is None
    assert b"CH-2026-0042" not in bytes(report.answers_box)

    client = handler_client(inboxes["handler"])
    page = client.get(f"/staff/grievances/{report.reference}/").content.decode()
    assert 'id="named-subject"' in page and "Port City Privacy Commission" in page
    assert f'<option value="{inboxes["overseer"].pk}" selected>' in page  # routing offered
    client.post(f"/staff/grievances/{report.reference}/triage/", {"decision": "admissible"})
    page = client.get(f"/staff/grievances/{report.reference}/").content.decode()
    assert f'<option value="{world.agency.pk}" selected>' in page  # closing pre-filled

    client.post(
        f"/staff/grievances/{report.reference}/route/", {"channel": inboxes["overseer"].pk}
    )
    assert Assignment.objects.filter(report=report, channel=inboxes["overseer"]).exists()
    client.post(f"/staff/grievances/{report.reference}/triage/", {"decision": "admissible"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/staff/grievances/{report.reference}/close/",
            {"outcome": "substantiated", "concerns": world.agency.pk, "technology": world.tool.pk},
        )
    closed = Report.objects.get(pk=report.pk)  # the handler confirmed it into the plain fields
    assert (closed.concerns, closed.concerns_technology) == (world.agency, world.tool)
    entry.refresh_from_db()
    assert entry.flagged_for_review and report.reference in entry.flags[-1]


def test_consent_to_route_needs_a_technology_and_leaves_no_report(
    world: World, inboxes: dict[str, Any]
) -> None:
    holding(world)
    response = submit(Client(), route_to_overseer="on")
    assert response.status_code == 400
    assert "Choose the technology first" in response.content.decode()
    assert not Report.objects.exists()


def test_only_deployed_technologies_are_offered_and_naming_one_is_optional(
    world: World, inboxes: dict[str, Any]
) -> None:
    holding(world, status="proposed")
    form = Client().get("/report/").content.decode()
    assert "CH-2026-0042" not in form and 'name="deployed"' not in form
    assert submit(Client()).status_code == 200
    assert Report.objects.get().consents == []


def test_without_consent_the_overseer_channel_is_not_offered(
    world: World, inboxes: dict[str, Any]
) -> None:
    holding(world)
    submit(Client(), deployed="procurement:CH-2026-0042")
    report = Report.objects.get()
    assert report.consents == []
    page = handler_client(inboxes["handler"]).get(f"/staff/grievances/{report.reference}/")
    assert f'<option value="{inboxes["overseer"].pk}" selected>' not in page.content.decode()
