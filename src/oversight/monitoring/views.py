"""Staff pages for analysts under /staff/monitoring/: thin, through `access` and `actions`."""

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oversight.core.forms import attach_errors
from oversight.core.transitions import IllegalTransition
from oversight.monitoring import actions
from oversight.monitoring.access import (
    cases_for_user,
    communications_for_user,
    get_case_for_user,
    identities_for_user,
    require_analyst,
)
from oversight.monitoring.forms import CaseFilterForm, CaseForm, SourceForm, VictimForm
from oversight.monitoring.rules import CASE_MACHINE
from oversight.monitoring.vocabulary import CaseStatus

LIST_LIMIT = 200


@require_analyst
def home(request: HttpRequest) -> HttpResponse:
    cases = cases_for_user(request.user).select_related("country", "technology")
    places = cases.exclude(country=None).values_list("country__code", "country__name")
    search = CaseFilterForm(
        request.GET or None, countries=sorted(set(places), key=lambda c: c[1]), auto_id="case-%s"
    )
    if search.is_valid():
        cases = _filtered(cases, search.cleaned_data)
    elif search.is_bound:
        cases = cases.none()
    cases = cases.order_by("-created_at")
    letters = communications_for_user(request.user).order_by("-sent_on", "-pk")
    today = timezone.localdate()
    context = {
        "cases": cases[:LIST_LIMIT],
        "case_total": cases.count(),
        "letters": letters[:LIST_LIMIT],
        "overdue": letters.overdue(today).count(),
        "today": today,
        "search": search,
    }
    status = 400 if search.is_bound and not search.is_valid() else 200
    return render(request, "monitoring/staff/home.html", context, status=status)


def _filtered(cases: Any, wanted: dict[str, Any]) -> Any:
    if q := wanted["q"].strip():
        cases = cases.filter(
            Q(title__icontains=q)
            | Q(external_id__icontains=q)
            | Q(summary__icontains=q)
            | Q(product__icontains=q)
        )
    if wanted["country"]:
        cases = cases.filter(country__code=wanted["country"])
    if wanted["status"]:
        cases = cases.filter(status=wanted["status"])
    return cases


@require_analyst
def case_create(request: HttpRequest) -> HttpResponse:
    form = CaseForm(request.POST or None)
    victim = VictimForm(request.POST or None, prefix="victim")
    source = SourceForm(request.POST or None, prefix="source")
    if request.method == "POST":
        forms_ok = form.is_valid() & victim.is_valid()
        source_ok = source.is_blank() or source.is_valid()
        if forms_ok and source_ok:
            try:
                case = actions.record_case(
                    form.values(),
                    [victim.split()],
                    [] if source.is_blank() else [source.cleaned_data],
                    actor=request.user,
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("Case recorded as a draft: it is not public yet."))
                return redirect("monitoring:case", pk=case.pk)
    context = {"form": form, "victim": victim, "source": source}
    return render(
        request,
        "monitoring/staff/case_form.html",
        context,
        status=_status(request, form, victim, source),
    )


def _status(request: HttpRequest, *forms: BaseForm) -> int:
    if request.method != "POST":
        return 200
    return 400 if any(form.is_bound and form.errors for form in forms) else 200


@require_analyst
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_page(request, get_case_for_user(request.user, pk))


def _case_page(
    request: HttpRequest, case: Any, bound: Mapping[str, BaseForm] | None = None
) -> HttpResponse:
    """The case's page; `bound` puts back a refused form as typed, its errors beside the
    fields, as a 400 (nothing was changed)."""
    identities = identities_for_user(request.user, case)
    victims = [
        (victim, identities.get(victim.pk)) for victim in case.victims.select_related("country")
    ]
    context: dict[str, Any] = {
        "case": case,
        "victims": victims,
        "sources": case.sources.all(),
        "letters": case.communications.select_related("addressee_state", "addressee_company"),
        "victim_form": VictimForm(prefix="victim"),
        "source_form": SourceForm(prefix="source"),
        "targets": _targets(case.status),
        "today": timezone.localdate(),
    }
    context |= bound or {}
    status = 400 if bound is not None else 200
    return render(request, "monitoring/staff/case.html", context, status=status)


def _targets(status: str) -> list[tuple[str, str]]:
    return [
        (target, str(CaseStatus(target).label)) for target in sorted(CASE_MACHINE.get(status, ()))
    ]


@require_analyst
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_case(
                get_case_for_user(request.user, pk), form.values(), actor=request.user
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Case updated."))
            return redirect("monitoring:case", pk=case.pk)
    context = {"form": form, "case": case}
    return render(
        request, "monitoring/staff/case_form.html", context, status=_status(request, form)
    )


@require_POST
@require_analyst
def victim_add(request: HttpRequest, pk: int) -> HttpResponseBase:
    case = get_case_for_user(request.user, pk)
    form = VictimForm(request.POST, prefix="victim")
    if form.is_valid():
        victim, identity = form.split()
        try:
            actions.add_victim(case, victim, identity, actor=request.user)
        except ValidationError as exc:  # the case's public text already holds this name
            attach_errors(form, exc, lambda _field: "name")
        else:
            messages.success(request, _("Victim added."))
            return redirect("monitoring:case", pk=case.pk)
    return _child_errors(request, case, form, "victim_form")


@require_POST
@require_analyst
def source_add(request: HttpRequest, pk: int) -> HttpResponseBase:
    case = get_case_for_user(request.user, pk)
    form = SourceForm(request.POST, prefix="source")
    if form.is_valid():
        actions.add_source(case, form.cleaned_data, actor=request.user)
        messages.success(request, _("Source added."))
        return redirect("monitoring:case", pk=case.pk)
    return _child_errors(request, case, form, "source_form")


def _child_errors(request: HttpRequest, case: Any, form: BaseForm, name: str) -> HttpResponse:
    return _case_page(request, case, {name: form})


@require_POST
@require_analyst
def case_status(request: HttpRequest, pk: int) -> HttpResponseBase:
    case = get_case_for_user(request.user, pk)
    target = request.POST.get("status", "")
    try:
        actions.set_case_status(
            case, target, actor=request.user, reasons=[request.POST.get("reason", "")]
        )
    except (IllegalTransition, ValidationError) as exc:  # e.g. its public text names a victim
        for message in exc.messages if isinstance(exc, ValidationError) else [str(exc)]:
            messages.error(request, message)  # the summary; the buttons have nothing typed
        return _case_page(request, get_case_for_user(request.user, pk), {})
    messages.success(request, _("Status now: %(status)s.") % {"status": CaseStatus(target).label})
    return redirect("monitoring:case", pk=case.pk)
