"""The company member's pages: start, edit and submit an application; withdraw; appeal."""

import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from oversight.accounts.access import require_staff
from oversight.companies.access import companies_for_user
from oversight.licensing import access, actions
from oversight.licensing.forms import AppealForm, ConfidentialForm, DraftForm, LineForm, PartyForm
from oversight.licensing.views.common import (
    SAVED,
    VERSION,
    NotANumber,
    attempt,
    bad_input,
    invalid,
    posted_number,
    refusal_messages,
)


@require_staff
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponseBase:
    companies = list(companies_for_user(request.user))
    if not companies:
        raise PermissionDenied
    if request.method == "GET":
        context = {"companies": companies, "key": secrets.token_urlsafe(16)}
        return render(request, "licensing/staff/new.html", context)
    chosen = next((c for c in companies if str(c.pk) == request.POST.get("exporter")), None)
    if chosen is None:
        raise Http404("No such company")
    try:
        app = actions.create_application(
            chosen, actor=request.user, key=request.POST.get("key", "")[:64]
        )
    except ValidationError as error:
        for message in refusal_messages(error):
            messages.error(request, message)
        return redirect("licensing:new")
    return redirect("licensing:edit", reference=app.reference)


@require_staff
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, reference: str) -> HttpResponse:
    app = access.application_for_applicant(request.user, reference)
    form = DraftForm.for_application(app)
    if request.method == "POST":
        form = DraftForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                actions.update_draft(app, form.values(), actor=request.user)
                upload = form.cleaned_data["end_use_statement"]
                if upload:
                    actions.attach_end_use_statement(app, upload, actor=request.user)
            except ValidationError as error:
                for message in refusal_messages(error):
                    form.add_error(None, message)
            else:
                messages.success(request, SAVED)
                return redirect("licensing:detail", reference=app.reference)
    status = 400 if form.errors else 200
    return render(request, "licensing/staff/edit.html", {"app": app, "form": form}, status=status)


@require_staff
@require_POST
def add_line(request: HttpRequest, reference: str) -> HttpResponseBase:
    app = access.application_for_applicant(request.user, reference)
    form = LineForm(request.POST, exporter_id=app.exporter_id, auto_id="line-%s")
    if not form.is_valid():
        return invalid(request, app, form, "line_form")
    values = dict(form.cleaned_data)
    work = lambda: actions.add_line(app, values, actor=request.user)  # noqa: E731
    return attempt(request, app, work, SAVED, ("line_form", form))


@require_staff
@require_POST
def remove_line(request: HttpRequest, reference: str, number: int) -> HttpResponseBase:
    app = access.application_for_applicant(request.user, reference)
    work = lambda: actions.remove_line(app, number, actor=request.user)  # noqa: E731
    return attempt(request, app, work, SAVED)


@require_staff
@require_POST
def add_party(request: HttpRequest, reference: str) -> HttpResponseBase:
    app = access.application_for_applicant(request.user, reference)
    form = PartyForm(request.POST, auto_id="party-%s")
    if not form.is_valid():
        return invalid(request, app, form, "party_form")
    values = {**form.cleaned_data, "jurisdiction_id": form.cleaned_data["jurisdiction"]}
    work = lambda: actions.add_party(app, values, actor=request.user)  # noqa: E731
    return attempt(request, app, work, SAVED, ("party_form", form))


@require_staff
@require_POST
def remove_party(request: HttpRequest, reference: str, pk: int) -> HttpResponseBase:
    app = access.application_for_applicant(request.user, reference)
    work = lambda: actions.remove_party(app, pk, actor=request.user)  # noqa: E731
    return attempt(request, app, work, SAVED)


@require_staff
@require_POST
def confidential(request: HttpRequest, reference: str) -> HttpResponseBase:
    app = access.application_for_applicant(request.user, reference)
    form = ConfidentialForm(request.POST, auto_id="confidential-%s")
    if not form.is_valid():
        return invalid(request, app, form, "confidential_form")
    field, reason = form.cleaned_data["field"], form.cleaned_data["reason"]
    work = lambda: actions.mark_confidential(app, field, reason=reason, actor=request.user)  # noqa: E731
    return attempt(request, app, work, SAVED, ("confidential_form", form))


@require_staff
@require_POST
def submit(request: HttpRequest, reference: str) -> HttpResponseBase:
    app = access.application_for_applicant(request.user, reference)
    key = request.POST.get("key", "")[:64]
    work = lambda: actions.submit_application(app, actor=request.user, key=key)  # noqa: E731
    return attempt(request, app, work, _("Submitted and screened. The screening is below."))


@require_staff
@require_POST
def withdraw(request: HttpRequest, reference: str) -> HttpResponseBase:
    app = access.application_for_applicant(request.user, reference)
    try:
        version = posted_number(request, "version", VERSION) or None
    except NotANumber as error:
        return bad_input(request, app, error)
    reason = request.POST.get("reason", "")
    work = lambda: actions.withdraw_application(  # noqa: E731
        app, actor=request.user, reason=reason, expected_version=version
    )
    return attempt(request, app, work, _("Withdrawn."))


@require_staff
@require_POST
def appeal(request: HttpRequest, reference: str) -> HttpResponseBase:
    app = access.application_for_applicant(request.user, reference)
    form = AppealForm(request.POST, auto_id="appeal-%s")
    if not form.is_valid():
        return invalid(request, app, form, "appeal_form")
    data = form.cleaned_data
    work = lambda: actions.lodge_appeal(  # noqa: E731
        app, grounds=data["grounds"], actor=request.user, expected_version=data["version"]
    )
    return attempt(request, app, work, _("Appeal lodged."), ("appeal_form", form))
