"""API of a company's members: its contract register and its stage assessments.

The register (with the customers) is the company's own; the public sees only the clause
coverage (the `clause-coverage` dataset) and the assessments' datasets.
"""

from datetime import date

from ninja import Router, Schema, Status

from oversight.accounts.api_auth import ApiRequest, token_auth
from oversight.companies import access, actions, rules
from oversight.companies.api import CreatedOut, _product
from oversight.companies.models import CustomerContract
from oversight.registry.models import Jurisdiction

router = Router(tags=["companies (company members)"], auth=token_auth)


class ContractIn(Schema):
    technology: str  # the product's slug
    customer: str  # confidential
    destination: str  # the customer's country, ISO code
    signed_on: date
    clauses: list[str]  # codes of the clause library


class ContractOut(Schema):
    id: int
    technology: str
    customer: str
    destination: str
    signed_on: date
    clauses: list[str]

    @staticmethod
    def resolve_technology(row: CustomerContract) -> str:
        return row.technology.slug

    @staticmethod
    def resolve_destination(row: CustomerContract) -> str:
        return row.destination_id


class RiskBody(Schema):
    right: str  # privacy | expression | assembly | non_discrimination | life_security
    likelihood: int  # 1 (low) to 4 (very high)
    severity: int
    mitigation: str


class ConsultationBody(Schema):
    held_with: str
    held_on: date
    outcome: str  # what changed because of it


class AssessmentBody(Schema):
    technology: str
    stage: str  # design | development | sale | servicing
    assessed_on: date
    review_by: date  # at most a year after assessed_on
    summary: str
    features: list[str] = []  # codes of the human-rights-by-design taxonomy
    risks: list[RiskBody]  # one per right, all five
    consultations: list[ConsultationBody] = []


def _country(code: str) -> Jurisdiction | None:
    """The country, or None: the action refuses it then, naming `destination` with the
    other problems of the request."""
    return Jurisdiction.objects.filter(code=code.upper()).first()


@router.post("/companies/{slug}/contracts", response={201: CreatedOut})
def post_contract(request: ApiRequest, slug: str, body: ContractIn) -> Status[CreatedOut]:
    """Register a customer contract and the clauses it carries (the customer stays
    confidential; the clause coverage per product and country is public)."""
    company = access.get_company_for_user(request.auth, slug)
    technology = _product(request, company, body.technology)
    assert technology is not None
    row = actions.register_contract(
        company,
        technology=technology,
        customer=body.customer,
        destination=_country(body.destination),
        signed_on=body.signed_on,
        clauses=body.clauses,
        actor=request.auth,
    )
    return Status(201, CreatedOut(id=row.pk))


@router.get("/companies/{slug}/contracts", response=list[ContractOut])
def get_contracts(request: ApiRequest, slug: str) -> list[CustomerContract]:
    """The company's contract register, customers included (its members only)."""
    company = access.get_company_for_user(request.auth, slug)
    return list(access.contracts_of(company).select_related("technology"))


@router.post("/companies/{slug}/assessments", response={201: CreatedOut})
def post_assessment(request: ApiRequest, slug: str, body: AssessmentBody) -> Status[CreatedOut]:
    """Record the due diligence of one product at one stage: a risk rating for each
    right, the human-rights-by-design features, the consultations held."""
    company = access.get_company_for_user(request.auth, slug)
    technology = _product(request, company, body.technology)
    assert technology is not None
    row = actions.record_assessment(
        company,
        technology=technology,
        stage=body.stage,
        assessed_on=body.assessed_on,
        review_by=body.review_by,
        summary=body.summary,
        features=body.features,
        risks=[rules.RiskIn(**risk.dict()) for risk in body.risks],
        consultations=[rules.ConsultationIn(**row.dict()) for row in body.consultations],
        actor=request.auth,
    )
    return Status(201, CreatedOut(id=row.pk))
