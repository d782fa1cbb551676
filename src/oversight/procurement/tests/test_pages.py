"""The staff and public pages through HTTP: who may see and do what; refusals name why."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from oversight.accounts.tests.helpers import Clock, signed_in
from oversight.procurement.models import Proposal
from oversight.procurement.tests.helpers import World, approve, draft, holding_of, to_vote

pytestmark = pytest.mark.django_db


def url(proposal: Proposal, tail: str = "") -> str:
    return f"/staff/procurement/proposals/{proposal.reference}/{tail}"


def test_the_agency_starts_a_draft_only_for_itself(world: World) -> None:
    form = {
        "agency": world.agency.pk,
        "body": world.body.pk,
        "kind": "acquisition",
        "title": "Plate readers",
        "technology": world.tool.pk,
        "origin": "unknown",
    }
    response = signed_in(world.official).post("/staff/procurement/new/", form)
    assert response.status_code == 302
    response = signed_in(world.official_b).post("/staff/procurement/new/", form)
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    assert 'value="Plate readers"' in response.content.decode()  # as typed
    assert Proposal.objects.count() == 1


def test_submitting_lists_every_missing_section(world: World) -> None:
    proposal = draft(world, purpose="", laws="", legitimate_aim="")
    page = signed_in(world.official).post(url(proposal, "submit/"), follow=True).content.decode()
    for text in ("Purpose, and the problem it addresses", "The laws that apply", "Legitimate aim"):
        assert text in page
    proposal.refresh_from_db()
    assert proposal.status == "draft"


def test_a_draft_is_not_public_and_not_anyone_elses(world: World) -> None:
    proposal = draft(world)
    assert Client().get(f"/procurement/proposals/{proposal.reference}/").status_code == 404
    for user in (world.official_b, world.outsider):
        client = signed_in(user)
        assert client.get(url(proposal)).status_code in (403, 404)
        assert client.post(url(proposal, "submit/")).status_code in (403, 404)
    assert signed_in(world.members[0]).post(url(proposal, "submit/")).status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == "draft"


def test_the_body_votes_and_decides_through_its_pages(world: World, clock: Clock) -> None:
    proposal = draft(world)
    to_vote(world, clock, proposal)
    for member in world.members[:2]:
        signed_in(member).post(url(proposal, "vote/"), {"choice": "approve", "conflict": ""})
    page = signed_in(world.official).post(
        url(proposal, "decide/"), {"outcome": "approve", "reasons": "x"}
    )
    assert page.status_code == 404  # the agency does not decide
    response = signed_in(world.members[0]).post(
        url(proposal, "decide/"),
        {"outcome": "approve", "reasons": "Tests met.", "legality_met": "on", "aim_met": "on"},
        follow=True,
    )
    assert "necessity and proportionality test" in response.content.decode()
    signed_in(world.members[0]).post(
        url(proposal, "decide/"),
        {
            "outcome": "approve",
            "reasons": "Tests met.",
            "legality_met": "on",
            "necessity_met": "on",
            "aim_met": "on",
        },
    )
    proposal.refresh_from_db()
    assert proposal.status == "approved"


def test_the_public_pages_show_the_report_chain_and_counts_only(
    world: World, clock: Clock
) -> None:
    proposal = draft(world)
    to_vote(world, clock, proposal)
    approve(world, proposal)
    holding = holding_of(proposal)
    client = Client()
    page = client.get(f"/procurement/proposals/{proposal.reference}/").content.decode()
    assert "Road Traffic Act 2011, s. 12(3)" in page and "GB-2026-0001" in page
    assert "Approve" in page and "Member 0" in page
    page = client.get(f"/procurement/inventory/{holding.chain}/").content.decode()
    assert "fewer than five (not shown)" in page
    assert "<script" not in page


def test_the_inventory_costs_the_same_queries_whatever_its_length(
    world: World, clock: Clock, settings: Any
) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert Client().get("/procurement/").status_code == 200
        return len(queries)

    first = draft(world)
    to_vote(world, clock, first)
    approve(world, first)
    one = count()
    for _n in range(3):
        more = draft(world)
        to_vote(world, clock, more)
        approve(world, more)
    assert count() == one


def test_every_public_page_links_to_the_inventory(world: World) -> None:
    page = Client().get("/").content.decode()
    assert 'href="/procurement/">Surveillance inventory</a>' in page
