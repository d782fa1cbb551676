"""Casework pages through HTTP (JS off): queues and bulk approval, rulings, catch-all
notifications, questions and countersigning on the case page; who may not get in, and
refusals that name the field and change nothing."""

from typing import Any

import pytest
from django.test import Client

from oversight.accounts.models import Role
from oversight.accounts.tests.helpers import Clock, make_user, signed_in
from oversight.licensing.actions import casework as work
from oversight.licensing.actions import rulings
from oversight.licensing.models import (
    Advice,
    Application,
    CatchAllNotification,
    Countersignature,
    Decision,
    Question,
    RulingRequest,
    Status,
)
from oversight.licensing.tests.flow import to_decision
from oversight.licensing.tests.helpers import World

pytestmark = pytest.mark.django_db


def url(app: Application, tail: str = "") -> str:
    return f"/staff/licensing/applications/{app.reference}/{tail}"


def _queue(world: World) -> Any:
    team = work.set_up_team(world.gb, "cyber", "Cyber team", actor=None)
    queue = work.set_up_queue(team, "gb-cyber", "Cyber", target_days=20, actor=None)
    work.set_routing_rule(world.gb, 1, "All", {}, queue, actor=None)
    return team, queue


def test_it_shows_a_queue_with_its_clock_and_approves_routine_cases_in_bulk(
    world: World, clock: Clock
) -> None:
    _queue(world)
    app = to_decision(world, clock)
    client = signed_in(world.officer)
    page = client.get("/staff/licensing/queues/").content.decode()
    assert "Cyber" in page
    page = client.get("/staff/licensing/queues/gb-cyber/").content.decode()
    assert app.reference in page
    response = client.post(
        "/staff/licensing/queues/gb-cyber/bulk-approve/",
        {"applications": [app.reference], "reasons": "Routine."},
    )
    assert response.status_code == 200
    assert "1 of 1 case(s) approved." in response.content.decode()
    assert Application.objects.get(pk=app.pk).status == Status.ISSUED


def test_it_refuses_bulk_approval_without_reasons_naming_the_field(
    world: World, clock: Clock
) -> None:
    _queue(world)
    app = to_decision(world, clock)
    response = signed_in(world.officer).post(
        "/staff/licensing/queues/gb-cyber/bulk-approve/", {"applications": [app.reference]}
    )
    assert response.status_code == 400
    assert "Give the reasons" in response.content.decode()
    assert not Decision.objects.filter(application=app).exists()


def test_it_hides_a_queue_from_another_state_s_officer(world: World, clock: Clock) -> None:
    _queue(world)
    app = to_decision(world, clock)
    client = signed_in(world.officer_de)
    assert client.get("/staff/licensing/queues/gb-cyber/").status_code == 404
    response = client.post(
        "/staff/licensing/queues/gb-cyber/bulk-approve/",
        {"applications": [app.reference], "reasons": "Routine."},
    )
    assert response.status_code == 404
    assert "Cyber" not in client.get("/staff/licensing/queues/").content.decode()
    assert Application.objects.get(pk=app.pk).status == Status.DECISION


def test_it_takes_a_ruling_request_and_its_answer(world: World) -> None:
    member = signed_in(world.member)
    response = member.post(
        "/staff/licensing/rulings/",
        {"item_name": "Probe", "description": "Taps fibre.", "confidential_details": "ACME"},
    )
    assert response.status_code == 302
    ruling = RulingRequest.objects.get()
    officer = signed_in(world.officer)
    page = officer.get(f"/staff/licensing/rulings/{ruling.reference}/").content.decode()
    assert "ACME" in page  # the officer sees the confidential details
    bad = officer.post(
        f"/staff/licensing/rulings/{ruling.reference}/",
        {"controlled": "yes", "control_entry": "", "reasoning": "", "version": "1"},
    )
    assert bad.status_code == 400
    assert "names its control-list entry" in bad.content.decode()
    assert RulingRequest.objects.get().state == "requested"
    good = officer.post(
        f"/staff/licensing/rulings/{ruling.reference}/",
        {"controlled": "yes", "control_entry": "5.A.1.j", "reasoning": "Taps.", "version": "1"},
    )
    assert good.status_code == 302
    assert RulingRequest.objects.get().state == "answered"
    public = signed_in(world.officer).get("/classification-rulings/").content.decode()
    assert ruling.reference in public and "ACME" not in public


def test_it_hides_a_ruling_from_another_company_and_another_state(world: World) -> None:
    ruling = rulings.request_ruling(
        world.exporter, {"item_name": "Probe", "description": "Taps."}, actor=world.member
    )
    path = f"/staff/licensing/rulings/{ruling.reference}/"
    assert signed_in(world.member_b).get(path).status_code == 404
    answer = {"controlled": "no", "reasoning": "No.", "version": "1"}
    assert signed_in(world.officer_de).post(path, answer).status_code == 404
    assert signed_in(world.member).post(path, answer).status_code == 403
    assert RulingRequest.objects.get().state == "requested"


