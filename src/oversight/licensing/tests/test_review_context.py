"""The reviewer reads the application, its screening and the public comments beside the
review form, without a second tab; labels, not codes."""

import pytest

from oversight.accounts.tests.helpers import Clock, signed_in
from oversight.consultations import actions as consultations
from oversight.licensing import actions
from oversight.licensing.models import Application
from oversight.licensing.tests.flow import comment_on, to_consultation
from oversight.licensing.tests.helpers import World

pytestmark = pytest.mark.django_db


def test_it_shows_the_reviewer_the_application_screening_and_comments(
    world: World, clock: Clock
) -> None:
    app = to_consultation(world)
    comment = comment_on(app, "The regulator jailed a blogger last year.")
    consultations.moderate_comment(comment, accept=True, reason="", actor=world.officer)
    clock.advance(days=2)
    actions.start_review(app, actor=world.officer)
    consultations.mark_considered(comment, response="Asked the embassy.", actor=world.officer)
    app = Application.objects.get(pk=app.pk)

    page = signed_in(world.reviewer).get(f"/staff/licensing/applications/{app.reference}/review/")
    text = page.content.decode()
    assert page.status_code == 200
    context, form = text.split('class="beside-form"', 1)
    assert "The regulator jailed a blogger last year." in context
    assert "Asked the embassy." in context and "Civil society" in context
    assert "Interceptor" in context  # the goods line
    assert "Moratorium" in context and "No bar: the application goes on" in context
    assert "(pass)" not in context and "civil_society" not in context
    assert 'name="recommendation"' in form
    assert "Remove line" not in text and "Record the ruling" not in text  # read-only here
    assert (
        signed_in(world.officer_de)
        .get(f"/staff/licensing/applications/{app.reference}/review/")
        .status_code
        == 404
    )
