"""The licensing officer's and the reviewer's actions on an application or a licence."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from oversight.accounts.access import require_staff
from oversight.licensing import access, actions
from oversight.licensing.forms import (
    AppealDecisionForm,
    DecideForm,
    ReasonsForm,
    ResearchRulingForm,
    ReviewForm,
    lines_of,
)
from oversight.licensing.views import pages
from oversight.licensing.views.common import (
    REFUSALS,
    SAVED,
    VERSION,
    NotANumber,
    attempt,
    bad_input,
    invalid,
    posted_number,
    refusal_messages,
)

DAYS = gettext_lazy("Comment period (days)")


@require_staff
@require_POST
def open_consultation(request: HttpRequest, reference: str) -> HttpResponseBase:
    app = access.application_for_officer(request.user, reference)
    try:
        days = posted_number(request, "days", DAYS, default=30)
        version = posted_number(request, "version", VERSION)
    except NotANumber as error:
        return bad_input(request, app, error)
    work = lambda: actions.open_consultation(  # noqa: E731
        app, actor=request.user, days=days or 0, expected_version=version
    )
    return attempt(request, app, work, _("The public consultation is open."))


@require_staff
@require_POST
def start_review(request: HttpRequest, reference: str) -> HttpResponseBase:
    app = access.application_for_officer(request.user, reference)
    try:
        version = posted_number(request, "version", VERSION)
    except NotANumber as error:
        return bad_input(request, app, error)
    work = lambda: actions.start_review(  # noqa: E731
        app, actor=request.user, expected_version=version
    )
    return attempt(request, app, work, _("Sent to the human rights reviewer."))


@require_staff
@require_POST
def decide(request: HttpRequest, reference: str) -> HttpResponseBase:
    app = access.application_for_officer(request.user, reference)
    form = DecideForm(request.POST, auto_id="decide-%s")
    if not form.is_valid():
        return invalid(request, app, form, "decide_form")
    data = form.cleaned_data
    work = lambda: actions.decide_application(  # noqa: E731
        app,
        outcome=data["outcome"],
        reasons=lines_of(data["reasons"]),
        conditions=lines_of(data["conditions"]),
        valid_until=data["valid_until"],
        cited=data["cited"],
        justification=data["justification"],
        actor=request.user,
        expected_version=data["version"],
    )
    done = _("Decided and published in the register.")
    return attempt(request, app, work, done, ("decide_form", form))


@require_staff
@require_POST
def research_ruling(request: HttpRequest, reference: str) -> HttpResponseBase:
    app = access.application_for_officer(request.user, reference)
    form = ResearchRulingForm(request.POST, auto_id="research-%s")
    if not form.is_valid():
        return invalid(request, app, form, "research_form")
    data = form.cleaned_data
    confirm = data["ruling"] == "confirm"
    rule = actions.confirm_research if confirm else actions.refuse_research
    work = lambda: rule(  # noqa: E731
        app,
        reasons=lines_of(data["reasons"]),
        actor=request.user,
        expected_version=data["version"],
    )
    done = _("Registered and published.") if confirm else _("Refused: screened as any export.")
    return attempt(request, app, work, done, ("research_form", form))


def _licence_move(request: HttpRequest, number: str, move: Any) -> HttpResponseBase:
    licence = access.licence_for_officer(request.user, number)
    form = ReasonsForm(request.POST, auto_id="licence-%s")
    app = licence.application
    if not form.is_valid():
        return invalid(request, app, form, "licence_form")
    reasons = lines_of(form.cleaned_data["reasons"])
    version = form.cleaned_data["version"]
    work = lambda: move(licence, reasons=reasons, actor=request.user, expected_version=version)  # noqa: E731
    return attempt(request, app, work, SAVED, ("licence_form", form))


@require_staff
@require_POST
def licence_status(request: HttpRequest, number: str, move: str) -> HttpResponseBase:
    moves = {
        "suspend": actions.suspend_licence,
        "reinstate": actions.reinstate_licence,
        "revoke": actions.revoke_licence,
    }
    if move not in moves:
        raise Http404("No such move")
    return _licence_move(request, number, moves[move])


@require_staff
@require_POST
def decide_appeal(request: HttpRequest, reference: str, pk: int) -> HttpResponseBase:
    appeal = access.appeal_for_officer(request.user, reference, pk)
    app = appeal.application
    form = AppealDecisionForm(request.POST, auto_id="appeal-decision-%s")
    if not form.is_valid():
        return invalid(request, app, form, "appeal_decision_form")
    allow, reasons = form.cleaned_data["allow"] == "yes", lines_of(form.cleaned_data["reasons"])
    work = lambda: actions.decide_appeal(appeal, allow=allow, reasons=reasons, actor=request.user)  # noqa: E731
    return attempt(request, app, work, _("Appeal decided."), ("appeal_decision_form", form))


@require_staff
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, reference: str) -> HttpResponse:
    app = access.application_for_reviewer(request.user, reference)
    form = ReviewForm(initial={"version": app.version})
    if request.method == "POST":
        form = ReviewForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.submit_review(
                    app,
                    criteria=form.criteria(),
                    recommendation=data["recommendation"],
                    summary=data["summary"],
                    conditions=data["conditions"],
                    actor=request.user,
                    expected_version=data["version"],
                )
            except REFUSALS as error:
                for message in refusal_messages(error):
                    form.add_error(None, message)
            else:
                messages.success(request, _("Review submitted; the officer may now decide."))
                return redirect("licensing:detail", reference=app.reference)
    status = 400 if form.errors else 200
    context = {"app": app, "form": form, **pages.review_context(app)}
    return render(request, "licensing/staff/review.html", context, status=status)
