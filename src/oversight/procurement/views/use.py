"""Staff pages of an inventory entry: policy, deployments, annual reports, suspension."""

from typing import Any

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
from oversight.procurement.views.common import attempt


@require_staff
def holding(request: HttpRequest, chain: str) -> HttpResponse:
    row = access.holding_for_staff(request.user, chain)
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
            "reports": list(row.reports.all()),
            "overdue": overdue_years(row),
            "policy_form": PolicyForm(prefix="policy"),
            "deployment_form": DeploymentForm(),
            "report_form": AnnualReportForm(prefix="report"),
            "review_form": ReviewForm(),
            "reason_form": ReasonForm(),
        },
    )


def _back(row: Holding) -> str:
    return reverse("procurement:holding", args=[row.chain])


@require_staff
@require_POST
def draft_policy(request: HttpRequest, chain: str) -> HttpResponseBase:
    row = access.holding_for_agency(request.user, chain)

    def work(data: dict[str, Any]) -> None:
        shared = data.pop("shared_with")
        actions.draft_policy(row, actor=request.user, texts=data, shared_with=shared)

    return attempt(request, PolicyForm(request.POST, prefix="policy"), work, _back(row))


@require_staff
@require_POST
def approve_policy(request: HttpRequest, chain: str, version: int) -> HttpResponseBase:
    row = access.holding_for_body(request.user, chain)
    policy = access.policy_of(row, version)
    return attempt(
        request, None, lambda _d: actions.approve_policy(policy, actor=request.user), _back(row)
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

    return attempt(request, AnnualReportForm(request.POST, prefix="report"), work, _back(row))


@require_staff
@require_POST
def review(request: HttpRequest, chain: str, year: int) -> HttpResponseBase:
    row = access.holding_for_body(request.user, chain)
    report = access.report_of(row, year)
    return attempt(
        request,
        ReviewForm(request.POST),
        lambda d: actions.review_report(report, actor=request.user, review=d["review"]),
        _back(row),
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
    )
