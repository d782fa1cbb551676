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
    text: str = ""
    signatory: str = ""


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
    addressed_to: str = ""  # authority (the default when the company has a State) | working_group


class InformationIn(Schema):
    text: str


class StatusIn(Schema):
    status: str
    reasons: list[str]
    resolution: str = ""


class CreatedOut(Schema):
    id: int


class MisuseOut(Schema):
    id: int
    status: str
    status_reasons: list[str]
    resolution: str
    resolved_on: date | None


class AssessmentOut(MisuseOut):
    company: str
    addressed_to: str
    technology: str | None
    end_user: str
    description: str
    reported_on: date
    information: list[dict[str, str]]

    @staticmethod
    def resolve_company(report: MisuseReport) -> str:
        return report.company.slug

    @staticmethod
    def resolve_technology(report: MisuseReport) -> str | None:
        return report.technology.slug if report.technology else None

    @staticmethod
    def resolve_end_user(report: MisuseReport) -> str:
        return report.end_user_label


class ElementOut(Schema):
    key: str
    label: str
    ok: bool
    reason: str
    link: str


class VerdictOut(Schema):
    ok: bool
    reasons: list[str]
    elements: list[ElementOut]


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
    """Refused for a company, naming `status`: its report is assessed by the body it is
    addressed to (`/api/v1/misuse-reports/{pk}/assessment`); it can add information."""
    report = access.get_misuse_report_for_user(request.auth, slug, pk)
    return actions.change_misuse_status(report, **body.dict(), actor=request.auth)


@router.post("/companies/{slug}/misuse-reports/{int:pk}/information", response=MisuseOut)
def post_misuse_information(
    request: ApiRequest, slug: str, pk: int, body: InformationIn
) -> MisuseReport:
    """Add information to one of the company's misuse reports (the status stays the body's)."""
    report = access.get_misuse_report_for_user(request.auth, slug, pk)
    return actions.add_misuse_information(report, text=body.text, actor=request.auth)


assessing = Router(tags=["companies (assessing body)"], auth=token_auth)


@assessing.get("/misuse-reports", response=list[AssessmentOut])
def get_assessments(request: ApiRequest) -> list[MisuseReport]:
    """The misuse reports addressed to the user's body: the licensing authority of the
    companies' State (its licensing officers) or the UN working group (its analysts)."""
    return list(access.misuse_reports_for_assessor(request.auth).order_by("-reported_on", "-pk"))


# {pk}, not {int:pk}: a negative id would fall through to the dataset's record route (405).
@assessing.post("/misuse-reports/{pk}/assessment", response=AssessmentOut)
def post_assessment(request: ApiRequest, pk: int, body: StatusIn) -> MisuseReport:
    """The body's decision: investigate, substantiate, find unsubstantiated or resolve,
    with reasons (published with the report); only its resolution lifts the approval block."""
    report = access.get_misuse_report_for_assessor(request.auth, pk)
    actions.change_misuse_status(report, **body.dict(), actor=request.auth)
    return access.get_misuse_report_for_assessor(request.auth, pk)


router.add_router("/", assessing)


@router.get("/companies/{slug}/ungp", response=VerdictOut)
def get_ungp(request: ApiRequest, slug: str) -> VerdictOut:
    """The UN Guiding Principles check for all the company's products, as licensing runs it:
    every element with its reason and link (the failing ones' reasons in `reasons`)."""
    company = access.get_company_for_user(request.auth, slug)
    technologies = technologies_for_user(request.auth).filter(vendor=company)
    elements = rules.ungp_elements(company, technologies, today=timezone.localdate())
    return VerdictOut(
        ok=all(e.ok for e in elements),
        reasons=[e.reason for e in elements if not e.ok],
        elements=[ElementOut(**vars(e)) for e in elements],
    )
