"""Staff pages of the equities register under /staff/vulnerabilities/ (JavaScript off).

Only the State's equities board and the agency holding a vulnerability reach it; anyone
else with a role gets an empty list and a 404 for each vulnerability.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oversight.accounts.access import require_staff
from oversight.core.forms import attach_errors
from oversight.core.transitions import allowed_moves
from oversight.vulnerabilities import access, actions, rules
from oversight.vulnerabilities.forms import DecisionForm, ProgressForm, VulnerabilityForm
from oversight.vulnerabilities.models import MACHINE, Status, Vulnerability


@require_staff
def vulnerability_list(request: HttpRequest) -> HttpResponse:
    if not access.may_see_register(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    rows = list(access.vulnerabilities_for(request.user))
    context = {
        "rows": [(v, v.is_overdue(today)) for v in rows],
        "overdue": sum(v.is_overdue(today) for v in rows),
        "may_record": bool(access.agencies_of(request.user)),
    }
    return render(request, "vulnerabilities/list.html", context)


@require_staff
def record(request: HttpRequest) -> HttpResponseBase:
    agencies = access.agencies_of(request.user)
    if not agencies:
        raise PermissionDenied
    form = VulnerabilityForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        facts = rules.Record(
            agency_reference=data["agency_reference"],
            product=data["product"],
            vendor=data["vendor"],
            cvss_vector=data["cvss_vector"],
            source=data["source"],
            broker=data["broker"],
            found_on=data["found_on"],
            summary=data["summary"],
        )
        try:
            vulnerability = actions.record_vulnerability(data["agency"], facts, actor=request.user)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Recorded; the equities board will decide."))
            return redirect("vulnerabilities:detail", reference=vulnerability.reference)
    status = 400 if request.method == "POST" else 200
    return render(request, "vulnerabilities/record.html", {"form": form}, status=status)


def _detail(
    request: HttpRequest, vulnerability: Vulnerability, status: int = 200, **forms: Any
) -> HttpResponse:
    board = access.is_board_member_for(request.user, vulnerability)
    context = {
        "v": vulnerability,
        "decisions": list(vulnerability.decisions.select_related("decided_by")),
        "overdue": vulnerability.is_overdue(timezone.localdate()),
        "may_decide": board and bool(allowed_moves(MACHINE, vulnerability.status)),
        "may_progress": vulnerability.status == Status.DISCLOSED,
        "reviewing": vulnerability.status == Status.RESTRICTED,
        "decision_form": forms.get("decision_form")
        or DecisionForm(initial={"version": vulnerability.version}),
        "progress_form": forms.get("progress_form")
        or ProgressForm(
            initial={
                "vendor_acknowledged_on": vulnerability.vendor_acknowledged_on,
                "fixed_on": vulnerability.fixed_on,
                "fix_reference": vulnerability.fix_reference,
            }
        ),
    }
    return render(request, "vulnerabilities/detail.html", context, status=status)


@require_staff
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    return _detail(request, access.get_vulnerability_for_user(request.user, reference))


@require_staff
@require_POST
def decide(request: HttpRequest, reference: str) -> HttpResponseBase:
    vulnerability = access.get_vulnerability_for_user(request.user, reference)
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.decide(
                vulnerability,
                outcome=data["outcome"],
                reasons=data["reasons"],
                review_by=data["review_by"],
                disclosed_on=data["disclosed_on"],
                actor=request.user,
                expected_version=data["version"],
            )
        except ValidationError as error:
            attach_errors(form, error, lambda name: None if name == "version" else name)
        else:
            messages.success(request, _("The board's decision is recorded."))
            return redirect("vulnerabilities:detail", reference=vulnerability.reference)
    return _detail(request, vulnerability, 400, decision_form=form)


@require_staff
@require_POST
def progress(request: HttpRequest, reference: str) -> HttpResponseBase:
    vulnerability = access.get_vulnerability_for_user(request.user, reference)
    form = ProgressForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.record_progress(
                vulnerability,
                vendor_acknowledged_on=data["vendor_acknowledged_on"],
                fixed_on=data["fixed_on"],
                fix_reference=data["fix_reference"],
                actor=request.user,
            )
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Saved. The change is in the audit log."))
            return redirect("vulnerabilities:detail", reference=vulnerability.reference)
    return _detail(request, vulnerability, 400, progress_form=form)
