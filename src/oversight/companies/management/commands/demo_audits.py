"""oversight demo_audits: a standard of conduct and one audit. Idempotent; run by `oversight demo`.

The demo standards body seats one member per constituency (industry, civil society,
States), who adopt version 1 of a standard derived from A/HRC/41/35 paras 67(a)-(c).
Demo Audit Partners is accredited; its auditor audits demo-exporter, finds one minor
nonconformity, and the company's corrective action stays open: demo-exporter-b is not
audited. Needs the demo users (run after them).
"""

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from oversight.accounts.models import User
from oversight.companies import actions
from oversight.companies.models import AuditFirm, Engagement, Standard, StandardVersion
from oversight.registry.models import Organisation, Technology

BODY = "demo-standards-body"
SEATS = (
    ("demo-standards", "industry"),
    ("demo-standards-cs", "civil_society"),
    ("demo-standards-state", "state"),
)
STANDARD = "surveillance-industry-code"
REQUIREMENTS = (
    ("C1", "The company publishes a human rights commitment, approved at the highest level.",
     "States the company's responsibility to respect human rights across its products, "
     "with a public URL, a date and a signatory.", "67(a)"),
    ("D1", "The company carries out human rights due diligence per product and per stage: "
     "design, development, sale and servicing.",
     "Risks per right (privacy, expression, assembly, non-discrimination, life and "
     "security), likelihood, severity and mitigation; reviewed at least yearly.", "67(b)"),
    ("K1", "Every customer contract carries the human rights clauses.",
     "No customisation, targeting, servicing or use against international human rights "
     "law; audit rights; suspension and termination on misuse; end-use reporting.", "67(b)"),
    ("M1", "The company detects misuse of its products and reports it.",
     "Technical measures (audit logging by the customer, remote disable), and reports to "
     "the licensing authority or the UN working group.", "67(c)"),
    ("G1", "The company runs a grievance channel open to people affected by its products.",
     "Confidential, accessible from abroad, with published statistics.", "67(c)"),
    ("T1", "The company publishes a transparency report every year.",
     "Sales by destination and technology, sales refused, customers suspended, misuse "
     "reports, grievances and government requests.", "67(a)"),
)  # fmt: skip
MINOR = "M1"


def _user(username: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"{username} is missing: run `oversight demo` (it makes the users).")
    return user


def _standard(body: Organisation, members: list[User]) -> StandardVersion:
    standard = Standard.objects.filter(slug=STANDARD).first()
    if standard is not None:
        return standard.versions.order_by("number").get(number=1)
    version = actions.create_standard(
        body,
        slug=STANDARD,
        title="Human rights code of conduct for the surveillance industry (demo)",
        scope="Companies that develop, sell or service surveillance technology.",
        actor=members[0],
    )
    for identifier, text, guidance, recommendation in REQUIREMENTS:
        actions.add_requirement(
            version, identifier=identifier, text=text, guidance=guidance,
            recommendation=recommendation, actor=members[0],
        )  # fmt: skip
    for member in members:
        actions.cast_vote(version, choice="for", actor=member)
    return actions.adopt_version(version, actor=members[1])


def _firm(body: Organisation, member: User, today: Any) -> AuditFirm:
    firm = AuditFirm.objects.filter(organisation__slug="demo-auditor").first()
    return firm or actions.accredit_firm(
        Organisation.objects.get(slug="demo-auditor"), body=body, reference="DEMO-ACC-001",
        accredited_on=today - timedelta(days=200), accredited_until=today + timedelta(days=900),
        actor=member,
    )  # fmt: skip


def _audit(version: StandardVersion, firm: AuditFirm, today: Any) -> Engagement:
    company = Organisation.objects.get(slug="demo-exporter")
    found = Engagement.objects.filter(company=company, version=version).first()
    if found is not None:
        return found
    member, auditor = _user("demo-company"), _user("demo-auditor")
    row = actions.open_engagement(
        company, firm=firm, auditor=auditor, version=version,
        products=list(Technology.objects.filter(vendor=company).order_by("pk")),
        period_start=today - timedelta(days=365), period_end=today - timedelta(days=1),
        access_until=today + timedelta(days=90),
        sample_cases=["Contract with a Gulf interior ministry (demo)", "Servicing visit (demo)"],
        actor=member,
    )  # fmt: skip
    row = actions.declare_independence(
        row,
        statement="Neither I nor Demo Audit Partners has advised, sold to or been paid by "
        "Demo Exporter Ltd in the last five years, other than for this audit.",
        actor=auditor,
    )
    for requirement in version.requirements.all():
        minor = requirement.identifier == MINOR
        finding = actions.record_finding(
            row, requirement=requirement, result="minor" if minor else "conforms",
            evidence=(
                "Misuse detection covers one product of two; no remote-disable test on file."
                if minor else "Documents and one sample case reviewed (demo)."
            ),
            actor=auditor,
        )  # fmt: skip
        if minor:
            actions.plan_corrective_action(
                finding, description="Extend misuse detection and test remote disable on "
                "every product.", owner="Head of compliance", due_on=today + timedelta(days=45),
                actor=member,
            )  # fmt: skip
    return actions.publish_summary(
        row,
        summary="Demo Exporter Ltd conforms to five of six requirements. One minor "
        "nonconformity (misuse detection), with a corrective action due in 45 days.",
        actor=auditor,
    )


class Command(BaseCommand):
    help = "A demo standard of conduct, adopted, and one published audit (needs the demo users)."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        body = Organisation.objects.get(slug=BODY)
        members = [_user(username) for username, _c in SEATS]
        for user, (_username, constituency) in zip(members, SEATS, strict=True):
            actions.seat_member(body, user, constituency=constituency, actor=None)
        version = _standard(body, members)
        firm = _firm(body, members[0], today)
        engagement = _audit(version, firm, today)
        self.stdout.write(f"{version}: adopted; audit #{engagement.pk} of demo-exporter published")
