"""Staff pages under /staff/companies/: a company's members keep its compliance record."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from oversight.accounts.access import require_staff
from oversight.companies import access, rules
from oversight.companies.forms import FORMS as RECORD_FORMS
from oversight.companies.forms import InformationForm, MisuseStatusForm
from oversight.companies.forms_diligence import DILIGENCE_FORMS
from oversight.companies.models import (
    ContractualSafeguard,
    DueDiligence,
    HumanRightsCommitment,
)
from oversight.core.forms import attach_errors
from oversight.registry.models import Organisation

FORMS = RECORD_FORMS | DILIGENCE_FORMS


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
        "contracts": access.contracts_of(company).select_related("technology", "destination"),
        "assessments": access.assessments_of(company)
        .select_related("technology")
        .prefetch_related("risks", "consultations"),
        "forms": forms,
        "information_form": bound.get("information") or InformationForm(),
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
    """A company cannot assess its own report: the action refuses it, with the reason."""
    report = access.get_misuse_report_for_user(request.user, slug, pk)
    form = MisuseStatusForm(request.POST)
    refusal: list[str] = []
    if form.is_valid():
        try:
            form.apply(report, request.user)
        except ValidationError as error:
            refusal = error.messages
        else:  # pragma: no cover - the rule lets no company member through
            return redirect("companies:company", slug=slug)
    else:
        refusal = [str(e) for errors in form.errors.values() for e in errors]
    context = _context(report.company) | {"refused_for": report.pk, "refusal": refusal}
    return render(request, "companies/company.html", context, status=400)


@require_staff
@require_POST
def misuse_information(request: HttpRequest, slug: str, pk: int) -> HttpResponseBase:
    report = access.get_misuse_report_for_user(request.user, slug, pk)
    form = InformationForm(request.POST)
    if form.is_valid():
        try:
            form.apply(report, request.user)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Added. The assessing body sees it with the report."))
            return redirect("companies:company", slug=slug)
    context = _context(report.company, information=form) | {"information_for": report.pk}
    return render(request, "companies/company.html", context, status=400)


@require_staff
def assessments(request: HttpRequest) -> HttpResponse:
    """The misuse reports addressed to the bodies the user works for."""
    rows = access.misuse_reports_for_assessor(request.user).order_by("-reported_on", "-pk")
    return render(request, "companies/assessments.html", {"reports": rows[:500]})


@require_http_methods(["GET", "POST"])
@require_staff
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    """One report for its assessing body: the company's account, and the body's decision."""
    report = access.get_misuse_report_for_assessor(request.user, pk)
    form = MisuseStatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            form.apply(report, request.user)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Decided. The reasons are published with the report."))
            return redirect("companies:assessment", pk=report.pk)
    moves = rules.MISUSE_MOVES.get(report.status, frozenset())
    context = {"report": report, "form": form, "moves": moves}
    return render(
        request, "companies/assessment.html", context, status=400 if form.errors else 200
    )
