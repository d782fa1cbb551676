"""Who asks, and what they ask for, in the authorization matrix (authz_matrix.toml).

On top of the demo world (`demo_world.py`): every role signed in, two people who
hold two roles at once, and the objects each URL parameter is filled with, by name
(`{a_draft}`, `{licence_a}` …), so a URL of the matrix reads as what it asks for.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from oversight.accounts import actions as accounts
from oversight.accounts.models import APIToken, Role, User
from oversight.accounts.tests.helpers import make_user, sign_in
from oversight.companies import actions as companies
from oversight.companies.models import CorrectiveAction, Engagement, MisuseReport
from oversight.consultations import actions as consultations
from oversight.consultations.models import Comment, Consultation
from oversight.grievances.models import Channel, Report
from oversight.grievances.tests.helpers import submit
from oversight.licensing import actions as licensing
from oversight.licensing.actions import casework
from oversight.licensing.actions import conditions as licence_conditions
from oversight.licensing.actions.aftercare import open_proposal
from oversight.licensing.actions.submission import consultation_of
from oversight.licensing.management.commands import demo_licensing
from oversight.licensing.models import (
    Application,
    CatchAllNotification,
    Licence,
    LicenceCondition,
    RulingRequest,
    Status,
    SuspensionProposal,
)
from oversight.licensing.tests.helpers import criteria
from oversight.monitoring import actions as monitoring
from oversight.monitoring import trends
from oversight.monitoring.models import Case, Communication
from oversight.procurement.management.commands import demo_procurement
from oversight.procurement.models import OversightBody, Proposal
from oversight.registry.management.commands.demo import DEMO_USERS, demo_password
from oversight.registry.models import Jurisdiction, Organisation, Technology, Transfer
from oversight.vulnerabilities.models import Status as VulnerabilityStatus
from oversight.vulnerabilities.models import Vulnerability, YearStatistics

# Who asks: the name used in the matrix, and the demo user (or a new one) it signs in as.
DEMO = {
    "officer_gb": "demo-officer",
    "officer_de": "demo-officer-de",
    "reviewer_gb": "demo-reviewer",
    "equities_gb": "demo-equities",
    "member_a": "demo-company",
    "member_b": "demo-company-b",
    "agency": "demo-agency",
    "oversight": "demo-oversight",
    "handler_un": "demo-handler",
    "handler_a": "demo-handler-company",
    "analyst": "demo-analyst",
    "auditor": "demo-auditor",
    "standards": "demo-standards",
    "admin": "demo-admin",
}
# People who hold two roles at once.
DUAL = {
    # The issue's case: company B's member who is also the licensing officer of GB sees
    # company A's lodged applications as an officer, and must never act as A's applicant.
    "member_b_officer_gb": [
        (Role.COMPANY_MEMBER, {"organisation": "demo-exporter-b"}),
        (Role.LICENSING_OFFICER, {"jurisdiction": "GB"}),
    ],
    # An analyst who also handles the UN channel reads reports only as its handler.
    "analyst_handler_a": [
        (Role.ANALYST, {}),
        (Role.GRIEVANCE_HANDLER, {"organisation": "demo-exporter"}),
    ],
}
# People of another agency and another oversight body (organisations the world adds):
# procurement's proposals and inventory are their agency's and their body's only.
OTHER = {
    "agency_other": [(Role.AGENCY_OFFICIAL, {"organisation": "matrix-other-agency"})],
    "oversight_other": [(Role.OVERSIGHT_MEMBER, {"organisation": "matrix-other-board"})],
}
WHO = ["anonymous", *DEMO, *DUAL, *OTHER]


@dataclass
class Person:
    name: str
    web: Client
    api: Client
    user: User | None = None


@dataclass
class World:
    people: dict[str, Person]
    objects: dict[str, Any] = field(default_factory=dict)


def _dual(name: str) -> User:
    user = make_user(name.replace("_", "-"))
    for role, scope in {**DUAL, **OTHER}[name]:
        accounts.grant_role(
            user,
            role,
            jurisdiction=Jurisdiction.objects.get(code=scope["jurisdiction"])
            if "jurisdiction" in scope
            else None,
            organisation=Organisation.objects.get(slug=scope["organisation"])
            if "organisation" in scope
            else None,
        )
    return user


def _person(name: str) -> Person:
    if name == "anonymous":
        return Person(name, Client(), Client())
    if name in DEMO:
        user = User.objects.get(username=DEMO[name])
        password = demo_password(user.username)
    else:
        user, password = _dual(name), "correct horse battery staple"
    web = Client()
    sign_in(web, user, password)
    token = accounts.issue_token(user, "matrix")[1]
    return Person(name, web, Client(HTTP_AUTHORIZATION=f"Bearer {token}"), user)


def _issue(app: Application) -> Licence:
    """Walk the demo's consulted application of company A to an issued licence."""
    officer = User.objects.get(username="demo-officer")
    consultation = consultation_of(app)
    assert consultation is not None
    consultations.submit_comment(
        consultation,
        name="",
        stakeholder_type="civil_society",
        text="Please check the regulator's record.",
        files=[],
        idempotency_key="matrix-comment-0001",
    )
    for waiting in consultation.comments.pending():  # the demo's own, and this one
        consultations.moderate_comment(waiting, accept=True, reason="", actor=officer)
    past = timezone.now() - timedelta(days=1)
    Consultation.objects.filter(pk=consultation.pk).update(closes_at=past)
    licensing.start_review(app, actor=officer)
    for accepted in consultation.comments.filter(status="accepted", considered_at=None):
        consultations.mark_considered(accepted, response="Checked; no record.", actor=officer)
    reviewer = User.objects.get(username="demo-reviewer")
    licensing.submit_review(
        app,
        criteria=criteria(),
        recommendation="approve_with_conditions",
        summary="Approve with end-use monitoring.",
        actor=reviewer,
    )
    advice = {
        "outcome": "issued",
        "reasons": ["Fine."],
        "conditions": ["End-use monitoring, reported each year."],  # as the review recommends
    }
    # Through the advice: GB's chain countersigns an approval to a high-risk destination.
    drafted = casework.draft_advice(app, advice, actor=officer)
    if drafted.needs:
        senior = User.objects.get(username="demo-officer-senior")
        casework.countersign(drafted, actor=senior)
    casework.issue_advice(drafted, actor=officer)
    return Licence.objects.get(application=app)


