"""The only way views and the API reach a company's compliance record: its own members,
and the misuse reports addressed to an assessing body: its licensing officers (for the
companies of their State) or the working group's analysts.

A member of another company, or an officer of another State, gets the same 404 as for
a record that does not exist.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, Q, QuerySet
from django.http import Http404

from oversight.accounts.access import (
    AnyUser,
    assignments_of,
    has_role,
    jurisdiction_ids_for,
    organisation_ids_for,
)
from oversight.accounts.models import Role
from oversight.companies.models import (
    AuditFirm,
    ContractualSafeguard,
    CorrectiveAction,
    CustomerContract,
    CustomerContractQuerySet,
    DueDiligence,
    Engagement,
    MisuseReport,
    MisuseReportQuerySet,
    StageAssessment,
    StandardsMember,
    StandardVersion,
)
from oversight.registry.access import organisations_for
from oversight.registry.models import Organisation, Technology, TechnologyQuerySet


def companies_for_user(user: AnyUser) -> QuerySet[Organisation]:
    return organisations_for(user, Role.COMPANY_MEMBER).filter(kind=Organisation.Kind.COMPANY)


def get_company_for_user(user: AnyUser, slug: str) -> Organisation:
    company = companies_for_user(user).filter(slug=slug).first()
    if company is None:
        raise Http404
    return company


def technologies_of(company: Organisation) -> TechnologyQuerySet:
    """The technologies of a company reached through these helpers, drafts included."""
    return Technology.objects.filter(vendor=company)


def misuse_reports_of(company: Organisation) -> QuerySet[MisuseReport]:
    """The misuse reports of a company reached through these helpers."""
    return MisuseReport.objects.filter(company=company)


def contracts_of(company: Organisation) -> CustomerContractQuerySet:
    """The contract register of a company reached through these helpers (customers are
    confidential: only its members get here)."""
    return CustomerContract.objects.filter(company=company)


def assessments_of(company: Organisation) -> QuerySet[StageAssessment]:
    """A company's stage assessments (a draft product's too), for its members."""
    return StageAssessment.objects.filter(company=company)


def get_misuse_report_for_user(user: AnyUser, slug: str, pk: int) -> MisuseReport:
    company = get_company_for_user(user, slug)
    report = MisuseReport.objects.filter(company=company, pk=pk).first()
    if report is None:
        raise Http404
    return report


def misuse_reports_for_assessor(user: AnyUser) -> MisuseReportQuerySet:
    """The misuse reports addressed to a body the user works for."""
    to_authority = Q(
        addressed_to=MisuseReport.Addressee.AUTHORITY,
        company__jurisdiction__in=jurisdiction_ids_for(user, Role.LICENSING_OFFICER),
    )
    # One query, also for the dashboard's count: the analyst role as a subquery.
    analyst = Exists(assignments_of(user).filter(role=Role.ANALYST))
    to_working_group = Q(Q(addressed_to=MisuseReport.Addressee.WORKING_GROUP), analyst)
    rows = MisuseReport.objects.filter(to_authority | to_working_group)
    return rows.select_related("company", "company__jurisdiction", "technology", "end_user")


def get_misuse_report_for_assessor(user: AnyUser, pk: int) -> MisuseReport:
    report = misuse_reports_for_assessor(user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


# Audits (models/audits.py). An engagement is reached by the company's members and by its
# lead auditor while they are a named auditor of the firm; nobody else, and the same 404.


def engagements_for_user(user: AnyUser) -> QuerySet[Engagement]:
    as_company = Q(company__in=organisation_ids_for(user, Role.COMPANY_MEMBER))
    as_auditor = Q(
        auditor_id=user.pk, firm__organisation__in=organisation_ids_for(user, Role.AUDITOR)
    )
    if not user.is_authenticated:
        return Engagement.objects.none()
    rows = Engagement.objects.filter(as_company | as_auditor)
    return rows.select_related("company", "firm__organisation", "auditor", "version__standard")


def corrective_actions_in(engagements: QuerySet[Engagement]) -> QuerySet[CorrectiveAction]:
    """The corrective actions of these engagements (already scoped to the user)."""
    return CorrectiveAction.objects.filter(finding__engagement__in=engagements)


def drafts_to_vote_on(user: AnyUser) -> QuerySet[StandardVersion]:
    """Draft versions of the standards of `user`'s bodies that they have not voted on."""
    seats = seats_of(user)
    drafts = StandardVersion.objects.filter(
        standard__body__in=seats.values("body"), status=StandardVersion.Status.DRAFT
    )
    return drafts.exclude(votes__member__in=seats)


