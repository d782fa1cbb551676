"""The API takes one proposal from draft through comment, hearing, vote, policy, deployment
and annual report; its refusals are one ErrorOut naming the field."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from oversight.accounts.actions import issue_token
from oversight.accounts.models import User
from oversight.accounts.tests.helpers import Clock
from oversight.consultations import actions as consultations
from oversight.consultations.models import Consultation
from oversight.procurement.models import Proposal
from oversight.procurement.tests.helpers import ANSWERS, World
from oversight.procurement.tests.test_actions import POLICY, REPORT

pytestmark = pytest.mark.django_db
BASE = "/api/v1/procurement"


class Api:
    def __init__(self, user: User) -> None:
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(user, 'test')[1]}")

    def post(self, path: str, body: dict[str, Any], status: int = 200) -> dict[str, Any]:
        response = self.client.post(f"{BASE}{path}", body, content_type="application/json")
        assert response.status_code == status, response.content[:800]
        return response.json()  # type: ignore[no-any-return]


def new_proposal(world: World, **extra: Any) -> dict[str, Any]:
    return {
        "agency": world.agency.slug,
        "body": world.body.organisation.slug,
        "technology": world.tool.slug,
        "kind": "acquisition",
        "title": "Number-plate readers",
        "supplier": world.supplier.slug,
        "origin": "licence",
        "origin_reference": "GB-2026-0001",
        **extra,
    }


def test_it_lists_every_missing_section_in_one_error(world: World) -> None:
    agency = Api(world.official)
    ref = agency.post("/proposals", new_proposal(world))["reference"]
    error = agency.post(f"/proposals/{ref}/submit", {}, status=422)
    assert {"purpose", "laws", "legality_citation", "necessity_reasoning"} <= set(error["errors"])
    assert not Consultation.objects.exists()


def test_it_refuses_a_proposal_for_another_agency(world: World) -> None:
    error = Api(world.official_b).post("/proposals", new_proposal(world), status=422)
    assert "agency" in error["errors"]
    assert not Proposal.objects.exists()


def test_outsiders_get_404_on_the_bodys_writes(world: World) -> None:
    agency = Api(world.official)
    ref = agency.post("/proposals", new_proposal(world, answers=ANSWERS))["reference"]
    agency.post(f"/proposals/{ref}/submit", {})
    for user in (world.outsider, world.official_b, world.official):
        Api(user).post(f"/proposals/{ref}/close-comment", {}, status=404)
        Api(user).post(f"/proposals/{ref}/votes", {"choice": "approve"}, status=404)
    assert Proposal.objects.get().status == "consultation"


def test_it_walks_a_proposal_to_its_annual_report(
    world: World, clock: Clock, settings: Any
) -> None:
    settings.PROCUREMENT_NOTICE_DAYS = 90
    agency, chair = Api(world.official), Api(world.members[0])
    ref = agency.post("/proposals", new_proposal(world))["reference"]
    agency.post(
        f"/proposals/{ref}/draft",
        {
            "answers": ANSWERS,
            "shared_with": [world.recipient.slug],
            "withheld": [{"field": "fiscal_cost", "reason": "Tender still open."}],
        },
    )
    submitted = agency.post(f"/proposals/{ref}/submit", {"days": 30})
    assert submitted["status"] == "consultation" and submitted["chain"]
    assert "Fiscal cost, over the whole life" not in submitted["sections"]
    consultation = Consultation.objects.get()
    comment = consultations.submit_comment(
        consultation,
        name="",
        stakeholder_type="individual",
        text="Who sees the plates?",
        files=[],
        idempotency_key="c" * 20,
    )
    consultations.moderate_comment(comment, accept=True, reason="", actor=world.members[0])
    chair.post(f"/proposals/{ref}/close-comment", {}, status=422)  # still open
    clock.advance(days=31)
    chair.post(f"/proposals/{ref}/close-comment", {})
    chair.post(
        f"/proposals/{ref}/meetings",
        {
            "held_at": timezone.now().isoformat(),
            "place": "City Hall",
            "attendance": 25,
            "summary": "Concerns about retention.",
            "minutes": "18:00-19:30.",
        },
    )
    chair.post(
        f"/proposals/{ref}/analysis",
        {"themes": [{"theme": "Access", "response": "Two analysts.", "comments": [comment.pk]}]},
    )
    decision = {
        "outcome": "approve",
        "reasons": "Tests met.",
        "legality_met": True,
        "necessity_met": True,
        "aim_met": True,
    }
    chair.post(f"/proposals/{ref}/votes", {"choice": "approve"})
    error = chair.post(f"/proposals/{ref}/decision", decision, status=422)
    assert any("quorum" in m for m in error["errors"]["__all__"])
    Api(world.members[1]).post(f"/proposals/{ref}/votes", {"choice": "approve"})
    decided = chair.post(f"/proposals/{ref}/decision", decision)
    assert decided["status"] == "approved" and decided["decision"] == "approve"

    chain = decided["chain"]
    error = agency.post(
        f"/inventory/{chain}/deployments",
        {"place": "Harbour Road", "started_on": str(timezone.localdate()), "data_volume": "-"},
        status=422,
    )
    assert "policy" in error["errors"]
    agency.post(f"/inventory/{chain}/policies", {**POLICY, "shared_with": [world.recipient.slug]})
    chair.post(f"/inventory/{chain}/policies/1/approve", {})
    start = timezone.localdate() + timedelta(days=90)
    deployed = agency.post(
        f"/inventory/{chain}/deployments",
        {"place": "Harbour Road", "started_on": str(start), "data_volume": "5,000 reads a day"},
    )
    assert deployed["status"] == "in_use"
    report = {"year": start.year, "uses_count": 3, **REPORT, "recipients": [world.recipient.slug]}
    agency.post(f"/inventory/{chain}/reports", report)
    error = agency.post(f"/inventory/{chain}/reports", report, status=422)
    assert "year" in error["errors"]
    public = Client().get(f"{BASE}/inventory/{chain}").json()
    assert [s["kind"] for s in public["steps"]] == [
        "origin",
        "proposal",
        "policy",
        "deployment",
        "report",
    ]
    assert Client().get(f"{BASE}/proposals/{ref}").json()["status"] == "approved"


def test_it_is_in_the_openapi_document(world: World) -> None:
    document = Client().get("/api/v1/openapi.json").json()
    paths = set(document["paths"])
    assert {
        "/api/v1/procurement/proposals",
        "/api/v1/procurement/proposals/{reference}/decision",
        "/api/v1/procurement/inventory/{chain}/deployments",
        "/api/v1/ocds/releases.json",
        "/api/v1/ocds/records.json",
    } <= paths


def test_the_staff_dashboard_links_procurement_for_its_roles(world: World) -> None:
    from oversight.accounts.tests.helpers import signed_in

    assert "/staff/procurement/" in signed_in(world.official).get("/staff/").content.decode()
    assert "/staff/procurement/" in signed_in(world.members[0]).get("/staff/").content.decode()
    assert "/staff/procurement/" not in signed_in(world.admin).get("/staff/").content.decode()
