"""The API of standards governance and independent audits, under /api/v1/.

The company commissions an audit and answers nonconformities; the lead auditor declares
independence, records findings, verifies corrective actions and publishes the summary;
a standards body's members vote and adopt. Each action checks who acts (403); the rows
are reached through `access.py` (404 for "not there" and "not yours" alike).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from oversight.accounts.api_auth import ApiRequest, token_auth
from oversight.accounts.models import Role, User
from oversight.companies import access, actions
from oversight.companies.audit_status import audit_status_of
from oversight.companies.models import (
    AuditFirm,
    CorrectiveAction,
    Engagement,
    Finding,
    Requirement,
    StandardVersion,
    Vote,
)
from oversight.registry.models import Organisation

router = Router(tags=["companies (standards and audits)"], auth=token_auth)


class EngagementIn(Schema):
    company: str  # the company's slug
    firm: str  # the audit firm's slug
    auditor: str  # the lead auditor's username
    standard: str  # the standard's slug
    version: int
    products: list[str]  # the products' slugs
    period_start: date
    period_end: date
    access_until: date
    sample_cases: list[str] = []
    reaudit_of: int | None = None


class StatementIn(Schema):
    statement: str


class FindingIn(Schema):
    requirement: int  # the requirement's id (GET /audits/{pk} lists them)
    result: Finding.Result
    evidence: str


class PlanIn(Schema):
    finding: int
    description: str
    owner: str
    due_on: date


class NoteIn(Schema):
    note: str


class VerificationIn(Schema):
    accepted: bool
    note: str


class SummaryIn(Schema):
    summary: str


class VoteIn(Schema):
    choice: Vote.Choice


class CreatedOut(Schema):
    id: int


class ActionOut(Schema):
    id: int
    description: str
    owner: str
    due_on: date
    status: str
    overdue: bool
    completion_note: str
    verification_note: str
    verified_on: date | None

    @staticmethod
    def resolve_overdue(row: CorrectiveAction) -> bool:
        return row.overdue(timezone.localdate())


class FindingOut(Schema):
    id: int
    requirement: str
    result: str
    evidence: str
    actions: list[ActionOut]

    @staticmethod
    def resolve_requirement(row: Finding) -> str:
        return row.requirement.identifier

    @staticmethod
    def resolve_actions(row: Finding) -> list[CorrectiveAction]:
        return list(row.actions.all())


class RequirementOut(Schema):
    id: int
    identifier: str
    text: str
    recommendation: str


class EngagementOut(Schema):
    id: int
    company: str
    firm: str
    auditor: str
    standard: str
    version: int
    status: str
    products: list[str]
    period_start: date
    period_end: date
    access_until: date
    sample_cases: list[str]
    reaudit_of: int | None
    summary: str
    published_on: date | None
    requirements: list[RequirementOut]
    findings: list[FindingOut]

    @staticmethod
    def resolve_company(row: Engagement) -> str:
        return row.company.slug

    @staticmethod
    def resolve_firm(row: Engagement) -> str:
        return row.firm.organisation.slug

    @staticmethod
    def resolve_auditor(row: Engagement) -> str:
        return row.auditor.get_username()

    @staticmethod
    def resolve_standard(row: Engagement) -> str:
        return row.version.standard.slug

    @staticmethod
    def resolve_version(row: Engagement) -> int:
        return row.version.number

    @staticmethod
    def resolve_products(row: Engagement) -> list[str]:
        return [p.slug for p in row.products.all()]

    @staticmethod
    def resolve_reaudit_of(row: Engagement) -> int | None:
        return row.reaudit_of_id

    @staticmethod
    def resolve_requirements(row: Engagement) -> list[Requirement]:
        return list(row.version.requirements.all())

    @staticmethod
    def resolve_findings(row: Engagement) -> list[Finding]:
        return list(row.findings.select_related("requirement").prefetch_related("actions"))


class VersionOut(Schema):
    standard: str
    number: int
    status: str
    adopted_on: date | None
    adoption_votes: dict[str, list[str]]

    @staticmethod
    def resolve_standard(row: StandardVersion) -> str:
        return row.standard.slug


class VoteOut(Schema):
    choice: str


class AuditStatusOut(Schema):
    key: str
    label: str
    reason: str
    engagement: int | None


def _refuse(name: str, message: str) -> ValidationError:
    return ValidationError({name: [message]})


def _engagement_fields(company: Organisation, body: EngagementIn) -> dict[str, object]:
    """The rows the body names, or a refusal naming each field that names nothing."""
    errors: dict[str, list[str]] = {}
    firm = AuditFirm.objects.filter(organisation__slug=body.firm).first()
    auditor = User.objects.filter(username=body.auditor, roles__role=Role.AUDITOR).first()
    version = StandardVersion.objects.filter(
        standard__slug=body.standard, number=body.version
    ).first()
    products = list(access.technologies_of(company).filter(slug__in=body.products))
    reaudit = None
    if body.reaudit_of is not None:
        reaudit = access.published_engagement(company.slug, body.reaudit_of)
    foreign = len(products) != len(set(body.products))
    no_reaudit = body.reaudit_of is not None and reaudit is None
    for name, missing, message in (
        ("firm", firm is None, _("No accredited audit firm with that identifier.")),
        ("auditor", auditor is None, _("No auditor with that username.")),
        ("version", version is None, _("No version of that standard.")),
        ("products", foreign, _("Not all products of the company.")),
        ("reaudit_of", no_reaudit, _("No published audit of the company with that number.")),
    ):
        if missing:
            errors[name] = [message]
    if errors:
        raise ValidationError(errors)
    return {
        "firm": firm, "auditor": auditor, "version": version, "products": products,
        "period_start": body.period_start, "period_end": body.period_end,
        "access_until": body.access_until, "sample_cases": body.sample_cases,
        "reaudit_of": reaudit,
    }  # fmt: skip


@router.get("/audits", response=list[EngagementOut])
def get_audits(request: ApiRequest) -> list[Engagement]:
    """The engagements of the user's companies, and those the user leads as auditor."""
    return list(access.engagements_for_user(request.auth).order_by("-created_at")[:200])


