"""A published decision reads like a document: labels, never codes or Python values."""

import re

import pytest
from django.test import Client

from oversight.accounts.tests.helpers import Clock
from oversight.licensing import actions
from oversight.licensing.models import Decision
from oversight.licensing.tests.flow import to_decision
from oversight.licensing.tests.helpers import World

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
