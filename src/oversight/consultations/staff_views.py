"""Staff page of one consultation: moderate, consider, invite, close.

The forms come from `_comments_to_consider.html`, which other apps' pages may include;
each post goes back to `next` when it is one of our own pages.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from oversight.accounts.access import require_staff
from oversight.consultations import access, actions, rules
from oversight.consultations.forms import ConsiderForm, InviteForm, ModerationForm
from oversight.consultations.models import Consultation
from oversight.core.forms import attach_errors

DONE = gettext_lazy("Saved. The change is in the audit log.")


def _elsewhere(request: HttpRequest) -> str:
    """The other page (one of our own) the form was posted from, or ""."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=False
    ):
        return target
    return ""


def _back(request: HttpRequest, consultation: Consultation) -> HttpResponseBase:
    target = _elsewhere(request)
    if target:
        return redirect(target)
    return redirect("consultations:manage", reference=consultation.reference)


# Pages of other apps that embed the comment forms, by the matter's model label: each
# builds its page again with the consultation's forms put back (see `staff_context`).
Page = Callable[[HttpRequest, Consultation, dict[str, Form]], HttpResponse | None]
PAGES: dict[str, Page] = {}


def register_page(label: str, page: Page) -> None:
    PAGES[label] = page


def _refused(
    request: HttpRequest, consultation: Consultation, error: ValidationError, **forms: Form
) -> HttpResponse:
    """The page again (400), with each form as typed and its reasons beside the fields it
    names, under a summary of the reasons; nothing was changed."""
    for message in error.messages:
        messages.error(request, message)
    for form in forms.values():
        attach_errors(form, error)
    return _again(request, consultation, **forms)


def _again(request: HttpRequest, consultation: Consultation, **forms: Form) -> HttpResponse:
    consultation = access.get_consultation_for_manager(request.user, consultation.reference)
    response = None
    if _elsewhere(request):
        page = PAGES.get(consultation.matter_type.model_class()._meta.label)  # type: ignore[union-attr]
        response = page(request, consultation, forms) if page else None
    if response is None:
        context = staff_context(consultation, **forms)
        response = render(request, "consultations/manage.html", context)
    response.status_code = 400
    return response


def staff_context(consultation: Consultation, **forms: Form) -> dict[str, Any]:
    """What `_comments_to_consider.html` needs; other apps' views may call this too.

    `forms` puts back a refused form as typed: `invite_form`, or `moderation_form` /
    `consider_form` with the comment they were posted for as their `comment_pk`."""
    comments = consultation.comments.prefetch_related("attachments")
    pending = list(comments.pending())
    to_consider = list(comments.to_consider())
    for row in pending:  # each comment its own form; the refused one as typed
        row.moderation_form = _own(forms.get("moderation_form"), row.pk, ModerationForm)  # type: ignore[attr-defined]
    for row in to_consider:
        row.consider_form = _own(forms.get("consider_form"), row.pk, ConsiderForm)  # type: ignore[attr-defined]
    return {
        "consultation": consultation,
        "pending": pending,
        "to_consider": to_consider,
        "considered": list(comments.filter(considered_at__isnull=False)),
        "withheld": list(comments.withheld()),
        "readiness": rules.ready_for_decision(consultation, timezone.now()),
        "closes": rules.when(consultation.closes_at),
        "invite_form": forms.get("invite_form") or InviteForm(),
        "moderation_form": ModerationForm(),
        "consider_form": ConsiderForm(),
    }


def _own(typed: Form | None, pk: int, kind: type[Form]) -> Form:
    if typed is not None and getattr(typed, "comment_pk", None) == pk:
        return typed
    return kind(auto_id=f"{kind.__name__.lower()}-{pk}-%s")


@require_staff
def manage(request: HttpRequest, reference: str) -> HttpResponse:
    consultation = access.get_consultation_for_manager(request.user, reference)
    return render(request, "consultations/manage.html", staff_context(consultation))


@require_staff
@require_POST
def moderate(request: HttpRequest, reference: str, pk: int) -> HttpResponseBase:
    consultation = access.get_consultation_for_manager(request.user, reference)
    comment = access.get_comment_for_manager(request.user, consultation, pk)
    form = ModerationForm(request.POST, auto_id=f"moderationform-{pk}-%s")
    form.comment_pk = pk  # type: ignore[attr-defined]
    if not form.is_valid():
        message = _("Choose whether to accept or withhold comment #%(id)d.") % {"id": comment.pk}
        return _refused(
            request, consultation, ValidationError({"decision": message}), moderation_form=form
        )
    try:
        actions.moderate_comment(
            comment,
            accept=form.cleaned_data["decision"] == "accept",
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
    except ValidationError as error:
        return _refused(request, consultation, error, moderation_form=form)
    messages.success(request, DONE)
    return _back(request, consultation)


@require_staff
@require_POST
def consider(request: HttpRequest, reference: str, pk: int) -> HttpResponseBase:
    consultation = access.get_consultation_for_manager(request.user, reference)
    comment = access.get_comment_for_manager(request.user, consultation, pk)
    form = ConsiderForm(request.POST, auto_id=f"considerform-{pk}-%s")
    form.comment_pk = pk  # type: ignore[attr-defined]
    form.is_valid()
    try:
        actions.mark_considered(
            comment, response=form.cleaned_data.get("response", ""), actor=request.user
        )
    except ValidationError as error:
        return _refused(request, consultation, error, consider_form=form)
    messages.success(request, DONE)
    return _back(request, consultation)


@require_staff
@require_POST
def invite(request: HttpRequest, reference: str) -> HttpResponseBase:
    consultation = access.get_consultation_for_manager(request.user, reference)
    form = InviteForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            for error in errors:
                messages.error(request, f"{form.fields[field].label}: {error}")
        return _again(request, consultation, invite_form=form)
    try:
        actions.invite(consultation, email=form.cleaned_data["email"], actor=request.user)
    except ValidationError as error:
        return _refused(request, consultation, error, invite_form=form)
    messages.success(request, _("Invitation sent."))
    return _back(request, consultation)


@require_staff
@require_POST
def close(request: HttpRequest, reference: str) -> HttpResponseBase:
    consultation = access.get_consultation_for_manager(request.user, reference)
    try:
        actions.close_consultation(consultation, actor=request.user)
    except ValidationError as error:
        return _refused(request, consultation, error)
    messages.success(request, _("The consultation is closed; its comments are published."))
    return _back(request, consultation)