@router.post("/audits", response={201: CreatedOut})
def post_audit(request: ApiRequest, body: EngagementIn) -> Status[CreatedOut]:
    """A company's member commissions an audit; every reason against it comes at once."""
    company = access.get_company_for_user(request.auth, body.company)
    row = actions.open_engagement(company, **_engagement_fields(company, body), actor=request.auth)  # type: ignore[arg-type]
    return Status(201, CreatedOut(id=row.pk))


@router.get("/audits/{int:pk}", response=EngagementOut)
def get_audit(request: ApiRequest, pk: int) -> Engagement:
    return access.get_engagement_for_user(request.auth, pk)


@router.post("/audits/{int:pk}/independence", response=EngagementOut)
def post_independence(request: ApiRequest, pk: int, body: StatementIn) -> Engagement:
    """The lead auditor's declaration of independence: fieldwork, and access, begin."""
    row = access.get_engagement_for_user(request.auth, pk)
    return actions.declare_independence(row, statement=body.statement, actor=request.auth)


@router.post("/audits/{int:pk}/findings", response=FindingOut)
def post_finding(request: ApiRequest, pk: int, body: FindingIn) -> Finding:
    """One finding per requirement of the audited version (again: it replaces it)."""
    row = access.get_engagement_for_user(request.auth, pk)
    requirement = Requirement.objects.filter(pk=body.requirement).first()
    if requirement is None:
        raise _refuse("requirement", _("No requirement with that id."))
    return actions.record_finding(
        row, requirement=requirement, result=body.result, evidence=body.evidence,
        actor=request.auth,
    )  # fmt: skip


@router.post("/audits/{int:pk}/corrective-actions", response={201: ActionOut})
def post_corrective_action(request: ApiRequest, pk: int, body: PlanIn) -> Status[CorrectiveAction]:
    """The company answers a nonconformity: the action, its owner, its deadline."""
    row = access.get_engagement_for_user(request.auth, pk)
    finding = row.findings.filter(pk=body.finding).first()
    if finding is None:
        raise _refuse("finding", _("No finding with that id in this audit."))
    plan = actions.plan_corrective_action(
        finding, description=body.description, owner=body.owner, due_on=body.due_on,
        actor=request.auth,
    )  # fmt: skip
    return Status(201, plan)


@router.post("/corrective-actions/{int:pk}/completion", response=ActionOut)
def post_completion(request: ApiRequest, pk: int, body: NoteIn) -> CorrectiveAction:
    """The company reports a corrective action done."""
    found = access.get_corrective_action_for_user(request.auth, pk)
    return actions.complete_corrective_action(found, note=body.note, actor=request.auth)


@router.post("/corrective-actions/{int:pk}/verification", response=ActionOut)
def post_verification(request: ApiRequest, pk: int, body: VerificationIn) -> CorrectiveAction:
    """The lead auditor verifies a corrective action, or reopens it."""
    found = access.get_corrective_action_for_user(request.auth, pk)
    return actions.verify_corrective_action(
        found, accepted=body.accepted, note=body.note, actor=request.auth
    )


@router.post("/audits/{int:pk}/publication", response=EngagementOut)
def post_publication(request: ApiRequest, pk: int, body: SummaryIn) -> Engagement:
    """The lead auditor publishes the summary (refused, naming what is missing)."""
    row = access.get_engagement_for_user(request.auth, pk)
    return actions.publish_summary(row, summary=body.summary, actor=request.auth)


def _version_for_member(request: ApiRequest, slug: str, number: int) -> StandardVersion:
    found = access.get_version(slug, number)
    if access.seat_for(request.auth, found.standard.body) is None:
        raise Http404
    return found


@router.post("/standards/{slug}/versions/{number}/votes", response=VoteOut)
def post_vote(request: ApiRequest, slug: str, number: int, body: VoteIn) -> Vote:
    """A standards body member's vote on a draft version."""
    found = _version_for_member(request, slug, number)
    return actions.cast_vote(found, choice=body.choice, actor=request.auth)


@router.post("/standards/{slug}/versions/{number}/adoption", response=VersionOut)
def post_adoption(request: ApiRequest, slug: str, number: int) -> StandardVersion:
    """Adopt a draft the votes carry; the answer (and the log) say who voted for it."""
    found = _version_for_member(request, slug, number)
    return actions.adopt_version(found, actor=request.auth)


@router.get("/companies/{slug}/audit-status", response=AuditStatusOut, auth=None)
def get_audit_status(request: ApiRequest, slug: str) -> AuditStatusOut:
    """Public: the company's audit status, derived from its latest published audit."""
    company = Organisation.objects.companies().filter(slug=slug).first()
    if company is None:
        raise Http404
    status = audit_status_of(company, timezone.localdate())
    return AuditStatusOut(**status.__dict__)
