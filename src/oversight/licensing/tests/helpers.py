"""A small licensing world: two States, two exporters, tools, named users per role."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from oversight.accounts.models import Role, User
from oversight.accounts.tests.helpers import make_user
from oversight.companies import actions as companies
from oversight.core.tests.hostile import blank_pdf
from oversight.licensing import actions
from oversight.licensing.models import Application
from oversight.registry.models import ControlEntry, Jurisdiction, Organisation, Technology

CRITERIA = [
    "legal_basis",
    "prior_authorisation",
    "oversight",
    "remedy",
    "necessity",
    "legitimate_aim",
    "end_user_record",
    "technology_risk",
    "company_compliance",
]


@dataclass
class World:
    gb: Jurisdiction
    de: Jurisdiction
    ae: Jurisdiction
    exporter: Organisation
    exporter_b: Organisation
    interceptor: Technology
    vault: Technology
    officer: User
    officer_2: User
    officer_de: User
    reviewer: User
    member: User
    member_b: User


def _state(code: str, name: str, **extra: Any) -> Jurisdiction:
    return Jurisdiction.objects.update_or_create(code=code, defaults={"name": name, **extra})[0]


def _org(slug: str, name: str, state: Jurisdiction) -> Organisation:
    return Organisation.objects.update_or_create(
        slug=slug, defaults={"name": name, "kind": "company", "jurisdiction": state}
    )[0]


def comply(company: Organisation, *technologies: Technology) -> None:
    """File a current commitment, due diligence and safeguards: UNGP check passes."""
    today = timezone.localdate()
    companies.file_commitment(
        company,
        url="https://example.org/policy",
        adopted_on=today - timedelta(days=30),
        actor=None,
    )
    for tech in technologies:
        companies.record_due_diligence(
            company,
            technology=tech,
            summary="Assessed.",
            completed_on=today - timedelta(days=10),
            valid_until=today + timedelta(days=365),
            actor=None,
        )
    companies.record_safeguard(
        company, technology=None, description="End-use clauses.", in_effect_since=today, actor=None
    )


def build_world(*, compliant: bool = True) -> World:
    gb = _state("GB", "United Kingdom", wassenaar_participant=True)
    de = _state("DE", "Germany", wassenaar_participant=True)
    ae = _state("AE", "United Arab Emirates")
    exporter = _org("demo-exporter", "Demo Exporter Ltd", gb)
    exporter_b = _org("demo-exporter-b", "Demo Exporter B GmbH", de)
    for code in ("5.A.1.j", "5.A.2"):
        ControlEntry.objects.get_or_create(code=code)
    interceptor = Technology.objects.create(
        slug="interceptor", name="Interceptor", vendor=exporter, category="network"
    )
    vault = Technology.objects.create(
        slug="vault", name="Vault", vendor=exporter, category="encryption", encryption_only=True
    )
    if compliant:
        comply(exporter, interceptor, vault)
    officer = Role.LICENSING_OFFICER
    return World(
        gb=gb,
        de=de,
        ae=ae,
        exporter=exporter,
        exporter_b=exporter_b,
        interceptor=interceptor,
        vault=vault,
        officer=make_user("officer", officer, jurisdiction="GB"),
        officer_2=make_user("officer-2", officer, jurisdiction="GB"),
        officer_de=make_user("officer-de", officer, jurisdiction="DE"),
        reviewer=make_user("reviewer", Role.HUMAN_RIGHTS_REVIEWER, jurisdiction="GB"),
        member=make_user("member", Role.COMPANY_MEMBER, organisation="demo-exporter"),
        member_b=make_user("member-b", Role.COMPANY_MEMBER, organisation="demo-exporter-b"),
    )


def statement() -> SimpleUploadedFile:
    return SimpleUploadedFile("end-use.pdf", blank_pdf(), "application/pdf")


def complete_draft(world: World, *, technology: Technology | None = None) -> Application:
    app = actions.create_application(world.exporter, actor=world.member)
    actions.update_draft(
        app,
        {
            "destination_id": "AE",
            "end_use": "Lawful interception by the telecoms regulator.",
            "declaration_accurate": True,
            "declaration_conditions": True,
        },
        actor=world.member,
    )
    line = {
        "technology": technology or world.interceptor,
        "control_code": "5A001j",
        "quantity": 2,
        "value": Decimal("125000.00"),
        "currency": "GBP",
    }
    actions.add_line(app, line, actor=world.member)
    for role, name in [("consignee", "Gulf Telecom Trading"), ("end_user", "Telecom Regulator")]:
        party = {"role": role, "name": name, "kind": "government", "jurisdiction_id": "AE"}
        actions.add_party(app, party, actor=world.member)
    actions.attach_end_use_statement(app, statement(), actor=world.member)
    return Application.objects.get(pk=app.pk)


def criteria(rating: str = "meets") -> list[dict[str, Any]]:
    return [
        {"criterion": c, "rating": rating, "reasoning": f"{c} assessed.", "evidence": []}
        for c in CRITERIA
    ]


def later(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)
