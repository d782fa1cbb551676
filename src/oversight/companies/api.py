"""API writes of a company's members to its own compliance record, and its UNGP check."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from oversight.accounts.api_auth import token_auth
from oversight.companies import access, actions, rules
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


class ErrorsOut(Schema):
    detail: str
    errors: dict[str, list[str]]


Result = Status[CreatedOut] | Status[ErrorsOut]


def _refused(error: ValidationError) -> Status[ErrorsOut]:
    errors = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
    return Status(400, ErrorsOut(detail="Refused; nothing was saved.", errors=errors))


def _product(company: Organisation, slug: str | None, field: str) -> Technology | None:
    if slug is None:
        return None
    found = Technology.objects.filter(vendor=company, slug=slug).first()
    if found is None:
        raise ValidationError({field: [f"{slug!r} is not a product of {company}."]})
    return found


def _organisation(slug: str | None) -> Organisation | None:
    if slug is None:
        return None
    found = Organisation.objects.filter(slug=slug).first()
    if found is None:
        raise ValidationError({"end_user": [f"No organisation {slug!r} in the registry."]})
    return found


def _created(write: Any) -> Result:
    try:
        row = write()
    except ValidationError as error:
        return _refused(error)
    return Status(201, CreatedOut(id=row.pk))


@router.post("/companies/{slug}/commitments", response={201: CreatedOut, 400: ErrorsOut})
def post_commitment(request: HttpRequest, slug: str, body: CommitmentIn) -> Result:
    """File a public human rights commitment."""
    company = access.get_company_for_user(request.auth, slug)  # type: ignore[attr-defined]
    return _created(
        lambda: actions.file_commitment(company, **body.dict(), actor=request.auth)  # type: ignore[attr-defined]
    )


@router.post("/companies/{slug}/due-diligence", response={201: CreatedOut, 400: ErrorsOut})
def post_due_diligence(request: HttpRequest, slug: str, body: DueDiligenceIn) -> Result:
    """Record product due diligence for one of the company's products."""
    company = access.get_company_for_user(request.auth, slug)  # type: ignore[attr-defined]

    def write() -> Any:
        technology = _product(company, body.technology, "technology")
        assert technology is not None
        fields = body.dict(exclude={"technology"})
        return actions.record_due_diligence(
            company,
            technology=technology,
            **fields,
            actor=request.auth,  # type: ignore[attr-defined]
        )

    return _created(write)


@router.post("/companies/{slug}/safeguards", response={201: CreatedOut, 400: ErrorsOut})
def post_safeguard(request: HttpRequest, slug: str, body: SafeguardIn) -> Result:
    """Record contractual safeguards, for one product or all of them."""
    company = access.get_company_for_user(request.auth, slug)  # type: ignore[attr-defined]

    def write() -> Any:
        technology = _product(company, body.technology, "technology")
        fields = body.dict(exclude={"technology"})
        return actions.record_safeguard(
            company,
            technology=technology,
            **fields,
            actor=request.auth,  # type: ignore[attr-defined]
        )

    return _created(write)


@router.post("/companies/{slug}/misuse-reports", response={201: CreatedOut, 400: ErrorsOut})
def post_misuse(request: HttpRequest, slug: str, body: MisuseIn) -> Result:
    """Report misuse of the company's products that it detected."""
    company = access.get_company_for_user(request.auth, slug)  # type: ignore[attr-defined]

    def write() -> Any:
        technology = _product(company, body.technology, "technology")
        end_user = _organisation(body.end_user)
        fields = body.dict(exclude={"technology", "end_user"})
        return actions.report_misuse(
            company, technology=technology, end_user=end_user, **fields,
            actor=request.auth,  # type: ignore[attr-defined]
        )  # fmt: skip

    return _created(write)


@router.post(
    "/companies/{slug}/misuse-reports/{int:pk}/status",
    response={200: MisuseOut, 400: ErrorsOut},
)
def post_misuse_status(
    request: HttpRequest, slug: str, pk: int, body: StatusIn
) -> Status[MisuseOut] | Status[ErrorsOut]:
    """Move a misuse report on (investigation, substantiated, resolved …) with reasons."""
    report = access.get_misuse_report_for_user(request.auth, slug, pk)  # type: ignore[attr-defined]
    try:
        report = actions.change_misuse_status(
            report,
            **body.dict(),
            actor=request.auth,  # type: ignore[attr-defined]
        )
    except ValidationError as error:
        return _refused(error)
    return Status(200, MisuseOut.from_orm(report))


@router.get("/companies/{slug}/ungp", response=VerdictOut)
def get_ungp(request: HttpRequest, slug: str) -> VerdictOut:
    """The UN Guiding Principles check for all the company's products, as licensing runs it."""
    company = access.get_company_for_user(request.auth, slug)  # type: ignore[attr-defined]
    technologies = Technology.objects.filter(vendor=company)
    verdict = rules.ungp_compliance(company, technologies, today=timezone.localdate())
    return VerdictOut(ok=verdict.ok, reasons=verdict.messages)
