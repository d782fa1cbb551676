"""The staff pages through HTTP: who may see and do what, and errors that name the field."""

from typing import Any

import pytest

from oversight.accounts.tests.helpers import Clock, signed_in
from oversight.licensing.models import Application, Decision, Status
from oversight.licensing.tests.flow import to_decision
from oversight.licensing.tests.helpers import World, complete_draft

pytestmark = pytest.mark.django_db


def url(app: Application, tail: str = "") -> str:
    return f"/staff/licensing/applications/{app.reference}/{tail}"


def test_it_gives_one_draft_for_a_double_click_on_create(world: World) -> None:
    client = signed_in(world.member)
    form = {"exporter": world.exporter.pk, "key": "same-key-1234567"}
    first = client.post("/staff/licensing/new/", form)
    second = client.post("/staff/licensing/new/", form)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Application.objects.count() == 1


def test_only_the_companys_members_may_start_its_draft(world: World) -> None:
    form = {"exporter": world.exporter.pk, "key": "other-key-123456"}
    assert signed_in(world.member_b).post("/staff/licensing/new/", form).status_code == 404
    assert signed_in(world.officer).get("/staff/licensing/new/").status_code == 403
    assert not Application.objects.exists()


def test_it_shows_the_applicant_what_is_missing(world: World) -> None:
    client = signed_in(world.member)
    client.post("/staff/licensing/new/", {"exporter": world.exporter.pk, "key": "k" * 16})
    app = Application.objects.get()
    page = client.get(url(app)).content.decode()
    assert "destination: choose the destination country" in page
    assert "goods: add at least one goods line" in page
    response = client.post(url(app, "submit/"), {"key": "s" * 16}, follow=True)
    assert "parties: add the end user" in response.content.decode()
    assert Application.objects.get().status == Status.DRAFT


def test_it_names_the_line_of_a_bad_quantity(world: World) -> None:
    app = complete_draft(world)
    client = signed_in(world.member)
    line = {
        "technology": world.interceptor.pk,
        "control_code": "5A001j",
        "quantity": "0",
        "value": "10",
        "currency": "GBP",
    }
    response = client.post(url(app, "lines/"), line, follow=True)
    assert "line 2: quantity must be positive" in response.content.decode()
    assert app.lines.count() == 1


@pytest.mark.parametrize("who", ["officer_de", "member_b", "reviewer"])
def test_it_hides_an_application_from_those_it_does_not_concern(world: World, who: str) -> None:
    app = complete_draft(world)
    client = signed_in(getattr(world, who))
    assert client.get(url(app)).status_code == 404  # a draft: only its company sees it
    client_member = signed_in(world.member)
    client_member.post(url(app, "submit/"), {"key": "s" * 16})
    status = 200 if who == "reviewer" else 404
    assert client.get(url(app)).status_code == status
    assert client.post(url(app, "withdraw/"), {}).status_code == 404


def test_it_refuses_officer_actions_to_the_applicant_and_other_states(world: World) -> None:
    app = complete_draft(world)
    signed_in(world.member).post(url(app, "submit/"), {"key": "s" * 16})
    for user in (world.member, world.officer_de, world.reviewer):
        response = signed_in(user).post(url(app, "consultation/"), {"days": "30"})
        assert response.status_code == 404
    assert Application.objects.get().status == Status.SCREENING


@pytest.mark.parametrize("version", ["abc", "²", "1" * 40])
def test_it_refuses_a_version_that_is_no_number_naming_it(world: World, version: str) -> None:
    app = complete_draft(world)
    response = signed_in(world.member).post(url(app, "withdraw/"), {"version": version})
    assert response.status_code == 400
    assert "Version" in response.content.decode()
    assert Application.objects.get().status == Status.DRAFT


