"""Staff pages under /staff/companies/: a company's members keep its compliance record."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oversight.accounts.access import require_staff
from oversight.companies import access, rules
from oversight.companies.forms import FORMS, MisuseStatusForm
from oversight.companies.models import (
    ContractualSafeguard,
    DueDiligence,
    HumanRightsCommitment,
)
from oversight.core.forms import attach_errors
from oversight.registry.models import Organisation


def _context(company: Organisation, **bound: Form) -> dict[str, Any]:
    technologies = list(access.technologies_of(company))
    forms = {
        kind.replace("-", "_"): bound.get(kind) or cls(company, prefix=kind)
        for kind, cls in FORMS.items()
    }
    return {
        "company": company,
        "technologies": technologies,
        "verdict": rules.ungp_compliance(company, technologies, today=timezone.localdate()),
        "commitments": HumanRightsCommitment.objects.filter(company=company),
        "due_diligence": DueDiligence.objects.filter(company=company).select_related("technology"),
        "safeguards": ContractualSafeguard.objects.filter(company=company).select_related(
            "technology"
        ),
        "misuse_reports": access.misuse_reports_of(company).select_related(
            "technology", "end_user"
        ),
        "forms": forms,
        "status_form": bound.get("status") or MisuseStatusForm(),
    }


@require_staff
def home(request: HttpRequest) -> HttpResponseBase:
    companies = list(access.companies_for_user(request.user))
    if len(companies) == 1:
        return redirect("companies:company", slug=companies[0].slug)
    return render(request, "companies/home.html", {"companies": companies})


@require_staff
def company(request: HttpRequest, slug: str) -> HttpResponse:
    found = access.get_company_for_user(request.user, slug)
    return render(request, "companies/company.html", _context(found))


@require_staff
@require_POST
def add(request: HttpRequest, slug: str, kind: str) -> HttpResponseBase:
    found = access.get_company_for_user(request.user, slug)
    form = FORMS[kind](found, request.POST, prefix=kind)
    if form.is_valid():
        try:
            form.apply(request.user)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Saved. The change is in the audit log."))
            return redirect("companies:company", slug=found.slug)
    return render(request, "companies/company.html", _context(found, **{kind: form}), status=400)


@require_staff
@require_POST
def misuse_status(request: HttpRequest, slug: str, pk: int) -> HttpResponseBase:
    report = access.get_misuse_report_for_user(request.user, slug, pk)
    form = MisuseStatusForm(request.POST)
    if form.is_valid():
        try:
            form.apply(report, request.user)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Status changed. The reasons are in the audit log."))
            return redirect("companies:company", slug=slug)
    context = _context(report.company, status=form) | {"status_for": report.pk}
    return render(request, "companies/company.html", context, status=400)
