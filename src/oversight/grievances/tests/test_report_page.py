"""The handler's report page: labels not codes, the steps the status leaves open, a
refused step that keeps what was typed; the complainant's timeline of every step."""

from typing import Any

import pytest
from django.test import Client

from oversight.grievances.models import Entry, Report
from oversight.grievances.tests.conftest import World
from oversight.grievances.tests.helpers import handler_client, open_status, receipt_of, submit

pytestmark = pytest.mark.django_db


def _report(world: World, **fields: Any) -> tuple[Report, str, Client]:
    handler_client(world.handler)  # the handler holds a key before the report arrives
    receipt = receipt_of(submit(Client(), **fields))
    return Report.objects.latest("pk"), receipt, handler_client(world.handler)


def test_it_shows_the_answers_and_consents_as_labels(world: World) -> None:
    report, _r, client = _report(
        world, rights=["privacy"], remedy=["apology"], consents=["company", "un"]
    )
    page = client.get(f"/staff/grievances/{report.reference}/").content.decode()
    body = page.split("<main", 1)[1]
    assert "Apology" in body and "The company concerned" in body
    for code in (">apology<", ", un<", "company, un", "Remedy text"):
        assert code not in body, code


def test_it_keeps_a_refused_step_as_typed_with_the_error_beside_it(world: World) -> None:
    report, _r, client = _report(world)
    typed = "The words the handler typed for the complainant."
    response = client.post(
        f"/staff/grievances/{report.reference}/triage/",
        {"decision": "out_of_scope", "reason": ""},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="step-triage" open' in page and "Give the complainant the reason" in page
    response = client.post(f"/staff/grievances/{report.reference}/remedy/", {"detail": typed})
    page = response.content.decode()
    assert response.status_code == 400  # no remedy before the report is accepted
    assert typed in page and "This step is not open" in page
    assert not report.remedies.exists()
    assert Report.objects.get(pk=report.pk).status == "received"


def test_it_offers_a_closed_report_only_what_is_left_to_do(world: World) -> None:
    report, receipt, client = _report(world, consents=["company"])
    base = f"/staff/grievances/{report.reference}"
    client.post(f"{base}/triage/", {"decision": "admissible"})
    client.post(f"{base}/remedy/", {"kind": "deletion", "detail": "Data deleted."})
    remedy = report.remedies.get()
    client.post(f"{base}/remedy_status/", {"remedy": remedy.pk, "status": "accepted"})
    client.post(f"{base}/close/", {"outcome": "resolved"})
    page = client.get(f"{base}/").content.decode()
    assert 'id="step-message"' in page and 'id="step-note"' in page
    for gone in ("triage", "route", "remedy", "close"):
        assert f'id="step-{gone}"' not in page, gone
    assert "remedy_status" in page  # an accepted remedy is still seen through
    again = client.post(f"{base}/remedy/", {"kind": "apology", "detail": "Sorry."})
    assert again.status_code == 400 and report.remedies.count() == 1

    status = open_status(Client(), receipt).content.decode()
    for step in (
        "Accepted for investigation. The answer is due by",
        "Remedy: Deletion of data. Offered.",
        "Remedy: Deletion of data. Accepted.",
        "Closed. Outcome: Resolved by remedy.",
    ):
        assert step in status, step
    assert Entry.objects.filter(report=report, kind=Entry.Kind.STEP).count() == 4
