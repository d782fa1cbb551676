"""Through the API: text the draft cannot hold as given is refused naming the field (422)."""

import pytest

from oversight.core.models import AuditEntry
from oversight.core.validators import MAX_TEXT_LENGTH
from oversight.licensing.models import Application, Party
from oversight.licensing.tests.helpers import World
from oversight.licensing.tests.test_api import BASE, Api

pytestmark = pytest.mark.django_db


def _draft(world: World) -> tuple[Api, str]:
    company = Api(world.member)
    body = {"exporter": "demo-exporter", "key": "bad-text-000001"}
    return company, str(company.post(BASE, body)["reference"])


def _patch(company: Api, ref: str, body: dict[str, object]) -> tuple[int, dict[str, list[str]]]:
    response = company.client.patch(f"{BASE}/{ref}", body, content_type="application/json")
    return response.status_code, response.json().get("errors", {})


def test_it_refuses_a_megabyte_end_use_and_keeps_it_out_of_the_audit_log(world: World) -> None:
    company, ref = _draft(world)
    huge = "Monitoring of protesters. " * 40_000
    status, errors = _patch(company, ref, {"end_use": huge})
    assert status == 422 and list(errors) == ["end_use"]
    assert str(MAX_TEXT_LENGTH) in errors["end_use"][0].replace(",", "")
    assert Application.objects.get(reference=ref).end_use == ""
    assert not AuditEntry.objects.filter(changes__icontains="protesters").exists()


def test_it_records_long_end_use_by_length_and_digest(world: World) -> None:
    company, ref = _draft(world)
    statement = "The regulator's lawful-interception centre, under judicial warrant. " * 60
    assert _patch(company, ref, {"end_use": statement})[0] == 200
    assert Application.objects.get(reference=ref).end_use == statement
    entry = AuditEntry.objects.filter(action="licensing.application.draft_updated").latest("seq")
    assert entry.changes["end_use"][1]["length"] == len(statement)
    assert "warrant" not in str(entry.changes)


def test_it_refuses_a_nul_character_naming_the_field(world: World) -> None:
    company, ref = _draft(world)
    status, errors = _patch(company, ref, {"end_use": "Regulator\u0000"})
    assert status == 422 and list(errors) == ["end_use"] and "NUL" in errors["end_use"][0]


def test_it_refuses_an_over_long_party_name_instead_of_cutting_it(world: World) -> None:
    company, ref = _draft(world)
    party = {"role": "end_user", "name": "N" * 301, "kind": "government", "country": "AE"}
    response = company.client.post(f"{BASE}/{ref}/parties", party, content_type="application/json")
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["name"]
    assert not Party.objects.exists()
