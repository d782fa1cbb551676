"""Complainant pages under /report/: no account, no session, no address kept.

Each page goes out with a strict CSP, `Referrer-Policy: no-referrer` and
`Cache-Control: no-store`. The receipt is never put in a URL: the status page is
the answer to a POST, and its forms carry the receipt back in a hidden field.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt

from oversight.core.middleware import STRICT_CSP
from oversight.grievances import actions, formtoken, limiter, subjects
from oversight.grievances.access import get_open_channel
from oversight.grievances.evidence import EvidenceError
from oversight.grievances.forms import ReceiptForm, ReplyForm, ReportForm
from oversight.grievances.models import Channel, Destination
from oversight.grievances.uploads import EncryptedUpload, EncryptingUploadHandler
from oversight.grievances.views.reading import status_context

NOT_FOUND = gettext_lazy(
    "We could not open a report with this receipt. Check the 25 digits and try again."
)


def complainant_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @csrf_exempt  # our own token instead: see formtoken.py
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request.upload_handlers = [EncryptingUploadHandler(request)]  # before the body is read
        response = view(request, *args, **kwargs)
        response["Content-Security-Policy"] = STRICT_CSP
        response["Referrer-Policy"] = "no-referrer"
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return formtoken.attach(request, response)

    return wrapper


def _discard_uploads(request: HttpRequest) -> None:
    if request.method != "POST":
        return
    for upload in request.FILES.getlist("evidence"):
        if isinstance(upload, EncryptedUpload):
            upload.discard()


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    context = {"form_token": formtoken.new_token(request)} | context
    return render(request, template, context, status=status)


def _channel(slug: str | None) -> Channel:
    return get_open_channel(slug)


def _slow_down(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    context["notice"] = _(
        "Many people are sending reports right now, and yours was not sent yet. Your "
        "words are still below: please wait a minute, attach any files again, and send it."
    )
    return _page(request, template, context, status=429)


def _submission(form: ReportForm, channel: Channel, nonce: str) -> actions.Submission:
    data = form.cleaned_data
    technology, organisation = data["technology"], data["organisation"]
    answers = {
        "what_happened": data["what_happened"],
        "when": data["when"],
        "organisation": organisation.name if organisation else "",
        "technology": technology.name if technology else "",
        "suspected": data["suspected"],
        "rights": data["rights"],
        "harm": data["harm"],
        "remedy": data["remedy"],
        "remedy_text": data["remedy_text"],
        "email": data["email"] if data["contact"] == "email" else "",
    }
    consents = list(data["consents"])
    subject = subjects.resolve(data["deployed"])
    if subject is not None:  # sealed with the answers; the handler confirms it on closing
        answers |= {"deployed": subject.label, "deployed_subject": subject.key}
        if data["route_to_overseer"] and Destination.STATE not in consents:
            consents.append(Destination.STATE)
    identity = {k: data[k] for k in ("name", "identity_contact") if data[k]}
    return actions.Submission(
        channel=channel,
        nonce=nonce,
        answers=answers,
        identity=identity,
        country=data["country"],
        category=technology.category if technology else data["category"],
        consents=consents,
        contact_by_email=data["contact"] == "email",
        uploads=data["evidence"],
        keep_original=data["keep_original"],
    )


@complainant_page
def report(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    channel = _channel(slug)
    context: dict[str, Any] = {"channel": channel}
    if request.method != "POST":
        return _page(request, "grievances/report_form.html", context | {"form": ReportForm()})
    if not limiter.submissions.allow():  # site-wide: keeps the words, never the files
        _discard_uploads(request)
        kept = ReportForm(request.POST)
        return _slow_down(request, "grievances/report_form.html", context | {"form": kept})
    form = ReportForm(request.POST, request.FILES)
    nonce = formtoken.verified_nonce(request)
    if nonce is None or not form.is_valid():
        _discard_uploads(request)
        if nonce is None:
            context["notice"] = _("Please check your answers and press “Send my report” again.")
        return _page(request, "grievances/report_form.html", context | {"form": form}, 400)
    try:
        _report, receipt = actions.submit_report(_submission(form, channel, nonce))
    except EvidenceError as exc:  # the words come back with the form; the files do not
        _discard_uploads(request)
        form.add_error("evidence", str(exc))
        return _page(request, "grievances/report_form.html", context | {"form": form}, 400)
    return _page(request, "grievances/receipt.html", {"receipt": receipt, "channel": channel})


def _login(request: HttpRequest, notice: str = "", status: int = 200) -> HttpResponse:
    context = {"form": ReceiptForm(), "notice": notice}
    return _page(request, "grievances/status_login.html", context, status)


@complainant_page
def status(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _login(request)
    if not limiter.receipts.allow():  # site-wide: nobody can make one complainant wait
        _discard_uploads(request)
        notice = _("Many people are opening reports right now. Please try again in a minute.")
        return _login(request, notice, 429)
    nonce = formtoken.verified_nonce(request)
    opened = actions.open_with_receipt(str(request.POST.get("receipt", ""))[:100])
    if nonce is None or opened is None:
        _discard_uploads(request)
        return _login(request, str(NOT_FOUND) if nonce else _("Please try again."), 400)
    report_row, private = opened
    notice, reply, code = "", ReplyForm(), 200
    if request.POST.get("action") == "reply":
        reply, notice, code = _reply(request, report_row, nonce)
    context = status_context(report_row, private) | {
        "receipt": request.POST.get("receipt", ""),
        "reply": reply,
        "notice": notice,
    }
    return _page(request, "grievances/status.html", context, code)


def _reply(request: HttpRequest, report_row: Any, nonce: str) -> tuple[ReplyForm, str, int]:
    """The reply form to show next, a notice, and the status code."""
    reply = ReplyForm(request.POST, request.FILES)
    data = reply.cleaned_data if reply.is_valid() else {}
    if not (data.get("message") or data.get("evidence")):
        _discard_uploads(request)
        return reply, "", 200
    try:
        actions.complainant_writes(
            report_row, nonce, data["message"], data["evidence"], data["keep_original"]
        )
    except EvidenceError as exc:  # nothing was written: the message comes back with the form
        _discard_uploads(request)
        reply.add_error("evidence", str(exc))
        return reply, "", 400
    return ReplyForm(), _("Thank you. We received what you sent."), 200
