"""Staff pages of an inventory entry: policy, deployments, annual reports, suspension."""

from collections.abc import Mapping
from typing import Any

from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from oversight.accounts.access import require_staff
from oversight.procurement import access, actions
from oversight.procurement.actions.use import current_policy, overdue_years
from oversight.procurement.forms import (
    AnnualReportForm,
    DeploymentForm,
    PolicyForm,
    ReasonForm,
    ReviewForm,
)
from oversight.procurement.models import Holding
from oversight.procurement.views.common import Page, attempt


@require_staff
def holding(request: HttpRequest, chain: str) -> HttpResponse:
    return show(request, access.holding_for_staff(request.user, chain))


def show(
    request: HttpRequest, row: Holding, bound: Mapping[str, Form] | None = None
) -> HttpResponse:
    """The entry's page; `bound` puts back refused forms as they were typed."""
    if bound is not None:  # a refused action may have changed the row in memory only
        row = access.holding_for_staff(request.user, row.chain)
    bound = bound or {}
    reports = list(row.reports.all())
    typed = bound.get("review")
    for report in reports:  # each unreviewed report has its own form; ids stay unique
        mine = typed is not None and report.year == getattr(typed, "year", None)
        report.review_form = (  # type: ignore[attr-defined]
            typed if mine else ReviewForm(auto_id=f"review-{report.year}-%s")
        )
    return render(
        request,
        "procurement/staff/holding.html",
        {
            "holding": row,
            "as_agency": access.may_propose(request.user, row.agency),
            "as_member": access.may_sit(request.user, row.body),
            "policies": list(row.policies.prefetch_related("shared_with")),
            "policy": current_policy(row),
            "deployments": list(row.deployments.all()),
            "reports": reports,
            "overdue": overdue_years(row),
            "policy_form": bound.get("policy") or PolicyForm(prefix="policy"),
            "deployment_form": bound.get("deployment") or DeploymentForm(),
            "report_form": bound.get("report") or AnnualReportForm(prefix="report"),
            "reason_form": bound.get("reason") or ReasonForm(),
        },
    )


def _back(row: Holding) -> str:
    return reverse("procurement:holding", args=[row.chain])


def _page(request: HttpRequest, row: Holding) -> Page:
    return lambda bound: show(request, row, bound)


@require_staff
@require_POST
def draft_policy(request: HttpRequest, chain: str) -> HttpResponseBase:
    row = access.holding_for_agency(request.user, chain)

    def work(data: dict[str, Any]) -> None:
        shared = data.pop("shared_with")
        actions.draft_policy(row, actor=request.user, texts=data, shared_with=shared)

    return attempt(
        request,
        PolicyForm(request.POST, prefix="policy"),
        work,
        _back(row),
        _page(request, row),
        "policy",
    )


@require_staff
@require_POST
def approve_policy(request: HttpRequest, chain: str, version: int) -> HttpResponseBase:
    row = access.holding_for_body(request.user, chain)
    policy = access.policy_of(row, version)
    return attempt(
        request,
        None,
        lambda _d: actions.approve_policy(policy, actor=request.user),
        _back(row),
        _page(request, row),
    )


@require_staff
@require_POST
def deployment(request: HttpRequest, chain: str) -> HttpResponseBase:
    row = access.holding_for_agency(request.user, chain)
    return attempt(
        request,
        DeploymentForm(request.POST),
        lambda d: actions.record_deployment(row, actor=request.user, **d),
        _back(row),
        _page(request, row),
        "deployment",
    )


@require_staff
@require_POST
def annual_report(request: HttpRequest, chain: str) -> HttpResponseBase:
    row = access.holding_for_agency(request.user, chain)

    def work(data: dict[str, Any]) -> None:
        year, uses_count, recipients = (
            data.pop("year"),
            data.pop("uses_count"),
            data.pop("recipients"),
        )
        actions.file_annual_report(
            row,
            actor=request.user,
            year=year,
            uses_count=uses_count,
            texts=data,
            recipients=recipients,
        )

    return attempt(
        request,
        AnnualReportForm(request.POST, prefix="report"),
        work,
        _back(row),
        _page(request, row),
        "report",
    )


@require_staff
@require_POST
def review(request: HttpRequest, chain: str, year: int) -> HttpResponseBase:
    row = access.holding_for_body(request.user, chain)
    report = access.report_of(row, year)
    form = ReviewForm(request.POST, auto_id=f"review-{year}-%s")
    form.year = year  # type: ignore[attr-defined]  # which report's form to put back
    return attempt(
        request,
        form,
        lambda d: actions.review_report(report, actor=request.user, review=d["review"]),
        _back(row),
        _page(request, row),
        "review",
    )


@require_staff
@require_POST
def suspend(request: HttpRequest, chain: str) -> HttpResponseBase:
    row = access.holding_for_body(request.user, chain)
    return attempt(
        request,
        ReasonForm(request.POST),
        lambda d: actions.suspend(row, actor=request.user, reasons=d["reasons"]),
        _back(row),
        _page(request, row),
        "reason",
    )


@require_staff
@require_POST
def lift(request: HttpRequest, chain: str) -> HttpResponseBase:
    row = access.holding_for_body(request.user, chain)
    return attempt(
        request,
        ReasonForm(request.POST),
        lambda d: actions.lift_suspension(row, actor=request.user, reasons=d["reasons"]),
        _back(row),
        _page(request, row),
        "reason",
    )
