"""The only way views and the API reach a company's compliance record: its own members.

A member of another company gets the same 404 as for a company that does not exist.
"""

from django.db.models import QuerySet
from django.http import Http404

from oversight.accounts.access import AnyUser
from oversight.accounts.models import Role
from oversight.companies.models import MisuseReport
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


def get_misuse_report_for_user(user: AnyUser, slug: str, pk: int) -> MisuseReport:
    company = get_company_for_user(user, slug)
    report = MisuseReport.objects.filter(company=company, pk=pk).first()
    if report is None:
        raise Http404
    return report
