"""Through the API: draft → submit → consultation → review → decision → register → CSV."""

import csv
import io
from typing import Any

import pytest
from django.test import Client

from oversight.accounts.actions import issue_token
from oversight.accounts.models import User
from oversight.accounts.tests.helpers import Clock
from oversight.consultations import actions as consultations
from oversight.core import audit
from oversight.core.models import AuditEntry
from oversight.licensing.actions.submission import consultation_of
from oversight.licensing.models import Application
from oversight.licensing.tests.flow import comment_on
from oversight.licensing.tests.helpers import World, criteria, statement

pytestmark = pytest.mark.django_db
BASE = "/api/v1/licensing/applications"


class Api:
    def __init__(self, user: User) -> None:
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(user, 'test')[1]}")

    def post(self, path: str, body: dict[str, Any], status: int = 200) -> dict[str, Any]:
        response = self.client.post(path, body, content_type="application/json")
        assert response.status_code == status, response.content[:800]
        return response.json()  # type: ignore[no-any-return]


def draft_through_the_api(world: World) -> tuple[Api, str]:
    company = Api(world.member)
    ref = company.post(BASE, {"exporter": "demo-exporter", "key": "api-create-000001"})[
        "reference"
    ]
    company.client.patch(
        f"{BASE}/{ref}",
        {
            "destination": "AE",
            "end_use": "Regulator.",
            "declaration_accurate": True,
            "declaration_conditions": True,
        },
        content_type="application/json",
    )
    line = {
        "technology": "interceptor",
        "control_code": "5A001j",
        "quantity": 1,
        "value": "900.00",
        "currency": "EUR",
    }
    company.post(f"{BASE}/{ref}/lines", line)
    for role, name in [("consignee", "Gulf Trading"), ("end_user", "Telecom Regulator")]:
        party = {"role": role, "name": name, "kind": "government", "country": "AE"}
        company.post(f"{BASE}/{ref}/parties", party)
    upload = company.client.post(f"{BASE}/{ref}/end-use-statement", {"file": statement()})
    assert upload.status_code == 200, upload.content
    return company, ref


def test_it_lists_what_is_missing_and_names_a_bad_line(world: World) -> None:
    company = Api(world.member)
    ref = company.post(BASE, {"exporter": "demo-exporter"})["reference"]
    refused = company.post(f"{BASE}/{ref}/submit", {}, status=422)
    assert refused["errors"]["destination"] == ["destination: choose the destination country"]
    line = {
        "technology": "interceptor",
        "control_code": "5A001j",
        "quantity": -3,
        "value": "1",
        "currency": "ZZZ",
    }
    errors = company.post(f"{BASE}/{ref}/lines", line, status=422)["errors"]
    assert errors["quantity"] == ["line 1: quantity must be positive"]
    assert errors["currency"][0].startswith("line 1: currency")


def test_it_hides_applications_from_other_companies_and_states(world: World) -> None:
    _company, ref = draft_through_the_api(world)
    assert Api(world.member_b).client.get(f"{BASE}/{ref}").status_code == 404
    Api(world.member).post(f"{BASE}/{ref}/submit", {"key": "k" * 16})
    assert (
        Api(world.officer_de)
        .client.post(f"{BASE}/{ref}/consultation", {}, content_type="application/json")
        .status_code
        == 404
    )


def test_only_the_companys_members_may_start_its_draft(world: World) -> None:
    before = Application.objects.count()
    for outsider in (world.member_b, world.officer_de):
        refused = Api(outsider).post(BASE, {"exporter": "demo-exporter"}, status=404)
        assert refused == {"status": 404, "message": "Not found.", "errors": {}}
    assert Application.objects.count() == before


