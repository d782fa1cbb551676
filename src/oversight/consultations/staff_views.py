"""Staff page of one consultation: moderate, consider, invite, close.

The forms come from `_comments_to_consider.html`, which other apps' pages may include;
each post goes back to `next` when it is one of our own pages.
"""

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

DONE = gettext_lazy("Saved. The change is in the audit log.")


def _back(request: HttpRequest, consultation: Consultation) -> HttpResponseBase:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=False
    ):
        return redirect(target)
    return redirect("consultations:manage", reference=consultation.reference)


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def staff_context(consultation: Consultation, **forms: Form) -> dict[str, Any]:
    """What `_comments_to_consider.html` needs; other apps' views may call this too."""
    comments = consultation.comments.prefetch_related("attachments")
    return {
        "consultation": consultation,
        "pending": list(comments.pending()),
        "to_consider": list(comments.to_consider()),
        "considered": list(comments.filter(considered_at__isnull=False)),
        "withheld": list(comments.withheld()),
        "readiness": rules.ready_for_decision(consultation, timezone.now()),
        "closes": rules.when(consultation.closes_at),
        "invite_form": forms.get("invite_form") or InviteForm(),
        "moderation_form": ModerationForm(),
        "consider_form": ConsiderForm(),
    }


@require_staff
def manage(request: HttpRequest, reference: str) -> HttpResponse:
    consultation = access.get_consultation_for_manager(request.user, reference)
    return render(request, "consultations/manage.html", staff_context(consultation))


@require_staff
@require_POST
def moderate(request: HttpRequest, reference: str, pk: int) -> HttpResponseBase:
    consultation = access.get_consultation_for_manager(request.user, reference)
    comment = access.get_comment_for_manager(request.user, consultation, pk)
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("Choose whether to accept or withhold comment #%(id)d.") % {"id": comment.pk},
        )
        return _back(request, consultation)
    try:
        actions.moderate_comment(
            comment,
            accept=form.cleaned_data["decision"] == "accept",
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, DONE)
    return _back(request, consultation)


@require_staff
@require_POST
def consider(request: HttpRequest, reference: str, pk: int) -> HttpResponseBase:
    consultation = access.get_consultation_for_manager(request.user, reference)
    comment = access.get_comment_for_manager(request.user, consultation, pk)
    form = ConsiderForm(request.POST)
    form.is_valid()
    try:
        actions.mark_considered(
            comment, response=form.cleaned_data.get("response", ""), actor=request.user
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, DONE)
    return _back(request, consultation)


@require_staff
@require_POST
def invite(request: HttpRequest, reference: str) -> HttpResponseBase:
    consultation = access.get_consultation_for_manager(request.user, reference)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            actions.invite(consultation, email=form.cleaned_data["email"], actor=request.user)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Invitation sent."))
            return _back(request, consultation)
    context = staff_context(consultation, invite_form=form)
    return render(request, "consultations/manage.html", context, status=400)


@require_staff
@require_POST
def close(request: HttpRequest, reference: str) -> HttpResponseBase:
    consultation = access.get_consultation_for_manager(request.user, reference)
    try:
        actions.close_consultation(consultation, actor=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The consultation is closed; its comments are published."))
    return _back(request, consultation)
