"""Demo due diligence, contracts and commitment versions, through the real actions.

demo-exporter: a second, signed version of its commitment; every stage of every product
assessed and current; contracts to AE that carry every required clause, and one to MX
that lacks the suspension clause (its coverage shows 1/2). demo-exporter-b: one sale
assessment whose yearly review is overdue, and a contract to SA without audit rights.
Idempotent: nothing is written when the company already has the rows.
"""

from datetime import date, timedelta

from oversight.companies import actions, rules
from oversight.companies.models import (
    REQUIRED_CLAUSES,
    Clause,
    CustomerContract,
    HumanRightsCommitment,
    Right,
    Stage,
    StageAssessment,
)
from oversight.registry.models import Jurisdiction, Organisation, Technology

POLICY = (
    "We respect the human rights of everyone our products may affect. We assess each "
    "product at every stage, refuse customers who would misuse it, and suspend those who do."
)
MITIGATIONS = {
    Right.PRIVACY: "Retention limited to 30 days; the customer's queries are logged.",
    Right.EXPRESSION: "Journalists and their sources are excluded target types.",
    Right.ASSEMBLY: "No bulk collection at demonstrations: geofenced out.",
    Right.NON_DISCRIMINATION: "No targeting by ethnicity, religion or political opinion.",
    Right.LIFE_SECURITY: "Remote disable on any credible report of misuse.",
}


def _risks(level: int) -> list[rules.RiskIn]:
    return [rules.RiskIn(r.value, level, level + 1, MITIGATIONS[r]) for r in Right]


def _second_version(company: Organisation, today: date) -> None:
    if HumanRightsCommitment.objects.filter(company=company).count() >= 2:
        return
    actions.file_commitment(
        company,
        url=f"https://example.org/{company.slug}/human-rights-policy-v2.pdf",
        text=POLICY,
        signatory="Chief Executive Officer (demo)",
        adopted_on=today - timedelta(days=20),
        actor=None,
    )


def _assess(company: Organisation, technology: Technology, stage: str, on: date) -> None:
    actions.record_assessment(
        company,
        technology=technology,
        stage=stage,
        assessed_on=on,
        review_by=on + timedelta(days=365),
        summary=f"{Stage(stage).label} of {technology.name}: risks rated per right (demo).",
        features=["customer_audit_logging", "geofencing", "remote_disable"],
        risks=_risks(2),
        consultations=[
            rules.ConsultationIn(
                "A digital rights organisation (demo)",
                on - timedelta(days=10),
                "Target-type restrictions added to the sale terms.",
            )
        ],
        actor=None,
    )


def _contract(
    company: Organisation, technology: Technology, to: str, clauses: list[str], today: date
) -> None:
    actions.register_contract(
        company,
        technology=technology,
        customer=f"Demo customer in {to}",
        destination=Jurisdiction.objects.get(code=to),
        signed_on=today - timedelta(days=120),
        clauses=clauses,
        actor=None,
    )


def load(company: Organisation, complete: bool, today: date) -> None:
    # The published products first: their record is what the public page shows.
    products = list(Technology.objects.filter(vendor=company).order_by("-published", "slug"))
    if not products:
        return
    if complete:
        _second_version(company, today)
    if not StageAssessment.objects.filter(company=company).exists():
        if complete:
            for technology in products:
                for stage in Stage.values:
                    _assess(company, technology, stage, today - timedelta(days=30))
        else:
            _assess(company, products[0], Stage.SALE, today - timedelta(days=400))
    if not CustomerContract.objects.filter(company=company).exists():
        full = [*REQUIRED_CLAUSES, Clause.END_USE_REPORTING]
        if complete:
            _contract(company, products[0], "AE", full, today)
            _contract(company, products[0], "AE", full, today)
            _contract(company, products[0], "MX", full, today)
            _contract(
                company, products[0], "MX", [Clause.PROHIBITED_USE, Clause.AUDIT_RIGHTS], today
            )
        else:
            _contract(
                company, products[0], "SA", [Clause.PROHIBITED_USE, Clause.SUSPENSION], today
            )