def get_engagement_for_user(user: AnyUser, pk: int) -> Engagement:
    found = engagements_for_user(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def is_engagement_auditor(user: AnyUser, engagement: Engagement) -> bool:
    return bool(user.is_authenticated and engagement.auditor_id == user.pk) and has_role(
        user, Role.AUDITOR, organisation=engagement.firm.organisation
    )


def get_corrective_action_for_user(user: AnyUser, pk: int) -> CorrectiveAction:
    found = (
        CorrectiveAction.objects.filter(finding__engagement__in=engagements_for_user(user), pk=pk)
        .select_related("finding__engagement", "finding__requirement")
        .first()
    )
    if found is None:
        raise Http404
    return found


def overdue_action_ids(engagement: Engagement, today: date) -> set[int]:
    """The engagement's corrective actions past their deadline and not verified."""
    rows = CorrectiveAction.objects.filter(finding__engagement=engagement).overdue(today)
    return set(rows.values_list("pk", flat=True))


def published_engagement(company_slug: str, pk: int) -> Engagement | None:
    """A published audit of the company (public), e.g. the one a re-audit follows."""
    return Engagement.objects.published().filter(company__slug=company_slug, pk=pk).first()


def auditor_may_see(user: AnyUser, engagement: Engagement, today: date) -> bool:
    """The auditor's access to the company's non-public record: only the engagement's lead
    auditor, after declaring independence, until `access_until`, never once withdrawn."""
    return (
        is_engagement_auditor(user, engagement)
        and engagement.independence_declared_at is not None
        and engagement.status in (Engagement.Status.FIELDWORK, Engagement.Status.PUBLISHED)
        and today <= engagement.access_until
    )


@dataclass(frozen=True)
class Evidence:
    due_diligence: QuerySet[DueDiligence]
    safeguards: QuerySet[ContractualSafeguard]
    misuse_reports: QuerySet[MisuseReport]


def evidence_for_auditor(user: AnyUser, engagement: Engagement, today: date) -> Evidence:
    """What the auditor sees of the company's non-public record: the products in scope and
    the audited period only, and only while access lasts (otherwise nothing at all)."""
    if not auditor_may_see(user, engagement, today):
        return Evidence(
            DueDiligence.objects.none(),
            ContractualSafeguard.objects.none(),
            MisuseReport.objects.none(),
        )
    products = engagement.products.values("pk")
    start, end = engagement.period_start, engagement.period_end
    company = engagement.company
    return Evidence(
        DueDiligence.objects.filter(
            company=company, technology__in=products, completed_on__lte=end, valid_until__gte=start
        ).select_related("technology"),
        ContractualSafeguard.objects.filter(company=company, in_effect_since__lte=end)
        .filter(Q(technology__in=products) | Q(technology=None))
        .select_related("technology"),
        MisuseReport.objects.filter(
            company=company, technology__in=products, reported_on__range=(start, end)
        ).select_related("technology", "end_user"),
    )


# Standards: a standards body's members reach its standards' drafts and votes.


def seats_of(user: AnyUser) -> QuerySet[StandardsMember]:
    """The user's seats on standards bodies, while they hold the role in that body."""
    if not user.is_authenticated or user.pk is None:
        return StandardsMember.objects.none()
    return StandardsMember.objects.filter(
        user_id=user.pk, body__in=organisation_ids_for(user, Role.STANDARDS_MEMBER)
    ).select_related("body")


def seat_for(user: AnyUser, body: Organisation) -> StandardsMember | None:
    return seats_of(user).filter(body=body).first()


def get_version(slug: str, number: int) -> StandardVersion:
    found = (
        StandardVersion.objects.filter(standard__slug=slug, number=number)
        .select_related("standard__body")
        .first()
    )
    if found is None:
        raise Http404
    return found


def is_auditor(user: AnyUser) -> bool:
    return assignments_of(user).filter(role=Role.AUDITOR).exists()


def bodies_of(user: AnyUser) -> QuerySet[Organisation]:
    """The standards bodies the user has a seat on (while holding the role there)."""
    return Organisation.objects.filter(pk__in=seats_of(user).values("body_id"))


def accredited_firms() -> QuerySet[AuditFirm]:
    return AuditFirm.objects.select_related("organisation", "accredited_by")
