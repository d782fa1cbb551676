"""The staff list and the application page every role shares (with its own forms)."""

import secrets
from collections.abc import Mapping
from typing import Any

from django.db.models import Q
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from oversight.accounts.access import require_staff
from oversight.companies.access import companies_for_user
from oversight.consultations.access import published_comments
from oversight.consultations.staff_views import staff_context
from oversight.core.transitions import allowed_moves
from oversight.licensing import access, completeness
from oversight.licensing.actions.submission import consultation_of
from oversight.licensing.forms import (
    AppealDecisionForm,
    AppealForm,
    ConfidentialForm,
    DecideForm,
    LineForm,
    ListFilterForm,
    PartyForm,
    ReasonsForm,
    ResearchRulingForm,
)
from oversight.licensing.models import Application, Licence, Status
from oversight.licensing.models.applications import MACHINE
from oversight.licensing.models.outcomes import APPEAL_MACHINE, LICENCE_MACHINE, LicenceStatus
from oversight.licensing.rules import EFFECT_LABELS
from oversight.licensing.views.case_panel import case_context

LIST_LIMIT = 200


@require_staff
def applications(request: HttpRequest) -> HttpResponse:
    rows = access.applications_for_user(request.user).select_related(
        "licence", "exporter", "destination"
    )
    search = ListFilterForm(request.GET or None, auto_id="list-%s")
    if search.is_valid():
        q, status = search.cleaned_data["q"].strip(), search.cleaned_data["status"]
        if q:
            rows = rows.filter(
                Q(reference__icontains=q)
                | Q(exporter__name__icontains=q)
                | Q(destination__name__icontains=q)
                | Q(destination__code__iexact=q)
            )
        if status:
            rows = rows.filter(status=status)
    elif search.is_bound:
        rows = rows.none()
    context = {
        "applications": rows.order_by("-updated_at")[:LIST_LIMIT],
        "count": rows.count(),
        "shown": LIST_LIMIT,
        "search": search,
        "may_apply": companies_for_user(request.user).exists(),  # no link that leads to a 403
    }
    status = 400 if search.is_bound and not search.is_valid() else 200
    return render(request, "licensing/staff/list.html", context, status=status)


def _draft_context(app: Application) -> dict[str, Any]:
    lines = list(app.lines.select_related("technology", "control_entry"))
    parties = list(app.parties.select_related("jurisdiction"))
    return {
        "missing": completeness.missing(app, lines, parties).messages,
        "line_form": LineForm(exporter_id=app.exporter_id, auto_id="line-%s"),
        "party_form": PartyForm(auto_id="party-%s"),
        "confidential_form": ConfidentialForm(auto_id="confidential-%s"),
        "submit_key": secrets.token_urlsafe(16),
    }


def _moves(app: Application, powers: access.Powers, licence: Licence | None) -> dict[str, Any]:
    """What each person may do next, asked of the state machines (templates name no state)."""
    moves = allowed_moves(MACHINE, app.status)
    held = allowed_moves(LICENCE_MACHINE, licence.status) if licence else frozenset()
    return {
        "withdrawable": powers.applicant and Status.WITHDRAWN in moves,
        "appealable": powers.applicant and Status.APPEAL in moves,
        "decidable": powers.officer and Status.ISSUED in moves,
        "consultable": powers.officer and Status.CONSULTATION in moves,
        "research_rulable": powers.officer and Status.REGISTERED in moves,
        "review_startable": powers.officer and Status.REVIEW in moves,
        "suspendable": powers.officer and LicenceStatus.SUSPENDED in held,
        "reinstatable": powers.officer and LicenceStatus.ACTIVE in held,
        "revocable": powers.officer and LicenceStatus.REVOKED in held,
    }


def screening_context(app: Application) -> dict[str, Any]:
    """The latest screening, each check with its effect as a person reads it."""
    screening = app.screenings.order_by("-at", "-pk").first()
    checks = [
        check | {"effect_label": EFFECT_LABELS.get(check.get("effect"), check.get("effect"))}
        for check in (screening.results if screening else [])
    ]
    return {"screening": screening, "checks": checks}


def review_context(app: Application) -> dict[str, Any]:
    """What the reviewer reads beside the form: the application, its goods and parties,
    its screening, and the public comments with the officer's responses."""
    consultation = consultation_of(app)
    return {
        "lines": app.lines.select_related("technology", "control_entry"),
        "parties": app.parties.select_related("jurisdiction"),
        "comments": published_comments(consultation) if consultation else [],
        **screening_context(app),
    }


@require_staff
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    return show(request, access.get_application_for_user(request.user, reference))


def show(
    request: HttpRequest,
    app: Application,
    bound: Mapping[str, Form] | None = None,
    comments: Mapping[str, Form] | None = None,
) -> HttpResponse:
    """The application's page; `bound` puts back a refused form as it was typed, with its
    errors beside the fields, and makes the answer a 400 (nothing was changed); `comments`
    does the same for the consultation's forms (`consultations.staff_views.staff_context`)."""
    powers = access.powers(request.user, app)
    consultation = consultation_of(app)
    licence = access.licence_of(app)
    appeals = list(app.appeals.all())
    context: dict[str, Any] = {
        "app": app,
        "powers": powers,
        "lines": app.lines.select_related("technology", "control_entry"),
        "parties": app.parties.select_related("jurisdiction"),
        "confidential": app.confidential_fields.all(),
        **screening_context(app),
        "reviews": app.reviews.prefetch_related("criteria"),
        "decisions": app.decisions.order_by("-published_at"),
        "appeals": appeals,
        "open_appeals": {a.pk for a in appeals if allowed_moves(APPEAL_MACHINE, a.state)},
        "consultation": consultation,
        "licence": licence,
        # The page itself, also when it comes back from a refused post to another URL.
        "next": reverse("licensing:detail", args=[app.reference]),
        "in_review": powers.reviewer and app.status == Status.REVIEW,
        **_moves(app, powers, licence),
    }
    context |= case_context(request.user, app, powers)  # casework: queue, questions, advice
    if powers.applicant and app.status == Status.DRAFT:
        context |= _draft_context(app)
    if powers.applicant:
        context["appeal_form"] = AppealForm(initial={"version": app.version}, auto_id="appeal-%s")
    if powers.officer:
        context["decide_form"] = DecideForm(initial={"version": app.version}, auto_id="decide-%s")
        context["research_form"] = ResearchRulingForm(
            initial={"version": app.version}, auto_id="research-%s"
        )
        context["appeal_decision_form"] = AppealDecisionForm(auto_id="appeal-decision-%s")
        if licence is not None:
            context["licence_form"] = ReasonsForm(
                initial={"version": licence.version}, auto_id="licence-%s"
            )
        if consultation is not None:
            context["comments"] = staff_context(consultation, **(comments or {}))
    context |= bound or {}
    status = 400 if bound else 200
    return render(request, "licensing/staff/detail.html", context, status=status)
