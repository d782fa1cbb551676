"""oversight demo_procurement: a city's oversight board and three proposals. Idempotent.

Run by `oversight demo` after the demo users exist. The board (demo-oversight-board)
oversees Demo City (GB-DMC, a city inside the United Kingdom, made by `demo_registry`
through the registry action `upsert_subdivision`), where the Demo Police Agency sits; it
has three members and a quorum of two; the agency proposes:

- cell-site simulators (StingRay), approved with a use policy, one deployment and an
  annual report, chained to the known transfer that brought them in;
- device forensics (UFED), open for public comment now;
- spyware (Predator), rejected.

The approved and rejected proposals lived in the past: their steps run on a demo clock
that starts about eighteen months ago, so the comment periods closed before the votes,
as the rules require. A proposal that exists is left as it is, so a second run writes
nothing.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from unittest import mock

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from oversight.accounts.models import User
from oversight.consultations import actions as consultations
from oversight.procurement import actions
from oversight.procurement.models import Membership, OversightBody, Proposal
from oversight.registry import actions as registry
from oversight.registry.models import Jurisdiction, Organisation, Technology

TRANSFER = "demo-stingray-to-demo-police-agency"
MEMBERS = (("demo-oversight", "A. Okafor"), ("demo-oversight-2", "B. Lindqvist"),
           ("demo-oversight-3", "C. Ramírez"))  # fmt: skip
ANSWERS = {
    "purpose": "Locate the phones of people named in a warrant for serious violent crime.",
    "how_it_works": "A cell-site simulator imitates a mast; phones nearby connect and "
    "reveal their identifiers and position.",
    "data_retention": "Identifiers of phones that are not the target are deleted at the end of "
    "each operation; the target's location is kept with the case file.",
    "sharing": "Only the Crown Prosecution Service, case by case.",
    "accuracy_bias": "Locates to within 10 m in tests; it captures every phone in range, "
    "whoever carries it.",
    "equity": "Operations cluster in districts with more warrants; the board asks for a "
    "yearly map by district.",
    "fiscal_cost": "GBP 310,000 over five years, training and maintenance included.",
    "alternatives": "Operator location requests (slower, need a court order per request).",
    "laws": "Investigatory Powers Act 2016; Data Protection Act 2018; Human Rights Act 1998.",
    "legality_citation": "Investigatory Powers Act 2016, Part 5 (equipment interference warrants)",
    "legality_reasoning": "Each use needs a warrant approved by a Judicial Commissioner.",
    "necessity_reasoning": "Operator requests take days; in kidnapping cases hours matter.",
    "legitimate_aim": "Prevention of serious crime and protection of life",
    "aim_reasoning": "Used only to find a person at risk or a suspect of a violent offence.",
}
POLICY = {
    "permitted_uses": "Locating a phone named in a warrant for serious violent crime.",
    "prohibited_uses": "Protests and assemblies; immigration enforcement; any use without a "
    "warrant.",
    "retention": "Non-target identifiers deleted at the end of each operation.",
    "access": "Four named officers; every session logged.",
    "sharing": "Crown Prosecution Service only, per case.",
    "training": "Two days, and a yearly refresher.",
    "auditing": "The board audits the logs every quarter.",
}
REPORT = {
    "uses": "7 operations; 7 target phones located; about 2,300 other phones seen and deleted.",
    "sharing": "Crown Prosecution Service: 5 case files.",
    "locations": "Northern district (4), city centre (3).",
    "audits": "Two quarterly audits; one operation ran 40 minutes past its warrant (violation, "
    "reported to the Commissioner).",
    "breaches": "None.",
    "effectiveness": "All seven targets located; five charged.",
    "costs": "GBP 58,000 (maintenance and training).",
}


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, days: int) -> None:
        self.now += timedelta(days=days)


@contextmanager
def in_the_past(days_ago: int) -> Iterator[Clock]:
    """Run the steps on a demo clock that starts `days_ago` days ago."""
    clock = Clock(timezone.now() - timedelta(days=days_ago))
    with mock.patch.object(timezone, "now", clock):
        yield clock


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _body(admin: User) -> OversightBody:
    board = Organisation.objects.get(slug="demo-oversight-board")
    body = OversightBody.objects.filter(organisation=board).first()
    if body is None:
        city = Jurisdiction.objects.get(pk=board.jurisdiction_id or "GB")
        body = actions.create_body(actor=admin, organisation=board, jurisdiction=city, quorum=2)
    for username, name in MEMBERS:
        user = _user(username)
        if not Membership.objects.filter(body=body, user=user).exists():
            start = timezone.localdate() - timedelta(days=800)
            actions.appoint_member(
                body, actor=admin, user=user, name=name, term_start=start,
                term_end=date(start.year + 4, 12, 31),
            )  # fmt: skip
    return body


def _draft(body: OversightBody, agency: User, tech: str, title: str, **extra: Any) -> Proposal:
    technology = Technology.objects.get(slug=tech)
    return actions.create_proposal(
        actor=agency,
        agency=Organisation.objects.get(slug="demo-agency"),
        body=body,
        technology=technology,
        kind="acquisition",
        title=title,
        supplier=technology.vendor,
        answers=ANSWERS,
        **extra,
    )


def _through_comment(proposal: Proposal, clock: Clock, members: list[User], text: str) -> None:
    consultation = actions.submit_proposal(proposal, actor=_user("demo-agency"), days=30)
    comment = consultations.submit_comment(
        consultation, name="Northern District Residents' Association",
        stakeholder_type="civil_society", text=text, files=[],
        idempotency_key=f"demo-procurement-{proposal.reference}",
    )  # fmt: skip
    consultations.moderate_comment(comment, accept=True, reason="", actor=members[0])
    clock.advance(31)
    actions.close_comment(proposal, actor=members[0])
    actions.record_meeting(
        proposal, actor=members[0], held_at=timezone.now(), place="City Hall, Council Chamber",
        attendance=64, summary="Residents asked who sees the data and whether protests are "
        "excluded; the agency answered each question.", minutes="Opened 18:00; 14 speakers; "
        "closed 20:30.",
    )  # fmt: skip
    actions.write_analysis(
        proposal, actor=members[0], themes=[{"theme": "Bulk capture of bystanders",
        "response": "The policy deletes every other phone's identifiers after each operation "
        "and the board audits it quarterly.", "comments": [comment.pk]}],
    )  # fmt: skip


def _approved(body: OversightBody, members: list[User]) -> None:
    agency = _user("demo-agency")
    with in_the_past(560) as clock:
        proposal = _draft(
            body, agency, "stingray", "Cell-site simulators for kidnapping and violent crime",
            origin="transfer", origin_reference=TRANSFER, value=Decimal("310000"),
            currency="GBP",
        )  # fmt: skip
        _through_comment(proposal, clock, members, "Will it be used at protests?")
        for member in members[:2]:
            actions.cast_vote(proposal, actor=member, choice="approve_with_conditions")
        actions.cast_vote(proposal, actor=members[2], choice="reject")
        actions.decide(
            proposal, actor=members[0], outcome="approve_with_conditions",
            reasons="The three tests are met for warrant cases; the comment was answered.",
            conditions="Never at assemblies; a yearly map of operations by district.",
            legality_met=True, necessity_met=True, aim_met=True,
        )  # fmt: skip
        proposal.refresh_from_db()
        holding = proposal.holding
        assert holding is not None
        clock.advance(1)
        policy = actions.draft_policy(holding, actor=agency, texts=POLICY)
        actions.approve_policy(policy, actor=members[1])
        clock.advance(settings.PROCUREMENT_NOTICE_DAYS + 8)
        actions.record_deployment(
            holding, actor=agency, place="Northern district", started_on=timezone.localdate(),
            ended_on=timezone.localdate(), data_volume="1 target, 310 other phones (deleted)",
        )  # fmt: skip
        year = timezone.localdate().year
        clock.now = max(clock.now, datetime(year + 1, 1, 20, 10, tzinfo=clock.now.tzinfo))
        report = actions.file_annual_report(
            holding, actor=agency, year=year, uses_count=7, texts=REPORT
        )
        actions.review_report(
            report,
            actor=members[2],
            review="Complete. The violation was "
            "reported; the board asks for the district map next year.",
        )


def _rejected(body: OversightBody, members: list[User]) -> None:
    with in_the_past(300) as clock:
        proposal = _draft(body, _user("demo-agency"), "predator", "Mobile spyware for "
                          "organised-crime investigations")  # fmt: skip
        _through_comment(proposal, clock, members, "Spyware takes everything on a phone.")
        for member in members:
            actions.cast_vote(proposal, actor=member, choice="reject")
        actions.decide(
            proposal, actor=members[0], outcome="reject",
            reasons="Spyware takes a phone's whole contents; less intrusive means exist.",
            legality_met=True, necessity_met=False, aim_met=True,
        )  # fmt: skip


def _open(body: OversightBody) -> None:
    proposal = _draft(body, _user("demo-agency"), "ufed", "Device forensics for seized phones")
    actions.submit_proposal(proposal, actor=_user("demo-agency"), days=30)


def _transfer() -> None:
    registry.upsert_transfer(
        TRANSFER,
        {
            "title": "Harris StingRay to the Demo Police Agency (demo)",
            "supplier_id": Organisation.objects.get(slug="harris").pk,
            "supplier_jurisdiction_id": "US",
            "recipient_jurisdiction_id": "GB",
            "end_user_id": Organisation.objects.get(slug="demo-agency").pk,
            "goods": ["Cell-site simulator"],
            "categories": ["mobile_interception"],
            "year": 2025,
            "completed": "yes",
            "basis": "official",
            "sources": "Fictional record created by the Oversight demo.",
            "dataset": "demo",
            "published": True,
        },
        actor_label="demo_procurement",
    )


class Command(BaseCommand):
    help = "Create a demo oversight board and three proposals (OVERSIGHT_DEMO=1 only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO:
            raise CommandError("demo_procurement is demo-only: run it with OVERSIGHT_DEMO=1.")
        _transfer()
        body = _body(_user("demo-admin"))
        members = [_user(username) for username, _name in MEMBERS]
        steps: dict[str, Callable[[], None]] = {
            "Cell-site simulators for kidnapping and violent crime": lambda: _approved(
                body, members
            ),
            "Mobile spyware for organised-crime investigations": lambda: _rejected(body, members),
            "Device forensics for seized phones": lambda: _open(body),
        }
        for title, step in steps.items():
            if not Proposal.objects.filter(title=title, body=body).exists():
                with transaction.atomic():
                    step()
        for proposal in Proposal.objects.filter(body=body).order_by("pk"):
            self.stdout.write(f"{proposal.reference}  {proposal.status:26}  {proposal.title}")
