"""Casework pages (#14 §3-4): queues and bulk approval, classification rulings,
catch-all notifications, and the case page's questions, assignment and advice."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from oversight.accounts.access import has_role, organisation_ids_for, require_staff
from oversight.accounts.models import Role, User
from oversight.licensing import access, casework
from oversight.licensing.actions import casework as work
from oversight.licensing.actions import rulings
from oversight.licensing.casework_forms import (
    AdviceForm,
    AnswerForm,
    AssignForm,
    BulkApprovalForm,
    CatchAllDecisionForm,
    CatchAllForm,
    CiteRulingForm,
    CountersignForm,
    QuestionForm,
    RulingAnswerForm,
    RulingRequestForm,
    lines_of,
    yes_no,
)
from oversight.licensing.models import Status
from oversight.licensing.views.common import REFUSALS, attempt, invalid, refusal_messages
from oversight.registry.models import Organisation

COMPANY, OFFICER = Role.COMPANY_MEMBER, Role.LICENSING_OFFICER


def _refused(form: Any, error: Exception) -> None:
    """Each reason on the form, under the field it names (or above the form)."""
    by_field = getattr(error, "message_dict", None)
    if by_field:
        for name, items in by_field.items():
            for item in items:
                form.add_error(name if name in form.fields else None, item)
        return
    for message in refusal_messages(error):
        form.add_error(None, message)


# Queues -------------------------------------------------------------------------------


@require_staff
def queues(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = []
    for queue in access.queues_for_officer(request.user).order_by("team__name", "name"):
        cases = list(access.queue_cases(queue))
        days = [clock.days or 0.0 for clock in casework.clocks(cases, now).values()]
        rows.append(
            {
                "queue": queue,
                "open": len(cases),
                "over": sum(1 for d in days if d > queue.target_days),
                "service": casework.service(queue, now),
            }
        )
    return render(request, "licensing/casework/queues.html", {"rows": rows})


def _queue_page(
    request: HttpRequest, slug: str, form: BulkApprovalForm | None = None, **extra: Any
) -> HttpResponse:
    queue = access.queue_for_officer(request.user, slug)
    now = timezone.now()
    cases: list[dict[str, Any]] = []
    found = list(access.queue_cases(queue).order_by("submitted_at", "pk"))
    clocks = casework.clocks(found, now)
    for app in found:
        days = clocks[app.pk].days
        cases.append(
            {
                "app": app,
                "days": days,
                "over": days is not None and days > queue.target_days,
                "waiting": clocks[app.pk].waiting,
                "decidable": app.status == Status.DECISION,
            }
        )
    references = [c["app"].reference for c in cases if c["decidable"]]
    context = {
        "queue": queue,
        "cases": cases,
        "service": casework.service(queue, now),
        "form": form or BulkApprovalForm(references=references, auto_id="bulk-%s"),
        **extra,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "licensing/casework/queue.html", context, status=status)


@require_staff
def queue(request: HttpRequest, slug: str) -> HttpResponse:
    return _queue_page(request, slug)


@require_staff
@require_POST
def bulk_approve(request: HttpRequest, slug: str) -> HttpResponse:
    found = access.queue_for_officer(request.user, slug)
    references = [app.reference for app in access.queue_cases(found)]
    form = BulkApprovalForm(request.POST, references=references, auto_id="bulk-%s")
    if not form.is_valid():
        return _queue_page(request, slug, form)
    chosen = [
        access.application_for_officer(request.user, ref)
        for ref in form.cleaned_data["applications"]
    ]
    try:
        results = work.bulk_approve(
            chosen, reasons=lines_of(form.cleaned_data["reasons"]), actor=request.user
        )
    except REFUSALS as error:
        _refused(form, error)
        return _queue_page(request, slug, form)
    decided = sum(1 for r in results if r.decided)
    messages.success(
        request, _("%(n)d of %(m)d case(s) approved.") % {"n": decided, "m": len(results)}
    )
    return _queue_page(request, slug, results=results)


# Classification rulings --------------------------------------------------------------


def _exporter_of(user: Any) -> Organisation | None:
    return Organisation.objects.filter(pk__in=organisation_ids_for(user, COMPANY)).first()


@require_staff
@require_http_methods(["GET", "POST"])
def ruling_list(request: HttpRequest) -> HttpResponse:
    exporter = _exporter_of(request.user)
    form = RulingRequestForm(auto_id="ruling-%s") if exporter else None
    if request.method == "POST":
        if exporter is None:
            raise PermissionDenied(_("Only a member of an exporter asks for a ruling."))
        form = RulingRequestForm(request.POST, auto_id="ruling-%s")
        if form.is_valid():
            try:
                row = rulings.request_ruling(exporter, form.cleaned_data, actor=request.user)
            except REFUSALS as error:
                _refused(form, error)
            else:
                messages.success(request, _("Your request is with the authority."))
                return redirect("licensing:ruling", reference=row.reference)
    context = {"rulings": access.rulings_for_user(request.user)[:200], "form": form}
    status = 400 if form is not None and form.errors else 200
    return render(request, "licensing/casework/rulings.html", context, status=status)


@require_staff
@require_http_methods(["GET", "POST"])
def ruling_detail(request: HttpRequest, reference: str) -> HttpResponse:
    row = access.ruling_for_user(request.user, reference)
    officer = has_role(request.user, OFFICER, jurisdiction=row.jurisdiction_id)
    form = RulingAnswerForm(initial={"version": row.version}, auto_id="answer-%s")
    if request.method == "POST":
        if not officer:
            raise PermissionDenied(_("Only a licensing officer of this State answers."))
        form = RulingAnswerForm(request.POST, auto_id="answer-%s")
        if form.is_valid():
            data = form.cleaned_data
            try:
                rulings.answer_ruling(
                    row,
                    controlled=yes_no(data["controlled"]),
                    control_entry=data["control_entry"],
                    reasoning=data["reasoning"],
                    actor=request.user,
                    expected_version=data["version"],
                )
            except REFUSALS as error:
                _refused(form, error)
            else:
                messages.success(request, _("Ruling given and published."))
                return redirect("licensing:ruling", reference=row.reference)
    context = {
        "ruling": row,
        "form": form if officer and row.state == "requested" else None,
        "confidential": has_role(request.user, COMPANY, organisation=row.exporter) or officer,
        "overdue": row.state == "requested" and timezone.localdate() > row.due_on,
    }
    status = 400 if form.errors else 200
    return render(request, "licensing/casework/ruling.html", context, status=status)


# Catch-all notifications -------------------------------------------------------------


@require_staff
@require_http_methods(["GET", "POST"])
def catch_all_list(request: HttpRequest) -> HttpResponse:
    exporter = _exporter_of(request.user)
    ids = organisation_ids_for(request.user, COMPANY)
    form = CatchAllForm(exporter_ids=ids, auto_id="notify-%s") if exporter else None
    if request.method == "POST":
        if exporter is None:
            raise PermissionDenied(_("Only a member of an exporter notifies."))
        form = CatchAllForm(request.POST, exporter_ids=ids, auto_id="notify-%s")
        if form.is_valid():
            values = {**form.cleaned_data, "destination_id": form.cleaned_data["destination"]}
            try:
                row = rulings.notify_catch_all(exporter, values, actor=request.user)
            except REFUSALS as error:
                _refused(form, error)
            else:
                messages.success(
                    request, _("Notified. Do not export until the authority decides.")
                )
                return redirect("licensing:catch_all", reference=row.reference)
    context = {"notifications": access.notifications_for_user(request.user)[:200], "form": form}
    status = 400 if form is not None and form.errors else 200
    return render(request, "licensing/casework/catch_alls.html", context, status=status)


@require_staff
@require_http_methods(["GET", "POST"])
def catch_all_detail(request: HttpRequest, reference: str) -> HttpResponse:
    row = access.notification_for_user(request.user, reference)
    officer = has_role(request.user, OFFICER, jurisdiction=row.jurisdiction_id)
    form = CatchAllDecisionForm(initial={"version": row.version}, auto_id="decide-%s")
    if request.method == "POST":
        if not officer:
            raise PermissionDenied(_("Only a licensing officer of this State decides."))
        form = CatchAllDecisionForm(request.POST, auto_id="decide-%s")
        if form.is_valid():
            data = form.cleaned_data
            try:
                rulings.decide_catch_all(
                    row,
                    licence_required=yes_no(data["licence_required"]),
                    reasons=lines_of(data["reasons"]),
                    actor=request.user,
                    expected_version=data["version"],
                )
            except REFUSALS as error:
                _refused(form, error)
            else:
                messages.success(request, _("Decided. The exporter is told on this page."))
                return redirect("licensing:catch_all", reference=row.reference)
    context = {
        "note": row,
        "form": form if officer and row.state == "notified" else None,
        "overdue": row.state == "notified" and timezone.localdate() > row.due_on,
    }
    status = 400 if form.errors else 200
    return render(request, "licensing/casework/catch_all.html", context, status=status)


# The case page: assignment, questions, advice, citations -----------------------------


@require_staff
@require_POST
def assign(request: HttpRequest, reference: str) -> HttpResponseBase:
    app = access.application_for_officer(request.user, reference)
    officers = casework.officers_of(app.exporting_jurisdiction_id)
    form = AssignForm(request.POST, officers=officers, auto_id="assign-%s")
    if not form.is_valid():
        return invalid(request, app, form, "assign_form")
    chosen = form.cleaned_data["officer"]
    officer = User.objects.get(pk=chosen) if chosen else None
    work_ = lambda: work.assign_case(app, officer, actor=request.user)  # noqa: E731
    return attempt(request, app, work_, _("Assigned."))


@require_staff
@require_POST
def ask(request: HttpRequest, reference: str) -> HttpResponseBase:
    app = access.application_for_officer(request.user, reference)
    form = QuestionForm(request.POST, auto_id="question-%s")
    if not form.is_valid():
        return invalid(request, app, form, "question_form")
    data = form.cleaned_data
    work_ = lambda: work.ask_question(  # noqa: E731
        app, data["text"], reply_days=data["reply_days"], actor=request.user
    )
    return attempt(request, app, work_, _("Question sent; the case clock stops until answered."))


@require_staff
@require_POST
def answer(request: HttpRequest, reference: str, pk: int) -> HttpResponseBase:
    app = access.application_for_applicant(request.user, reference)
    question = access.question_of(app, pk)
    form = AnswerForm(request.POST, auto_id="answer-%s")
    if not form.is_valid():
        return invalid(request, app, form, "answer_form")
    text = form.cleaned_data["answer"]
    work_ = lambda: work.answer_question(question, text, actor=request.user)  # noqa: E731
    return attempt(request, app, work_, _("Answer sent to the authority."))


@require_staff
@require_POST
def advice(request: HttpRequest, reference: str) -> HttpResponseBase:
    app = access.application_for_officer(request.user, reference)
    form = AdviceForm(request.POST, auto_id="advice-%s")
    if not form.is_valid():
        return invalid(request, app, form, "advice_form")
    data = form.cleaned_data
    values = {
        "outcome": data["outcome"],
        "reasons": lines_of(data["reasons"]),
        "conditions": lines_of(data["conditions"]),
        "cited": data["cited"],
        "justification": data["justification"],
        "valid_until": data["valid_until"],
    }
    work_ = lambda: work.draft_advice(app, values, actor=request.user)  # noqa: E731
    return attempt(
        request, app, work_, _("Advice saved; any countersignature given is cancelled.")
    )


def _advice_of(request: HttpRequest, reference: str) -> Any:
    app = access.application_for_officer(request.user, reference)
    found = casework.current_advice(app)
    return app, found


@require_staff
@require_POST
def countersign(request: HttpRequest, reference: str) -> HttpResponseBase:
    app, found = _advice_of(request, reference)
    form = CountersignForm(request.POST, auto_id="countersign-%s")
    if found is None or not form.is_valid():
        if found is None:
            form.add_error(None, _("There is no advice to countersign."))
        return invalid(request, app, form, "countersign_form")
    data = form.cleaned_data
    work_ = lambda: work.countersign(  # noqa: E731
        found, actor=request.user, comment=data["comment"], expected_version=data["version"]
    )
    return attempt(request, app, work_, _("Countersigned."))


@require_staff
@require_POST
def issue(request: HttpRequest, reference: str) -> HttpResponseBase:
    app, found = _advice_of(request, reference)
    form = CountersignForm(request.POST, auto_id="countersign-%s")
    if found is None or not form.is_valid():
        if found is None:
            form.add_error(None, _("There is no advice to issue."))
        return invalid(request, app, form, "countersign_form")
    version = form.cleaned_data["version"]
    work_ = lambda: work.issue_advice(found, actor=request.user, expected_version=version)  # noqa: E731
    return attempt(request, app, work_, _("Decided and published in the register."))


@require_staff
@require_POST
def cite(request: HttpRequest, reference: str) -> HttpResponseBase:
    app = access.application_for_applicant(request.user, reference)
    form = CiteRulingForm(request.POST, auto_id="cite-%s")
    if not form.is_valid():
        return invalid(request, app, form, "cite_form")
    data = form.cleaned_data
    try:
        ruling = access.published_ruling(data["ruling"].strip(), app.exporting_jurisdiction_id)
    except Http404:  # bad input on the form, not a missing page
        form.add_error("ruling", _("No published ruling of your State has that reference."))
        return invalid(request, app, form, "cite_form")
    work_ = lambda: rulings.cite_ruling(app, ruling, line=data["line"], actor=request.user)  # noqa: E731
    return attempt(request, app, work_, _("The application cites the ruling."))