def test_it_takes_a_catch_all_notification_and_its_decision(world: World) -> None:
    member = signed_in(world.member)
    bad = member.post("/staff/licensing/catch-all/", {"technology": world.vault.pk})
    assert bad.status_code == 400
    assert "Give the destination." in bad.content.decode()
    assert not CatchAllNotification.objects.exists()
    response = member.post(
        "/staff/licensing/catch-all/",
        {"technology": world.vault.pk, "destination": "AE", "concern": "Used on dissidents."},
    )
    assert response.status_code == 302
    note = CatchAllNotification.objects.get()
    path = f"/staff/licensing/catch-all/{note.reference}/"
    assert signed_in(world.officer_de).get(path).status_code == 404
    decided = signed_in(world.officer).post(
        path, {"licence_required": "yes", "reasons": "Repression risk.", "version": "1"}
    )
    assert decided.status_code == 302
    assert CatchAllNotification.objects.get().state == "licence_required"


def test_it_asks_and_answers_a_question_on_the_case_page(world: World, clock: Clock) -> None:
    app = to_decision(world, clock)
    officer = signed_in(world.officer)
    officer.post(url(app, "questions/"), {"text": "Who runs the network?", "reply_days": "10"})
    question = Question.objects.get()
    page = signed_in(world.member).get(url(app)).content.decode()
    assert "Who runs the network?" in page
    assert (
        signed_in(world.member_b)
        .post(url(app, f"questions/{question.pk}/answer/"), {"answer": "Me."})
        .status_code
        == 404
    )
    signed_in(world.member).post(url(app, f"questions/{question.pk}/answer/"), {"answer": "Us."})
    assert Question.objects.get().answer == "Us."


def test_it_countersigns_and_issues_a_refusal_through_the_case_page(
    world: World, clock: Clock
) -> None:
    team, _q = _queue(world)
    senior = make_user("senior", Role.LICENSING_OFFICER, jurisdiction="GB")
    work.add_team_member(team, senior, countersigner=True, actor=None)
    work.set_countersign_step(world.gb, 1, team, "Team lead", actor=None)
    app = to_decision(world, clock)
    officer = signed_in(world.officer)
    advice = {
        "outcome": "refused",
        "reasons": "The end user surveils journalists.",
        "cited": ["end_user_record"],
        "justification": "The review missed the end user's record.",
        "version": str(app.version),
    }
    response = officer.post(url(app, "decide/"), advice, follow=True)
    assert "must be countersigned" in response.content.decode()
    officer.post(url(app, "advice/"), advice)
    row = Advice.objects.get()
    own = officer.post(url(app, "advice/countersign/"), {"version": "1"}, follow=True)
    assert "cannot countersign" in own.content.decode()
    signed_in(senior).post(url(app, "advice/countersign/"), {"version": "1"})
    assert Countersignature.objects.filter(advice=row).count() == 1
    officer.post(url(app, "advice/issue/"), {"version": "1"})
    assert Application.objects.get(pk=app.pk).status == Status.REFUSED


def test_it_publishes_catch_all_decisions_without_the_exporter(world: World) -> None:
    values = {"technology": world.vault, "destination_id": "AE", "concern": "Used on lawyers."}
    note = rulings.notify_catch_all(world.exporter, values, actor=world.member)
    client = Client()
    assert note.reference not in client.get("/catch-all-decisions/").content.decode()
    rulings.decide_catch_all(
        note, licence_required=True, reasons=["Repression risk."], actor=world.officer
    )
    page = client.get("/catch-all-decisions/").content.decode()
    assert note.reference in page
    assert world.exporter.name not in page and world.vault.name not in page
    assert "Used on lawyers." not in page


def test_it_links_the_casework_pages_from_the_staff_dashboard(world: World) -> None:
    page = signed_in(world.officer).get("/staff/").content.decode()
    assert "/staff/licensing/queues/" in page and "/staff/licensing/rulings/" in page
    member = signed_in(world.member).get("/staff/").content.decode()
    assert "/staff/licensing/queues/" not in member and "/staff/licensing/catch-all/" in member


def test_it_reads_a_queue_in_as_many_queries_for_two_cases_as_for_one(
    world: World, clock: Clock
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _queue(world)
    first = to_decision(world, clock)
    work.ask_question(first, "Which network?", actor=world.officer)
    counts = []
    for _round in range(2):
        client = signed_in(world.officer)  # again: the clock moved past the session
        for path in ("/staff/licensing/queues/gb-cyber/", "/staff/licensing/queues/"):
            client.get(path)  # warm the session
            with CaptureQueriesContext(connection) as seen:
                assert client.get(path).status_code == 200
            counts.append(len(seen))
        to_decision(world, clock)
    assert counts[0] == counts[2] and counts[1] == counts[3], counts
