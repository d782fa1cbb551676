"""A published decision reads like a document: labels, never codes or Python values."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client

from oversight.accounts.tests.helpers import Clock
from oversight.licensing import actions
from oversight.licensing.models import Decision, Licence, SuspensionProposal
from oversight.licensing.tests.flow import to_decision
from oversight.licensing.tests.helpers import World
from oversight.licensing.views.public import letter_context

pytestmark = pytest.mark.django_db


def test_it_shows_the_criteria_screening_and_comments_as_labelled_parts(
    world: World, clock: Clock
) -> None:
    app = to_decision(world, clock)
    actions.decide_application(
        app,
        outcome="issued",
        reasons=["The review found the safeguards adequate."],
        conditions=["End-use monitoring"],
        actor=world.officer,
        expected_version=app.version,
    )
    decision = Decision.objects.get(application=app)

    page = Client().get(f"/licence-decisions/{decision.reference}/")

    text = page.content.decode()
    assert page.status_code == 200
    body = re.sub(r"<[^>]+>", " ", text.split("<main", 1)[1])
    for leak in ("{'", "['", "True", "does_not_meet", "civil_society"):
        assert leak not in body, leak
    for label in (
        "Independent oversight",  # a criterion's code, read as its label
        "Meets",
        "Reasoning",
        "Outcome",
        "Civil society",  # who commented, as the register says it
        "Checked; no record.",
    ):
        assert label in body, label
    assert '<dl class="tree">' in text


def test_it_writes_the_letter_with_labels_not_codes(world: World, clock: Clock) -> None:
    app = to_decision(world, clock)
    actions.decide_application(
        app,
        outcome="issued",
        reasons=["Adequate safeguards."],
        actor=world.officer,
        expected_version=app.version,
    )
    decision = Decision.objects.get(application=app)
    html = render_to_string("licensing/public/letter.html", letter_context(decision))
    assert "Independent oversight" in html and "Meets" in html and "Civil society" in html
    for code in ("legal_basis</td>", ">meets<", "(civil_society)", "intrusion"):
        assert code not in html, code
    response = Client().get(f"/licensing/decisions/{decision.reference}/letter.pdf")
    assert response["Content-Type"] == "application/pdf"


def test_it_settles_open_suspension_proposals_when_the_licence_is_suspended_directly(
    world: World, clock: Clock
) -> None:
    app = to_decision(world, clock)
    actions.decide_application(
        app, outcome="issued", reasons=["Fine."], actor=world.officer, expected_version=app.version
    )
    licence = Licence.objects.get(application=app)
    actions.flag_licence(licence, reason="Misuse report #1 substantiated.")
    proposal = SuspensionProposal.objects.get(licence=licence)
    assert proposal.state == "open"
    actions.suspend_licence(licence, reasons=["Suspended on the report."], actor=world.officer)
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decided_by) == ("suspended", world.officer)
    assert not SuspensionProposal.objects.filter(state="open").exists()  # nothing left waiting
