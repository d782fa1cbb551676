"""Casework through the API: a ruling asked and answered, a catch-all decided, a case
routed, questioned, countersigned and refused; outsiders refused; bad input named."""

from typing import Any

import pytest
from django.test import Client

from oversight.accounts.actions import issue_token
from oversight.accounts.models import Role, User
from oversight.accounts.tests.helpers import Clock, make_user
from oversight.licensing.actions import casework as work
from oversight.licensing.models import Application, CatchAllNotification, RulingRequest, Status
from oversight.licensing.tests.flow import to_decision
from oversight.licensing.tests.helpers import World

pytestmark = pytest.mark.django_db
API = "/api/v1/licensing"


class Api:
    def __init__(self, user: User) -> None:
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(user, 'test')[1]}")

    def get(self, path: str, status: int = 200) -> Any:
        response = self.client.get(API + path)
        assert response.status_code == status, response.content[:800]
        return response.json()

    def post(self, path: str, body: dict[str, Any], status: int = 200) -> Any:
        response = self.client.post(API + path, body, content_type="application/json")
        assert response.status_code == status, response.content[:800]
        return response.json()


def test_it_asks_and_answers_a_ruling_through_the_api(world: World) -> None:
    member, officer = Api(world.member), Api(world.officer)
    body = {"exporter": "demo-exporter", "item_name": "Probe", "description": "Taps fibre."}
    ref = member.post("/rulings", {**body, "confidential_details": "ACME"}, 201)["reference"]
    bad = officer.post(f"/rulings/{ref}/answer", {"controlled": True}, 422)
    assert set(bad["errors"]) == {"control_entry", "reasoning"}
    assert RulingRequest.objects.get().state == "requested"
    Api(world.officer_de).post(f"/rulings/{ref}/answer", {"controlled": False}, 404)
    Api(world.member_b).get(f"/rulings/{ref}", 404)
    answer = {"controlled": True, "control_entry": "5.A.1.j", "reasoning": "Taps.", "version": 1}
    done = officer.post(f"/rulings/{ref}/answer", answer)
    assert (done["state"], done["control_entry"], done["late"]) == ("answered", "5.A.1.j", False)
    officer.post(f"/rulings/{ref}/answer", {**answer, "version": 1}, 409)


def test_it_takes_a_catch_all_notification_through_the_api(world: World) -> None:
    member = Api(world.member)
    bad = member.post("/catch-all", {"exporter": "demo-exporter", "technology": "nope",
                                     "destination": "AE"}, 422)  # fmt: skip
    assert set(bad["errors"]) == {"technology", "concern"}
    assert not CatchAllNotification.objects.exists()
    body = {"exporter": "demo-exporter", "technology": "vault", "destination": "AE",
            "concern": "Used on dissidents."}  # fmt: skip
    ref = member.post("/catch-all", body, 201)["reference"]
    Api(world.member_b).post("/catch-all", body, 404)
    Api(world.officer_de).post(f"/catch-all/{ref}/decision", {"licence_required": True}, 404)
    decided = Api(world.officer).post(
        f"/catch-all/{ref}/decision", {"licence_required": True, "reasons": ["Risk."]}
    )
    assert decided["state"] == "licence_required"


def test_one_case_is_routed_questioned_countersigned_and_refused_through_the_api(
    world: World, clock: Clock
) -> None:
    team = work.set_up_team(world.gb, "cyber", "Cyber team", actor=None)
    queue = work.set_up_queue(team, "gb-cyber", "Cyber", target_days=20, actor=None)
    work.set_routing_rule(world.gb, 1, "Gulf", {"destination": ["AE"]}, queue, actor=None)
    senior = make_user("senior", Role.LICENSING_OFFICER, jurisdiction="GB")
    work.add_team_member(team, senior, countersigner=True, actor=None)
    work.set_countersign_step(world.gb, 1, team, "Team lead", actor=None)
    app = to_decision(world, clock)
    officer, applicant = Api(world.officer), Api(world.member)
    ref = app.reference
    assert [c["reference"] for c in officer.get("/queues/gb-cyber")["cases"]] == [ref]
    assert officer.get("/queues")[0]["slug"] == "gb-cyber"
    Api(world.officer_de).get("/queues/gb-cyber", 404)
    assert Api(world.officer_de).get("/queues") == []
    q = officer.post(f"/applications/{ref}/questions", {"text": "Who runs it?"}, 201)
    assert officer.get(f"/applications/{ref}/casework")["waiting_on_applicant"] is True
    Api(world.member_b).post(
        f"/applications/{ref}/questions/{q['id']}/answer", {"answer": "x"}, 404
    )
    applicant.post(f"/applications/{ref}/questions/{q['id']}/answer", {"answer": "The regulator."})
    refusal = {"outcome": "refused", "reasons": ["Surveils journalists."],
               "cited": ["end_user_record"], "justification": "The review missed it."}  # fmt: skip
    advice = officer.post(f"/applications/{ref}/advice", refusal)
    assert advice["needs"] == ["A refusal is countersigned."]
    early = officer.post(f"/applications/{ref}/advice/issue", {}, 422)
    assert "countersignatures" in early["errors"]
    own = officer.post(f"/applications/{ref}/advice/countersign", {}, 422)
    assert "signer" in own["errors"]
    signed = Api(senior).post(f"/applications/{ref}/advice/countersign", {"version": 1})
    assert signed["complete"] is True
    decided = officer.post(f"/applications/{ref}/advice/issue", {"version": 1})
    assert decided["status"] == "refused"
    assert Application.objects.get(pk=app.pk).status == Status.REFUSED


def test_it_approves_in_bulk_through_the_api_only_for_the_queue_s_officer(
    world: World, clock: Clock
) -> None:
    team = work.set_up_team(world.gb, "cyber", "Cyber team", actor=None)
    queue = work.set_up_queue(team, "gb-cyber", "Cyber", target_days=20, actor=None)
    work.set_routing_rule(world.gb, 1, "All", {}, queue, actor=None)
    app = to_decision(world, clock)
    body = {"applications": [app.reference], "reasons": ["Routine."]}
    Api(world.officer_de).post("/queues/gb-cyber/bulk-approve", body, 404)
    bad = Api(world.officer).post("/queues/gb-cyber/bulk-approve", {**body, "reasons": []}, 422)
    assert "reasons" in bad["errors"]
    assert Application.objects.get(pk=app.pk).status == Status.DECISION
    done = Api(world.officer).post("/queues/gb-cyber/bulk-approve", body)
    assert done[0]["decided"] is True
    assert Application.objects.get(pk=app.pk).status == Status.ISSUED
