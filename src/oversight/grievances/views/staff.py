"""Handler pages under /staff/grievances/: inbox per channel, one report, each step."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oversight.accounts import throttle
from oversight.accounts.models import User
from oversight.core.forms import attach_errors
from oversight.core.rules import Reason, Refused
from oversight.core.transitions import IllegalTransition
from oversight.grievances import crypto, forms, keyring, rules, subjects
from oversight.grievances.access import (
    channels_for,
    get_channel_for_user,
    get_file_for_user,
    get_report_for_user,
    handler_of,
    overseer_channel,
    reports_for,
    require_handler,
)
from oversight.grievances.actions import handling, keys
from oversight.grievances.models import Destination, Remedy, Report
from oversight.grievances.views.reading import file_response, files_of, remedies_of, timeline

CONSENT_LABELS = {value: str(label) for value, label in forms.CONSENTS}


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@require_handler
def inbox(request: HttpRequest) -> HttpResponse:
    user, private = _user(request), keyring.unlocked(request)
    rows = reports_for(user).select_related("channel", "country").order_by("due_at")
    channels = keyring.overview(user, private, list(channels_for(user)))
    context = {
        "channels": channels,
        "open": list(rows.open()),
        "closed": list(rows.exclude(pk__in=rows.open())[:100]),
        "unlocked": private is not None,
    }
    return render(request, "grievances/staff/inbox.html", context)


@require_handler
@require_POST
def admit(request: HttpRequest, slug: str) -> HttpResponseBase:
    """Give a colleague handling this channel its key, so they read all of its reports."""
    channel = get_channel_for_user(request.user, slug)
    colleague = handler_of(channel, request.POST.get("user", "")[:20])
    try:
        if colleague is None:
            raise Refused([Reason(_("Choose a colleague to admit."), "user")])
        keys.admit(channel, _user(request), keyring.unlocked(request), colleague)
        messages.success(
            request,
            _("%(user)s now holds the key of %(channel)s.")
            % {"user": colleague.username, "channel": channel.name},
        )
    except Refused as exc:
        messages.error(request, " ".join(exc.verdict.messages))
    return redirect("grievances:inbox")


@require_handler
def unlock(request: HttpRequest) -> HttpResponseBase:
    form = forms.UnlockForm(request.POST or None)
    user = _user(request)
    if request.method == "POST" and form.is_valid():
        password = form.cleaned_data["password"]
        device = throttle.device_of(request, user.username)
        if throttle.is_locked(user.username, device):  # the sign-in lockout covers this form
            form.add_error("password", _("Too many wrong passwords: wait a few minutes."))
        elif user.check_password(password):
            response = redirect("grievances:inbox")
            keyring.remember(request, response, keys.unlock(user, password))
            return response
        else:
            throttle.record_failure(user.username, device)
            form.add_error("password", _("That password is not right."))
    return render(request, "grievances/staff/unlock.html", {"form": form})


@require_handler
@require_POST
def lock(request: HttpRequest) -> HttpResponseBase:
    response = redirect("grievances:inbox")
    keyring.forget(request, response)
    return response


def _report_key(request: HttpRequest, report: Report) -> bytes | None:
    return keyring.report_key(report, _user(request), keyring.unlocked(request))


def _identity(report: Report, user: User, handler_private: bytes | None) -> Any:
    approved = report.identity_requests.filter(requested_by=user, state="approved").last()
    if approved is None or handler_private is None:
        return None
    return crypto.unseal_json(handler_private, bytes(approved.identity_box))


@require_handler
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    return _report_page(request, get_report_for_user(request.user, reference))


def _report_page(
    request: HttpRequest, report: Report, refused: tuple[str, Any] | None = None
) -> HttpResponse:
    """The report, and the steps its status leaves open; a refused step comes back as
    typed, its errors beside the fields (status 400)."""
    private = _report_key(request, report)
    unlocked = keyring.unlocked(request) is not None
    context: dict[str, Any] = {
        "report": report,
        "private": private is not None,
        "unlocked": unlocked,
        "consents": [CONSENT_LABELS.get(c, c) for c in report.consents],
    }
    initial: dict[str, dict[str, Any]] = {}
    if private is not None:
        answers = crypto.unseal_json(private, bytes(report.answers_box))
        context["subject"], initial = _named_subject(report, answers)
        context |= {
            "answers": _rows(answers),
            "timeline": timeline(report, private, staff=True),
            "remedies": remedies_of(report, private),
            "files": files_of(report, private),
            "identity": _identity(report, _user(request), keyring.unlocked(request)),
        }
    offered = rules.STEPS.get(report.status, frozenset())
    steps = {
        name: form_class(auto_id=f"{name}-%s", initial=initial.get(name))
        for name, (form_class, _run) in STEPS.items()
        if name in offered
    }
    if refused is not None:
        steps[refused[0]] = refused[1]
    context |= {
        "channels": report.assignments.select_related("channel"),
        "requests": report.identity_requests.order_by("created_at"),
        "forms": steps,
        "remedy_statuses": forms.RemedyStatusForm.base_fields["status"].choices,  # type: ignore[attr-defined]
    }
    status = 400 if refused is not None else 200
    return render(request, "grievances/staff/report.html", context, status=status)


def _named_subject(
    report: Report, answers: dict[str, Any]
) -> tuple[subjects.Subject | None, dict[str, dict[str, Any]]]:
    """The deployed technology the complainant named, and the steps it pre-fills: closing
    names its agency and technology (the handler confirms them), routing offers the channel
    of the body that oversees it, if the complainant consented to it."""
    subject = subjects.resolve(str(answers.get("deployed_subject", "")))
    if subject is None:
        return None, {}
    initial: dict[str, dict[str, Any]] = {
        "close": {"concerns": subject.organisation_id, "technology": subject.technology_id}
    }
    overseer = overseer_channel(report, subject.overseer_id)
    if overseer is not None and Destination.STATE in report.consents:
        initial["route"] = {"channel": overseer.pk}
    return subject, initial


def _rows(answers: dict[str, Any]) -> list[tuple[str, str]]:
    """The complainant's answers as the form asked them: its labels, and the labels of
    the choices made, never their codes."""
    fields = forms.ReportForm.base_fields

    def text(key: str, value: Any) -> str:
        choices = dict(getattr(fields.get(key), "choices", None) or ())
        values = value if isinstance(value, list) else [value]
        return ", ".join(str(choices.get(v, v)) for v in values if v not in ("", None))

    def label(key: str) -> str:
        field = fields.get(key)
        return str(field.label) if field and field.label else key.replace("_", " ").capitalize()

    return [(label(key), text(key, value)) for key, value in answers.items()]


Step = Callable[[Report, User, dict[str, Any], bytes | None], Any]


def _need_key(private: bytes | None) -> bytes:
    if private is None:
        raise Refused([_("Unlock your key first.")])
    return private


STEPS: dict[str, tuple[type[Any], Step]] = {
    "triage": (
        forms.TriageForm,
        lambda r, u, d, p: handling.triage(
            r, u, admissible=d["decision"] == "admissible", reason=d["reason"]
        ),
    ),
    "route": (
        forms.RouteForm,
        lambda r, u, d, p: handling.route(r, u, _need_key(p), d["channel"]),
    ),
    "note": (forms.TextForm, lambda r, u, d, p: handling.add_note(r, u, d["text"])),
    "message": (
        forms.TextForm,
        lambda r, u, d, p: handling.message_complainant(r, u, d["text"], _need_key(p)),
    ),
    "remedy": (
        forms.RemedyForm,
        lambda r, u, d, p: handling.add_remedy(r, u, d["kind"], d["detail"]),
    ),
    "remedy_status": (
        forms.RemedyStatusForm,
        lambda r, u, d, p: handling.set_remedy_status(
            r.remedies.get(pk=d["remedy"]), u, d["status"]
        ),
    ),
    "close": (
        forms.CloseForm,
        lambda r, u, d, p: handling.close(
            r, u, d["outcome"], concerns=d["concerns"], technology=d["technology"]
        ),
    ),
    "identity": (forms.TextForm, lambda r, u, d, p: handling.request_identity(r, u, d["text"])),
}


@require_handler
@require_POST
def step(request: HttpRequest, reference: str, name: str) -> HttpResponseBase:
    report = get_report_for_user(request.user, reference)
    if name not in STEPS:
        return redirect("grievances:report", reference=reference)
    form_class, run = STEPS[name]
    form = form_class(request.POST, auto_id=f"{name}-%s")
    try:
        rules.step_verdict(report.status, name).enforce()
        if form.is_valid():
            run(report, _user(request), form.cleaned_data, _report_key(request, report))
            messages.success(request, _("Done."))
            return redirect("grievances:report", reference=reference)
    except Refused as exc:
        attach_errors(form, exc)
    except IllegalTransition as exc:
        form.add_error(None, str(exc))
    except Remedy.DoesNotExist:
        form.add_error("remedy", _("No such remedy on this report."))
    return _report_page(request, report, refused=(name, form))


@require_handler
def download(request: HttpRequest, reference: str, pk: int) -> HttpResponseBase:
    row = get_file_for_user(request.user, reference, pk)
    private = _report_key(request, row.report)
    if private is None:
        return redirect("grievances:unlock")
    key = crypto.unseal(private, bytes(row.key_box))
    meta = crypto.unseal_json(private, bytes(row.meta_box))
    return file_response(row.stored_name, key, meta)
