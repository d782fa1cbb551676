"""Staff pages for communications and replies, and publishing a reporting window."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oversight.core.forms import attach_errors
from oversight.monitoring import actions
from oversight.monitoring.access import (
    cases_for_user,
    communications_for_user,
    get_communication_for_user,
    require_analyst,
)
from oversight.monitoring.forms import CommunicationForm, ReplyForm, WindowForm, _limit
from oversight.monitoring.views import _status


@require_analyst
def communication_create(request: HttpRequest) -> HttpResponse:
    cases = cases_for_user(request.user)
    initial = {"cases": [request.GET["case"]]} if request.GET.get("case", "").isdigit() else {}
    form = CommunicationForm(request.POST or None, cases=cases, initial=initial)
    _limit(form, "follow_up_to", communications_for_user(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            letter = actions.send_communication(
                form.values(), list(form.cleaned_data["cases"]), actor=request.user
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request,
                _("Communication %(reference)s recorded; reply due by %(due)s.")
                % {"reference": letter.reference, "due": letter.reply_due},
            )
            return redirect("monitoring:communication", pk=letter.pk)
    return render(
        request,
        "monitoring/staff/communication_form.html",
        {"form": form},
        status=_status(request, form),
    )


@require_analyst
def communication_detail(request: HttpRequest, pk: int) -> HttpResponse:
    letter = get_communication_for_user(request.user, pk)
    form = ReplyForm(request.POST or None, sent_on=letter.sent_on)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_reply(letter, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Reply recorded."))
            return redirect("monitoring:communication", pk=letter.pk)
    context = {
        "letter": letter,
        "replies": letter.replies.all(),
        "cases": letter.cases.all(),
        "follow_ups": letter.follow_ups.all(),
        "form": form,
        "overdue": letter.is_overdue(timezone.localdate()),
    }
    return render(
        request, "monitoring/staff/communication.html", context, status=_status(request, form)
    )


@require_analyst
def report(request: HttpRequest) -> HttpResponse:
    """The confidential version of the periodic report, and publishing its window."""
    from oversight.monitoring.public_views import report_response

    return report_response(request, public=False)


@require_POST
@require_analyst
def publish_window(request: HttpRequest) -> HttpResponseBase:
    form = WindowForm(request.POST)
    if not form.is_valid():  # the window as typed, each error beside its field, as a 400
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else _("Form")
            for error in errors:
                messages.error(request, f"{label}: {error}")
        context = {"form": form, "report": None, "public": False}
        return render(request, "monitoring/report.html", context, status=400)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    count = actions.publish_communications(start, end, actor=request.user)
    messages.success(
        request,
        _("%(count)s communications sent between %(start)s and %(end)s are now public.")
        % {"count": count, "start": start, "end": end},
    )
    return redirect(f"{request.path.rsplit('/publish/', 1)[0]}/?start={start}&end={end}")
