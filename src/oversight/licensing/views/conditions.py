"""A licence's conditions page: the officer sets conditions, assesses evidence and decides
suspension proposals; the holder submits evidence. Every form works without JavaScript: a
refusal comes back on the page, on the field it names, with a 400."""

from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from oversight.accounts.access import require_staff
from oversight.core.forms import attach_errors
from oversight.core.transitions import allowed_moves
from oversight.licensing import access
from oversight.licensing.actions import conditions as actions
from oversight.licensing.forms import lines_of
from oversight.licensing.forms_conditions import (
    AssessmentForm,
    ConditionForm,
    EvidenceForm,
    ProposalForm,
)
from oversight.licensing.models import Licence, LicenceCondition
from oversight.licensing.models.conditions import CONDITION_MACHINE, ConditionStatus
from oversight.licensing.views.common import REFUSALS, refusal_messages

PAGE = "licensing/staff/conditions.html"


def _form(kind: type[Form], allowed: bool, bound: Form | None, pk: int, version: int) -> Any:
    """The form for one condition: the one just posted (with its errors), or a fresh one."""
    if not allowed:
        return None
    if isinstance(bound, kind):
        return bound
    prefix = "c" if kind is EvidenceForm else "a"
    return kind(initial={"version": version}, auto_id=f"{prefix}{pk}-%s")


def _rows(licence: Licence, powers: access.Powers, bound: dict[int, Form]) -> list[Any]:
    rows = []
    for condition in licence.typed_conditions.select_related("auditor"):
        moves = allowed_moves(CONDITION_MACHINE, condition.status)
        pk, version, posted = condition.pk, condition.version, bound.get(condition.pk)
        evidence = powers.applicant and ConditionStatus.SUBMITTED in moves
        assess = powers.officer and ConditionStatus.MET in moves
        rows.append(
            {
                "condition": condition,
                "evidence_form": _form(EvidenceForm, evidence, posted, pk, version),
                "assessment_form": _form(AssessmentForm, assess, posted, pk, version),
            }
        )
    return rows


def _page(
    request: HttpRequest,
    licence: Licence,
    powers: access.Powers,
    *,
    form: ConditionForm | None = None,
    bound: dict[int, Form] | None = None,
    proposal_forms: dict[int, Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    proposals = []
    if powers.officer:
        for proposal in licence.suspension_proposals.filter(state="open"):
            chosen = (proposal_forms or {}).get(proposal.pk)
            proposals.append(
                {
                    "proposal": proposal,
                    "form": chosen or ProposalForm(auto_id=f"p{proposal.pk}-%s"),
                }
            )
    context = {
        "licence": licence,
        "app": licence.application,
        "powers": powers,
        "rows": _rows(licence, powers, bound or {}),
        "form": (form or ConditionForm(auto_id="new-%s")) if powers.officer else None,
        "proposals": proposals,
    }
    return render(request, PAGE, context, status=status)


@require_staff
@require_http_methods(["GET", "POST"])
def conditions(request: HttpRequest, number: str) -> HttpResponse:
    licence, powers = access.licence_for_user(request.user, number)
    if request.method == "GET":
        return _page(request, licence, powers)
    _require(powers.officer)
    form = ConditionForm(request.POST, auto_id="new-%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.set_condition(
                licence,
                kind=data["kind"],
                terms=data["terms"],
                evidence_due=data["evidence_due"],
                auditor=data["auditor"],
                actor=request.user,
            )
        except REFUSALS as error:
            _attach(form, error)
        else:
            messages.success(request, _("Condition set. The change is in the audit log."))
            return redirect("licensing:conditions", number=licence.number)
    return _page(request, licence, powers, form=form, status=400)


def _require(power: bool) -> None:
    """A form this person is not shown is not there for them: the same 404."""
    if not power:
        raise Http404("No such form")


def _attach(form: Form, error: Exception) -> None:
    if hasattr(error, "error_dict"):
        attach_errors(form, error)  # type: ignore[arg-type]
    else:
        for message in refusal_messages(error):
            form.add_error(None, message)


def _condition_move(
    request: HttpRequest, number: str, pk: int, form_class: type[Form], work: Any
) -> HttpResponseBase:
    licence, powers = access.licence_for_user(request.user, number)
    _require(powers.applicant if form_class is EvidenceForm else powers.officer)
    condition: LicenceCondition = access.condition_of(licence, pk)
    prefix = "c" if form_class is EvidenceForm else "a"
    form = form_class(request.POST, auto_id=f"{prefix}{pk}-%s")
    if form.is_valid():
        try:
            work(condition, form.cleaned_data, request.user)
        except REFUSALS as error:
            _attach(form, error)
        else:
            messages.success(request, _("Saved. The change is in the audit log."))
            return redirect("licensing:conditions", number=licence.number)
    return _page(request, licence, powers, bound={pk: form}, status=400)


@require_staff
@require_POST
def evidence(request: HttpRequest, number: str, pk: int) -> HttpResponseBase:
    def work(condition: LicenceCondition, data: dict[str, Any], user: Any) -> None:
        actions.submit_evidence(
            condition, evidence=data["evidence"], actor=user, expected_version=data["version"]
        )

    return _condition_move(request, number, pk, EvidenceForm, work)


@require_staff
@require_POST
def assess(request: HttpRequest, number: str, pk: int) -> HttpResponseBase:
    def work(condition: LicenceCondition, data: dict[str, Any], user: Any) -> None:
        actions.assess_evidence(
            condition,
            met=data["met"] == "yes",
            reasons=lines_of(data["reasons"]),
            actor=user,
            expected_version=data["version"],
        )

    return _condition_move(request, number, pk, AssessmentForm, work)


@require_staff
@require_POST
def proposal(request: HttpRequest, number: str, pk: int) -> HttpResponseBase:
    licence, powers = access.licence_for_user(request.user, number)
    _require(powers.officer)
    row = access.proposal_of(licence, pk)
    form = ProposalForm(request.POST, auto_id=f"p{pk}-%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.decide_proposal(
                row,
                suspend=data["suspend"] == "yes",
                reasons=lines_of(data["reasons"]),
                actor=request.user,
            )
        except REFUSALS as error:
            _attach(form, error)
        else:
            messages.success(request, _("Decided. The change is in the audit log."))
            return redirect("licensing:conditions", number=licence.number)
    return _page(request, licence, powers, proposal_forms={pk: form}, status=400)