def _conditions(licence: Licence) -> tuple[LicenceCondition, SuspensionProposal]:
    """A typed condition on licence_a, and an open suspension proposal for its officer."""
    officer = User.objects.get(username="demo-officer")
    condition = licence_conditions.set_condition(
        licence,
        kind="usage_report",
        terms="Report each use of the capability, by month.",
        evidence_due=timezone.localdate() + timedelta(days=30),
        actor=officer,
    )
    proposal = open_proposal(licence, reason="Matrix: a proposal for the officer to decide.")
    assert proposal is not None
    return condition, proposal


def _lodge(member: User) -> Application:
    """Company A's application in screening: lodged, waiting for the officer."""
    app = demo_licensing._app("matrix-lodged", "demo-exporter", member)
    parties = [("consignee", "Gulf Systems Trading LLC", "commercial", "AE"),
               ("end_user", "Telecom Regulator", "government", "AE")]  # fmt: skip
    demo_licensing._fill(app, member, "demo-interceptor-x", "5.A.1.f", parties)
    demo_licensing._complete(app, member, "AE", "Lawful interception by the regulator.")
    demo_licensing._submit(app, member)
    app.refresh_from_db()
    assert app.status == Status.SCREENING, app.status
    return app


def _letter() -> Communication:
    """A letter of the working group to a State (confidential until its window is published)."""
    values = {
        "kind": "AL",
        "mandates": ["sr_privacy"],
        "addressee_kind": "state",
        "addressee_state": Jurisdiction.objects.get(code="MX"),
        "sent_on": timezone.localdate(),
        "subject": "Alleged use of spyware",
    }
    analyst = User.objects.get(username="demo-analyst")
    return monitoring.send_communication(values, [], actor=analyst)


def _others() -> None:
    """Another agency and another oversight body, in GB, for `OTHER`'s people."""
    gb = Jurisdiction.objects.get(code="GB")
    for slug, kind in (
        ("matrix-other-agency", "agency"),
        ("matrix-other-board", "oversight_body"),
    ):
        Organisation.objects.create(slug=slug, name=slug, kind=kind, jurisdiction=gb)


def _proposal_draft() -> Proposal:
    """A draft of the demo agency, before its oversight body (the demo's three are past it)."""
    agency = User.objects.get(username="demo-agency")
    body = OversightBody.objects.get(organisation__slug="demo-oversight-board")
    return demo_procurement._draft(body, agency, "demo-interceptor-x", "Matrix draft")


def _vulnerability(status: str) -> str:
    """One of the demo agency's vulnerabilities (GB's board decides) in `status`."""
    return Vulnerability.objects.filter(status=status).order_by("pk").first().reference  # type: ignore[union-attr]


def _audit_objects() -> dict[str, Any]:
    """demo_audits' published audit of company A, its open corrective action, its standard."""
    engagement = Engagement.objects.get(company__slug="demo-exporter")
    action = CorrectiveAction.objects.get(finding__engagement=engagement)
    return {
        "audit_a": engagement.pk,
        "action_a": action.pk,
        "finding_a": action.finding_id,
        "requirement_a": engagement.version.requirements.order_by("pk").first().pk,  # type: ignore[union-attr]
        "standard": engagement.version.standard.slug,
        "firm_pk": engagement.firm_id,
        "version_pk": engagement.version_id,
    }