@pytest.mark.parametrize(
    ("tail", "data", "label"),
    [
        ("consultation/", {"days": "²"}, "Comment period (days)"),
        ("consultation/", {"days": "30", "version": "abc"}, "Version"),
        ("start-review/", {"version": "¹"}, "Version"),
    ],
)
def test_it_refuses_an_officer_number_that_is_no_number(
    world: World, tail: str, data: dict[str, str], label: str
) -> None:
    app = complete_draft(world)
    signed_in(world.member).post(url(app, "submit/"), {"key": "s" * 16})
    response = signed_in(world.officer).post(url(app, tail), data)
    assert response.status_code == 400
    assert label in response.content.decode()
    assert Application.objects.get().status == Status.SCREENING


def test_it_decides_through_the_page_and_tells_a_late_officer(world: World, clock: Clock) -> None:
    app = to_decision(world, clock)
    form: dict[str, Any] = {
        "version": app.version,
        "outcome": "refused",
        "reasons": "The end user's record.",
        "cited": ["end_user_record"],
        "justification": "A report on the end user came after the review.",
    }
    page = signed_in(world.officer).get(url(app)).content.decode()
    assert "Decide and publish" in page
    first = signed_in(world.officer).post(url(app, "decide/"), form, follow=True)
    assert first.status_code == 200
    late = signed_in(world.officer_2).post(url(app, "decide/"), form, follow=True)
    assert "changed while you were looking at it" in late.content.decode()
    assert Decision.objects.filter(application=app).count() == 1
    letter = signed_in(world.member).get(f"/licensing/decisions/{app.reference}/letter.pdf")
    assert letter["Content-Type"] == "application/pdf"
    assert letter.content.startswith(b"%PDF")


def test_it_lists_applications_in_a_constant_number_of_queries(world: World) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from oversight.licensing import actions

    client = signed_in(world.member)
    actions.create_application(world.exporter, actor=world.member)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/staff/licensing/").status_code == 200
    for _n in range(4):
        actions.create_application(world.exporter, actor=world.member)
    with CaptureQueriesContext(connection) as five:
        page = client.get("/staff/licensing/").content.decode()
    assert page.count("/staff/licensing/applications/LA-") == 5
    assert len(five) == len(one)


def test_it_refuses_review_and_decision_to_those_who_may_not(world: World, clock: Clock) -> None:
    app = to_decision(world, clock)
    assert signed_in(world.officer).get(url(app, "review/")).status_code == 404
    for user in (world.member, world.reviewer, world.officer_de):
        response = signed_in(user).post(url(app, "decide/"), {"outcome": "issued"})
        assert response.status_code == 404
    assert Decision.objects.filter(application=app).count() == 0


def test_it_shows_flagged_licences_in_the_list(world: World, clock: Clock) -> None:
    from oversight.licensing import actions
    from oversight.licensing.models import Licence

    app = to_decision(world, clock)
    actions.decide_application(app, outcome="issued", reasons=["Fine."], actor=world.officer)
    actions.flag_licence(Licence.objects.get(application=app), reason="Misuse report #1.")
    page = signed_in(world.officer).get("/staff/licensing/").content.decode()
    assert "flagged for review" in page


def test_it_offers_only_the_moves_the_state_machine_allows(world: World, clock: Clock) -> None:
    from oversight.licensing import actions
    from oversight.licensing.models import Licence

    app = to_decision(world, clock)
    actions.decide_application(app, outcome="issued", reasons=["Adequate."], actor=world.officer)
    licence = Licence.objects.get(application=app)
    officer = signed_in(world.officer)
    page = officer.get(url(app)).content.decode()
    assert "Decide and publish" not in page  # decided: no move to a decision is left
    assert ">Suspend<" in page and ">Revoke<" in page and ">Reinstate<" not in page
    actions.suspend_licence(licence, reasons=["Misuse alleged."], actor=world.officer)
    page = officer.get(url(app)).content.decode()
    assert ">Reinstate<" in page and ">Revoke<" in page and ">Suspend<" not in page
    actions.revoke_licence(Licence.objects.get(), reasons=["Substantiated."], actor=world.officer)
    page = officer.get(url(app)).content.decode()
    assert ">Reinstate<" not in page and ">Revoke<" not in page  # final: nothing to offer
    member_page = signed_in(world.member).get(url(app)).content.decode()
    assert "Lodge the appeal" not in member_page  # an issued licence is not appealable