def test_it_refuses_an_empty_destination_naming_it(world: World) -> None:
    company = Api(world.member)
    ref = company.post(BASE, {"exporter": "demo-exporter"})["reference"]
    response = company.client.patch(
        f"{BASE}/{ref}", {"destination": ""}, content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert list(response.json()["errors"]) == ["destination"]
    assert Application.objects.get(reference=ref).destination_id is None


@pytest.mark.parametrize("quantity", [2**31, 2**63, 10**30])
def test_it_refuses_a_quantity_too_large_to_store(world: World, quantity: int) -> None:
    company = Api(world.member)
    ref = company.post(BASE, {"exporter": "demo-exporter"})["reference"]
    line = {
        "technology": "interceptor",
        "control_code": "5A001j",
        "quantity": quantity,
        "value": "1",
        "currency": "EUR",
    }
    errors = company.post(f"{BASE}/{ref}/lines", line, status=422)["errors"]
    assert list(errors) == ["quantity"]
    assert not Application.objects.get(reference=ref).lines.exists()


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("", '{"exporter": "\\ud800"}', "exporter"),
        ("/{ref}", '{"end_use": "Regulator \\ud800"}', "end_use"),
        ("/{ref}", '{"destination": "\\udfff"}', "destination"),
        ("/{ref}/parties", '{"role": "end_user", "name": "\\ud800", "kind": "government", '
         '"country": "AE"}', "name"),
        ("/{ref}/withdraw", '{"reason": "\\ud800"}', "reason"),
    ],
)  # fmt: skip
def test_it_refuses_a_lone_surrogate_naming_the_field(
    world: World, path: str, body: str, field: str
) -> None:
    company = Api(world.member)
    ref = company.post(BASE, {"exporter": "demo-exporter"})["reference"]
    before = AuditEntry.objects.count()
    method = company.client.patch if path == "/{ref}" else company.client.post
    response = method(BASE + path.format(ref=ref), body, content_type="application/json")
    assert response.status_code == 422, response.content
    assert list(response.json()["errors"]) == [field]
    assert AuditEntry.objects.count() == before


def test_it_walks_an_application_to_the_register_and_its_csv(world: World, clock: Clock) -> None:
    company, ref = draft_through_the_api(world)
    submitted = company.post(f"{BASE}/{ref}/submit", {"key": "api-submit-00001"})
    assert submitted["status"] == "screening"
    officer, reviewer = Api(world.officer), Api(world.reviewer)
    officer.post(f"{BASE}/{ref}/consultation", {"days": 1})
    app = Application.objects.get(reference=ref)
    comment = comment_on(app)
    consultations.moderate_comment(comment, accept=True, reason="", actor=world.officer)
    clock.advance(days=2)
    officer.post(f"{BASE}/{ref}/start-review", {})
    consultations.mark_considered(comment, response="", actor=world.officer)
    assert consultation_of(app) is not None
    review = {"criteria": criteria(), "recommendation": "approve", "summary": "Fine."}
    reviewer.post(f"{BASE}/{ref}/review", review)
    decision = {
        "outcome": "issued",
        "reasons": ["Safeguards adequate."],
        "conditions": ["Periodic reporting"],
    }
    decided = officer.post(f"{BASE}/{ref}/decision", decision)
    assert decided["status"] == "issued"
    public = Client()
    found = public.get("/api/v1/datasets/licence-decisions", {"q": ref}).json()
    assert found["count"] == 1
    assert found["results"][0]["outcome"] == "issued"
    assert found["results"][0]["conditions"] == ["Periodic reporting"]
    export = public.get("/licence-decisions/", {"q": ref, "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))  # type: ignore[attr-defined]
    assert [row["reference"] for row in rows] == [ref]
    assert "Safeguards adequate." in rows[0]["reasons"]
    assert audit.verify().ok


def test_it_is_in_the_openapi_document(world: World) -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/licensing/applications/{reference}/submit" in paths
    assert "/api/v1/licensing/applications/{reference}/decision" in paths
    assert "/api/v1/licence-decisions" in paths


def test_it_lets_only_the_company_surrender_its_licence(world: World, clock: Clock) -> None:
    from oversight.licensing import actions
    from oversight.licensing.models import Licence
    from oversight.licensing.tests.flow import to_decision

    app = to_decision(world, clock)
    actions.decide_application(app, outcome="issued", reasons=["Fine."], actor=world.officer)
    number = Licence.objects.get(application=app).number
    path = f"/api/v1/licensing/licences/{number}/surrender"
    body = {"reasons": ["Contract ended."]}
    assert (
        Api(world.member_b).client.post(path, body, content_type="application/json").status_code
        == 404
    )
    Api(world.member).post(path, body)
    assert Licence.objects.get(application=app).status == "surrendered"
    suspend = f"/api/v1/licensing/licences/{number}/suspend"
    refused = Api(world.officer).post(suspend, {"reasons": ["Too late."]}, status=409)
    assert "final state" in refused["message"]