def build_world() -> World:
    assert {spec.username for spec in DEMO_USERS} >= set(DEMO.values())
    apps = {a.creation_key: a for a in Application.objects.all()}
    decided = apps["demo-licensing-consultation"]
    licence = _issue(decided)
    condition, proposal = _conditions(licence)
    submit(Client(), "/report/")  # one grievance report in the UN channel
    exporter = Organisation.objects.get(slug="demo-exporter")
    misuse = companies.report_misuse(
        exporter, end_user_text="State Security", description="Used on reporters.", actor=None
    )
    un_misuse = companies.report_misuse(
        exporter,
        end_user_text="Interior Ministry",
        description="Used on lawyers.",
        addressed_to=MisuseReport.Addressee.WORKING_GROUP,
        actor=None,
    )
    _others()
    world = World(people={name: _person(name) for name in WHO})
    member_a = world.people["member_a"].user
    a_lodged = _lodge(User.objects.get(username="demo-company"))
    technology_a = Technology.objects.filter(vendor=exporter).order_by("pk").first().slug  # type: ignore[union-attr]
    proposals = {p.status: p for p in Proposal.objects.all()}
    approved = proposals["approved_with_conditions"]
    holding = approved.holding
    assert holding is not None
    officer_gb = User.objects.get(username="demo-officer")
    question = casework.ask_question(a_lodged, "Who runs the network?", actor=officer_gb)
    world.objects = {
        # casework (demo_casework): GB's queue, company A's rulings and notifications
        "queue_gb": "gb-high-risk",
        "ruling_open": RulingRequest.objects.get(state="requested").reference,
        "ruling_answered": RulingRequest.objects.get(state="answered").reference,
        "catch_all_open": CatchAllNotification.objects.get(state="notified").reference,
        "question_a": question.pk,
        "a_draft": apps["demo-licensing-draft"].reference,
        "a_lodged": a_lodged.reference,
        "a_party": a_lodged.parties.order_by("pk").first().pk,  # type: ignore[union-attr]
        "a_decided": decided.reference,
        "a_exempt": apps["demo-licensing-exempt"].reference,
        "exporter_a": exporter.pk,
        "b_lodged": apps["demo-licensing-screening-b"].reference,
        "licence_a": licence.number,
        "condition_a": condition.pk,  # a usage report due in 30 days, on licence_a
        "proposal_a": proposal.pk,  # an open suspension proposal of licence_a
        "consultation": consultation_of(decided).reference,  # type: ignore[union-attr]
        "comment": Comment.objects.get(idempotency_key="matrix-comment-0001").pk,
        "case": Case.objects.order_by("pk").first().pk,  # type: ignore[union-attr]
        "communication": _letter().pk,
        "trend": next(s.slug for s in trends.public_series() if s.slug != "map"),
        "technology_a": technology_a,
        "transfer": Transfer.objects.order_by("pk").first().external_id,  # type: ignore[union-attr]
        "misuse_a": misuse.pk,  # addressed to GB's licensing authority
        "misuse_a_un": un_misuse.pk,  # addressed to the UN working group
        "proposal_draft": _proposal_draft().reference,
        "proposal_open": proposals["consultation"].reference,
        "proposal_approved": approved.reference,
        "proposal_rejected": proposals["rejected"].reference,
        "chain": holding.chain,
        "agency_pk": approved.agency_id,  # a form's choices are primary keys
        "board_pk": approved.body_id,
        "technology_held": approved.technology.slug,  # published: an agency may propose it
        "technology_held_pk": approved.technology_id,
        "policy": holding.policies.order_by("version").first().version,  # type: ignore[union-attr]
        "report_year": holding.reports.order_by("year").first().year,  # type: ignore[union-attr]
        "channel_un": "un-working-group",
        "channel_a": "demo-exporter",
        "report_un": Report.objects.latest("pk").reference,  # the world's; the demo closed one
        "token_a": APIToken.objects.filter(user=member_a).get().pk,
        "vuln_awaiting": _vulnerability(VulnerabilityStatus.AWAITING),
        "vuln_restricted": _vulnerability(VulnerabilityStatus.RESTRICTED),
        "vuln_disclosed": _vulnerability(VulnerabilityStatus.DISCLOSED),
        "vuln_year": YearStatistics.objects.order_by("key").first().key,  # type: ignore[union-attr]
        "missing": "0",
        "today": timezone.localdate().isoformat(),
        **_audit_objects(),
    }
    assert Channel.objects.count() == 2
    assert MisuseReport.objects.filter(pk=misuse.pk).exists()
    return world
