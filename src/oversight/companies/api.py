"""API writes of a company's members to its own compliance record, and its UNGP check."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from oversight.accounts.api_auth import ApiRequest, token_auth
from oversight.companies import access, actions, rules
from oversight.companies.models import MisuseReport
from oversight.registry.access import technologies_for_user
from oversight.registry.models import Organisation, Technology

router = Router(tags=["companies (company members)"], auth=token_auth)


class CommitmentIn(Schema):
    url: str
    adopted_on: date
    last_reviewed_on: date | None = None


class DueDiligenceIn(Schema):
    technology: str  # the product's slug
    summary: str
    url: str = ""
    completed_on: date
    valid_until: date


class SafeguardIn(Schema):
    technology: str | None = None  # none: all products
    description: str
    in_effect_since: date


class MisuseIn(Schema):
    technology: str | None = None
    end_user: str | None = None  # an organisation's slug
    end_user_text: str = ""
    description: str
    reported_on: date | None = None


class StatusIn(Schema):
    status: str
    reasons: list[str]
    resolution: str = ""


class CreatedOut(Schema):
    id: int


class MisuseOut(Schema):
    id: int
    status: str
    resolution: str
    resolved_on: date | None


class VerdictOut(Schema):
    ok: bool
    reasons: list[str]


def _product(request: ApiRequest, company: Organisation, slug: str | None) -> Technology | None:
    """One of the company's own products (drafts too), or a refusal naming `technology`."""
    if slug is None:
        return None
    found = technologies_for_user(request.auth).filter(vendor=company, slug=slug).first()
    if found is None:
        message = _("“%(slug)s” is not a product of %(company)s.")
        raise ValidationError({"technology": [message % {"slug": slug, "company": company}]})
    return found


def _organisation(slug: str | None) -> Organisation | None:
    if slug is None:
        return None
    found = Organisation.objects.filter(slug=slug).first()
    if found is None:
        message = _("No organisation “%(slug)s” in the registry.")
        raise ValidationError({"end_user": [message % {"slug": slug}]})
    return found


def _created(row: Model) -> Status[CreatedOut]:
    return Status(201, CreatedOut(id=row.pk))


@router.post("/companies/{slug}/commitments", response={201: CreatedOut})
def post_commitment(request: ApiRequest, slug: str, body: CommitmentIn) -> Status[CreatedOut]:
    """File a public human rights commitment."""
    company = access.get_company_for_user(request.auth, slug)
    return _created(actions.file_commitment(company, **body.dict(), actor=request.auth))


@router.post("/companies/{slug}/due-diligence", response={201: CreatedOut})
def post_due_diligence(request: ApiRequest, slug: str, body: DueDiligenceIn) -> Status[CreatedOut]:
    """Record product due diligence for one of the company's products."""
    company = access.get_company_for_user(request.auth, slug)
    technology = _product(request, company, body.technology)
    assert technology is not None  # the schema requires it
    fields = body.dict(exclude={"technology"})
    row = actions.record_due_diligence(
        company, technology=technology, **fields, actor=request.auth
    )
    return _created(row)


@router.post("/companies/{slug}/safeguards", response={201: CreatedOut})
def post_safeguard(request: ApiRequest, slug: str, body: SafeguardIn) -> Status[CreatedOut]:
    """Record contractual safeguards, for one product or all of them."""
    company = access.get_company_for_user(request.auth, slug)
    technology = _product(request, company, body.technology)
    fields = body.dict(exclude={"technology"})
    return _created(
        actions.record_safeguard(company, technology=technology, **fields, actor=request.auth)
    )


@router.post("/companies/{slug}/misuse-reports", response={201: CreatedOut})
def post_misuse(request: ApiRequest, slug: str, body: MisuseIn) -> Status[CreatedOut]:
    """Report misuse of the company's products that it detected."""
    company = access.get_company_for_user(request.auth, slug)
    technology = _product(request, company, body.technology)
    end_user = _organisation(body.end_user)
    fields = body.dict(exclude={"technology", "end_user"})
    row = actions.report_misuse(
        company, technology=technology, end_user=end_user, **fields, actor=request.auth
    )
    return _created(row)


@router.post("/companies/{slug}/misuse-reports/{int:pk}/status", response=MisuseOut)
def post_misuse_status(request: ApiRequest, slug: str, pk: int, body: StatusIn) -> MisuseReport:
    """Move a misuse report on (investigation, substantiated, resolved …) with reasons."""
    report = access.get_misuse_report_for_user(request.auth, slug, pk)
    return actions.change_misuse_status(report, **body.dict(), actor=request.auth)


@router.get("/companies/{slug}/ungp", response=VerdictOut)
def get_ungp(request: ApiRequest, slug: str) -> VerdictOut:
    """The UN Guiding Principles check for all the company's products, as licensing runs it."""
    company = access.get_company_for_user(request.auth, slug)
    technologies = technologies_for_user(request.auth).filter(vendor=company)
    verdict = rules.ungp_compliance(company, technologies, today=timezone.localdate())
    return VerdictOut(ok=verdict.ok, reasons=verdict.messages)
