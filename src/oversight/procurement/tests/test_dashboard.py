"""The dashboard opens with what waits for agencies and oversight bodies."""

import pytest
from django.test import Client

from oversight.accounts.models import User
from oversight.accounts.tests.helpers import Clock, signed_in
from oversight.accounts.tests.helpers import waiting as dashboard_waiting
from oversight.consultations import actions as consultations
from oversight.procurement import actions
from oversight.procurement.tests.helpers import World, draft

pytestmark = pytest.mark.django_db


def waiting(user: User) -> dict[str, int]:
    return dashboard_waiting(signed_in(user))


def test_it_shows_agencies_and_bodies_their_pending_work(world: World, clock: Clock) -> None:
    proposal = draft(world)
    assert waiting(world.official) == {"Proposals drafted, not yet submitted": 1}
    assert waiting(world.members[0]) == {}  # a draft is the agency's alone

    consultation = actions.submit_proposal(proposal, actor=world.official, days=30)
    consultations.submit_comment(
        consultation,
        name="",
        stakeholder_type="civil_society",
        text="Who sees the data?",
        files=[],
        idempotency_key="dashboard-comment-key-1",
    )
    assert waiting(world.members[0]) == {"Public comments to moderate": 1}
    clock.advance(days=31)
    assert waiting(world.members[1]) == {
        "Public comments to moderate": 1,
        "Comment periods ended: close them, hold the hearing": 1,
    }
    assert waiting(world.official) == {}
    outsider = signed_in(world.outsider).get("/staff/").content.decode()
    assert "Public comments to moderate" not in outsider
    assert Client().get("/staff/").status_code == 302
