"""The only way views and the API reach a company's compliance record: its own members,
and the misuse reports addressed to an assessing body: its licensing officers (for the
companies of their State) or the working group's analysts.

A member of another company, or an officer of another State, gets the same 404 as for
a record that does not exist.
"""

from django.db.models import Exists, Q, QuerySet
from django.http import Http404

from oversight.accounts.access import AnyUser, assignments_of, jurisdiction_ids_for
from oversight.accounts.models import Role
from oversight.companies.models import (
    CustomerContract,
    CustomerContractQuerySet,
    MisuseReport,
    MisuseReportQuerySet,
    StageAssessment,
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
