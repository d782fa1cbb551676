"""A standards body, an adopted standard, an accredited firm and its auditors, for the tests."""

from dataclasses import dataclass
from datetime import date

from oversight.accounts.models import Role, User
from oversight.accounts.tests.helpers import make_user
from oversight.companies import actions
from oversight.companies.models import AuditFirm, Engagement, StandardVersion
from oversight.registry.models import Organisation, Technology

REQUIREMENTS = (
    ("C1", "A human rights commitment is published.", "67(a)"),
    ("D1", "Due diligence is carried out per product and stage.", "67(b)"),
)


@dataclass
class Audits:
    body: Organisation
    members: list[User]
    version: StandardVersion
    firm: AuditFirm
    auditor: User
    colleague: User  # a named auditor of the same firm, not on the engagement
    other_auditor: User  # of another firm


def standards_body() -> tuple[Organisation, list[User]]:
    body = Organisation.objects.create(slug="sb", name="Standards Body", kind="oversight_body")
    members = []
    for name, constituency in (("ivy", "industry"), ("cyd", "civil_society"), ("sam", "state")):
        user = make_user(name, Role.STANDARDS_MEMBER, organisation="sb")
        actions.seat_member(body, user, constituency=constituency, actor=None)
        members.append(user)
    return body, members


def adopted_standard(body: Organisation, members: list[User]) -> StandardVersion:
    version = actions.create_standard(body, slug="code", title="Code", actor=members[0])
    for identifier, text, recommendation in REQUIREMENTS:
        actions.add_requirement(
            version, identifier=identifier, text=text, recommendation=recommendation,
            actor=members[0],
        )  # fmt: skip
    for member in members:
        actions.cast_vote(version, choice="for", actor=member)
    return actions.adopt_version(version, actor=members[1])


def build(today: date) -> Audits:
    body, members = standards_body()
    version = adopted_standard(body, members)
    Organisation.objects.create(slug="firm", name="Firm LLP", kind="auditor")
    Organisation.objects.create(slug="firm-2", name="Other Firm", kind="auditor")
    firm = actions.accredit_firm(
        Organisation.objects.get(slug="firm"), body=body, reference="ACC-1",
        accredited_on=date(2025, 1, 1), accredited_until=date(2030, 1, 1), actor=members[0],
    )  # fmt: skip
    return Audits(
        body,
        members,
        version,
        firm,
        make_user("aud", Role.AUDITOR, organisation="firm"),
        make_user("col", Role.AUDITOR, organisation="firm"),
        make_user("oth", Role.AUDITOR, organisation="firm-2"),
    )


def engagement(
    world: Audits, company: Organisation, member: User, products: list[Technology], **more: object
) -> Engagement:
    fields: dict[str, object] = {
        "firm": world.firm,
        "auditor": world.auditor,
        "version": world.version,
        "products": products,
        "period_start": date(2025, 1, 1),
        "period_end": date(2025, 12, 31),
        "access_until": date(2026, 6, 30),
        "sample_cases": ["Contract 2025-07 with State Security"],
    } | more
    return actions.open_engagement(company, **fields, actor=member)  # type: ignore[arg-type]
