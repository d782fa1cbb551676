"""Staff pages of a proposal: the agency drafts and submits, the oversight body decides."""

from collections.abc import Mapping
from typing import Any

from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from oversight.accounts.access import require_staff
from oversight.consultations.access import published_comments
from oversight.core.forms import attach_errors
from oversight.core.rules import Refused
from oversight.core.transitions import allowed_moves
from oversight.procurement import access, actions
from oversight.procurement.actions.proposals import consultation_of
from oversight.procurement.forms import (
    AnalysisForm,
    DecideForm,
    ImpactReportForm,
    MeetingForm,
    NewProposalForm,
    ReasonForm,
    VoteForm,
)
from oversight.procurement.models import Proposal, Status
from oversight.procurement.models.proposals import MACHINE, SECTIONS, TESTS
from oversight.procurement.views.common import Page, attempt

LIST_LIMIT = 200


@require_staff
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    proposals = (access.proposals_for_agency(user) | access.proposals_for_body(user)).distinct()
    return render(
        request,
        "procurement/staff/index.html",
        {
            "proposals": proposals.order_by("-created_at")[:LIST_LIMIT],
            "holdings": access.holdings_for_staff(user).distinct()[:LIST_LIMIT],
            "may_propose": access.agencies_of(user).exists(),
        },
    )


@require_staff
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponseBase:
    agencies = access.agencies_of(request.user)
    form = NewProposalForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = actions.create_proposal(actor=request.user, **data)
        except Refused as error:
            attach_errors(form, error)
        else:
            return redirect("procurement:proposal", reference=proposal.reference)
    status = 400 if request.method == "POST" else 200  # refused: the form again, as typed
    return render(request, "procurement/staff/new.html", {"form": form}, status=status)


def _context(
    request: HttpRequest, proposal: Proposal, bound: Mapping[str, Form]
) -> dict[str, Any]:
    user = request.user
    consultation = consultation_of(proposal)
    agency = access.may_propose(user, proposal.agency)
    member = access.may_sit(user, proposal.body)
    initial = {name: getattr(proposal, name) for name, _label in SECTIONS + TESTS}
    initial["shared_with"] = list(proposal.shared_with.all())
    comments = published_comments(consultation) if consultation else []
    draft = proposal.status == Status.DRAFT
    return {
        "proposal": proposal,
        "consultation": consultation,
        "as_agency": agency,
        "as_member": member,
        "next": allowed_moves(MACHINE, proposal.status),
        "sections": [(label, getattr(proposal, name)) for name, label in SECTIONS + TESTS],
        "report_form": bound.get("report")
        or (ImpactReportForm(initial=initial) if draft else None),
        "meeting_form": bound.get("meeting") or MeetingForm(),
        "analysis_form": bound.get("analysis") or AnalysisForm(comments=comments),
        "vote_form": bound.get("vote") or VoteForm(),
        "decide_form": bound.get("decide") or DecideForm(),
        "withdraw_form": bound.get("withdraw") or ReasonForm(),
        "meetings": list(proposal.meetings.all()),
        "votes": list(proposal.votes.select_related("member")),
        "analysis": getattr(proposal, "analysis", None),
        "decision": getattr(proposal, "decision", None),
    }


@require_staff
def proposal(request: HttpRequest, reference: str) -> HttpResponse:
    return show(request, access.proposal_for_staff(request.user, reference))


def show(
    request: HttpRequest, row: Proposal, bound: Mapping[str, Form] | None = None
) -> HttpResponse:
    """The proposal's page; `bound` puts back refused forms as they were typed."""
    # Read again: a refused action may have changed the row in memory, not in the database.
    row = access.proposal_for_staff(request.user, row.reference) if bound is not None else row
    context = _context(request, row, bound or {})
    return render(request, "procurement/staff/proposal.html", context)


def _back(row: Proposal) -> str:
    return reverse("procurement:proposal", args=[row.reference])


def _page(request: HttpRequest, row: Proposal) -> Page:
    return lambda bound: show(request, row, bound)


@require_staff
@require_POST
def edit(request: HttpRequest, reference: str) -> HttpResponseBase:
    row = access.proposal_for_agency(request.user, reference)

    def work(data: dict[str, Any]) -> None:
        shared = data.pop("shared_with")
        actions.update_draft(row, actor=request.user, answers=data, shared_with=shared)

    return attempt(
        request, ImpactReportForm(request.POST), work, _back(row), _page(request, row), "report"
    )


@require_staff
@require_POST
def submit(request: HttpRequest, reference: str) -> HttpResponseBase:
    row = access.proposal_for_agency(request.user, reference)
    return attempt(
        request,
        None,
        lambda _d: actions.submit_proposal(row, actor=request.user),
        _back(row),
        _page(request, row),
    )


@require_staff
@require_POST
def withdraw(request: HttpRequest, reference: str) -> HttpResponseBase:
    row = access.proposal_for_agency(request.user, reference)
    return attempt(
        request,
        ReasonForm(request.POST),
        lambda d: actions.withdraw(row, actor=request.user, reason=d["reasons"]),
        _back(row),
        _page(request, row),
        "withdraw",
    )


@require_staff
@require_POST
def close_comment(request: HttpRequest, reference: str) -> HttpResponseBase:
    row = access.proposal_for_body(request.user, reference)
    return attempt(
        request,
        None,
        lambda _d: actions.close_comment(row, actor=request.user),
        _back(row),
        _page(request, row),
    )


@require_staff
@require_POST
def meeting(request: HttpRequest, reference: str) -> HttpResponseBase:
    row = access.proposal_for_body(request.user, reference)
    return attempt(
        request,
        MeetingForm(request.POST),
        lambda d: actions.record_meeting(row, actor=request.user, **d),
        _back(row),
        _page(request, row),
        "meeting",
    )


@require_staff
@require_POST
def analysis(request: HttpRequest, reference: str) -> HttpResponseBase:
    row = access.proposal_for_body(request.user, reference)
    consultation = consultation_of(row)
    form = AnalysisForm(
        request.POST, comments=published_comments(consultation) if consultation else []
    )

    def work(data: dict[str, Any]) -> None:
        theme = {
            "theme": data["theme"],
            "response": data["response"],
            "comments": [int(pk) for pk in data["comments"]],
        }
        earlier = list(row.analysis.themes) if hasattr(row, "analysis") else []
        actions.write_analysis(row, actor=request.user, themes=[*earlier, theme])

    return attempt(request, form, work, _back(row), _page(request, row), "analysis")


@require_staff
@require_POST
def vote(request: HttpRequest, reference: str) -> HttpResponseBase:
    row = access.proposal_for_body(request.user, reference)
    return attempt(
        request,
        VoteForm(request.POST),
        lambda d: actions.cast_vote(row, actor=request.user, **d),
        _back(row),
        _page(request, row),
        "vote",
    )


@require_staff
@require_POST
def decide(request: HttpRequest, reference: str) -> HttpResponseBase:
    row = access.proposal_for_body(request.user, reference)
    return attempt(
        request,
        DecideForm(request.POST),
        lambda d: actions.decide(row, actor=request.user, **d),
        _back(row),
        _page(request, row),
        "decide",
    )
