"""A small purchasing world: a city in a State, two agencies, an oversight body of three,
a tool and its supplier, and named users per role (and an outsider)."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from oversight.accounts.models import Role, User
from oversight.accounts.tests.helpers import make_user
from oversight.consultations import actions as consultations
from oversight.consultations.models import Comment
from oversight.procurement import actions
from oversight.procurement.models import Holding, OversightBody, Proposal
from oversight.registry.models import Jurisdiction, Organisation, Technology

ANSWERS = {
    "purpose": "Locate stolen vehicles named in a warrant.",
    "how_it_works": "Fixed cameras read number plates and compare them with a hot list.",
    "data_retention": "Plates and time; non-matches deleted after 24 hours.",
    "sharing": "Only with the regional prosecutor, case by case.",
    "accuracy_bias": "Vendor claims 98%; independent tests 91%, worse at night.",
    "equity": "Cameras would sit on arterial roads through two low-income districts.",
    "fiscal_cost": "EUR 400,000 over 5 years, maintenance included.",
    "alternatives": "Manual patrols; insurer databases.",
    "laws": "Road Traffic Act s. 12; Data Protection Act.",
    "legality_citation": "Road Traffic Act 2011, s. 12(3)",
    "legality_reasoning": "Section 12(3) permits automated reading for warrant enforcement.",
    "necessity_reasoning": "Patrols find 4% of vehicles named in warrants; no lesser means works.",
    "legitimate_aim": "Prevention of crime",
    "aim_reasoning": "Recovering stolen vehicles serves the prevention of crime.",
}


@dataclass
class World:
    state: Jurisdiction
    city: Jurisdiction
    agency: Organisation
    agency_b: Organisation
    supplier: Organisation
    recipient: Organisation
    body: OversightBody
    tool: Technology
    official: User
    official_b: User
    members: list[User]
    outsider: User
    admin: User


def build_world() -> World:
    state = Jurisdiction.objects.update_or_create(code="XS", defaults={"name": "Xanadu"})[0]
    city = Jurisdiction.objects.update_or_create(
        code="XS-CTY", defaults={"name": "Port City", "kind": "city", "parent": state}
    )[0]

    def org(slug: str, name: str, kind: str) -> Organisation:
        return Organisation.objects.create(slug=slug, name=name, kind=kind, jurisdiction=city)

    agency = org("city-police", "Port City Police", "agency")
    agency_b = org("city-transport", "Port City Transport", "agency")
    supplier = org("plate-co", "PlateCo Ltd", "company")
    recipient = org("regional-prosecutor", "Regional Prosecutor", "agency")
    board = org("privacy-commission", "Port City Privacy Commission", "oversight_body")
    tool = Technology.objects.create(
        slug="plate-reader",
        name="PlateReader 5",
        category="other",
        vendor=supplier,
        published=True,
    )
    admin = make_user("admin", Role.ADMINISTRATOR)
    body = actions.create_body(actor=admin, organisation=board, jurisdiction=city, quorum=2)
    members = []
    for number in range(3):
        user = make_user(f"member{number}", Role.OVERSIGHT_MEMBER, organisation=board.slug)
        actions.appoint_member(
            body,
            actor=admin,
            user=user,
            name=f"Member {number}",
            term_start=date.today() - timedelta(days=30),
        )
        members.append(user)
    return World(
        state=state,
        city=city,
        agency=agency,
        agency_b=agency_b,
        supplier=supplier,
        recipient=recipient,
        body=body,
        tool=tool,
        official=make_user("official", Role.AGENCY_OFFICIAL, organisation=agency.slug),
        official_b=make_user("official_b", Role.AGENCY_OFFICIAL, organisation=agency_b.slug),
        members=members,
        outsider=make_user("outsider"),
        admin=admin,
    )


def draft(world: World, **answers: Any) -> Proposal:
    return actions.create_proposal(
        actor=world.official,
        agency=world.agency,
        body=world.body,
        technology=world.tool,
        kind="acquisition",
        title="Number-plate readers",
        supplier=world.supplier,
        origin="licence",
        origin_reference="GB-2026-0001",
        answers={**ANSWERS, **answers},
    )


def through_comment(world: World, clock: Any, proposal: Proposal) -> Comment:
    """Submit, take one accepted comment, let the period end and close it."""
    consultation = actions.submit_proposal(proposal, actor=world.official, days=30)
    comment = consultations.submit_comment(
        consultation,
        name="Neighbours' association",
        stakeholder_type="civil_society",
        text="Cameras on our streets record everyone, not only stolen cars.",
        files=[],
        idempotency_key=f"key-{proposal.reference}-{'k' * 12}",
    )
    consultations.moderate_comment(comment, accept=True, reason="", actor=world.members[0])
    clock.advance(days=31)
    actions.close_comment(proposal, actor=world.members[0])
    return comment


def to_vote(world: World, clock: Any, proposal: Proposal) -> None:
    """Through comment, a hearing and the analysis: ready for the vote."""
    comment = through_comment(world, clock, proposal)
    actions.record_meeting(
        proposal,
        actor=world.members[0],
        held_at=timezone.now(),
        place="City Hall, room 2",
        attendance=40,
        summary="Residents asked who sees the data.",
        minutes="Opened 18:00. 12 speakers. Closed 20:10.",
    )
    actions.write_analysis(
        proposal,
        actor=world.members[0],
        themes=[
            {
                "theme": "Bulk capture",
                "response": "Non-matches deleted in 24h.",
                "comments": [comment.pk],
            }
        ],
    )


def approve(world: World, proposal: Proposal) -> None:
    for member in world.members[:2]:
        actions.cast_vote(proposal, actor=member, choice="approve")
    actions.decide(
        proposal,
        actor=world.members[0],
        outcome="approve",
        reasons="All three tests met; comment answered.",
        legality_met=True,
        necessity_met=True,
        aim_met=True,
    )


def holding_of(proposal: Proposal) -> Holding:
    proposal.refresh_from_db()
    assert proposal.holding is not None
    return proposal.holding
