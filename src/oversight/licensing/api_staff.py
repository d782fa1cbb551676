"""Licensing API for officers and reviewers of the exporting State (bearer token)."""

from datetime import date
from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Schema, Status

from oversight.licensing import access, actions
from oversight.licensing.api import RESPONSES, ErrorsOut, VersionIn, router, run, user
from oversight.licensing.models import Appeal


class ConsultationIn(Schema):
    days: int = 30
    version: int | None = None


class CriterionIn(Schema):
    criterion: str
    rating: str
    reasoning: str
    evidence: list[str] = []


class ReviewIn(Schema):
    criteria: list[CriterionIn]
    recommendation: str
    summary: str
    conditions: str = ""
    version: int | None = None


class DecisionIn(Schema):
    outcome: str  # issued | refused | exempt
    reasons: list[str]
    conditions: list[str] = []
    cited: list[str] = []
    valid_until: date | None = None
    version: int | None = None


class ReasonsIn(Schema):
    reasons: list[str]
    version: int | None = None


class AppealDecisionIn(Schema):
    allow: bool
    reasons: list[str]


class LicenceOut(Schema):
    number: str
    status: str
    version: int
    valid_until: date
    flagged_for_review: bool


P = "/licensing/applications/{reference}"


@router.post(f"{P}/consultation", response=RESPONSES, summary="Open the consultation (officer)")
def open_consultation(request: HttpRequest, reference: str, body: ConsultationIn) -> Status[Any]:
    app = access.application_for_officer(user(request), reference)
    work = lambda: actions.open_consultation(  # noqa: E731
        app, actor=user(request), days=body.days, expected_version=body.version
    )
    return run(work, app)


@router.post(f"{P}/start-review", response=RESPONSES, summary="Send to review (officer)")
def start_review(request: HttpRequest, reference: str, body: VersionIn) -> Status[Any]:
    app = access.application_for_officer(user(request), reference)
    work = lambda: actions.start_review(  # noqa: E731
        app, actor=user(request), expected_version=body.version
    )
    return run(work, app)


@router.post(f"{P}/review", response=RESPONSES, summary="Submit the human rights review")
def review(request: HttpRequest, reference: str, body: ReviewIn) -> Status[Any]:
    app = access.application_for_reviewer(user(request), reference)
    work = lambda: actions.submit_review(  # noqa: E731
        app,
        criteria=[item.dict() for item in body.criteria],
        recommendation=body.recommendation,
        summary=body.summary,
        conditions=body.conditions,
        actor=user(request),
        expected_version=body.version,
    )
    return run(work, app)


@router.post(f"{P}/decision", response=RESPONSES, summary="Decide (officer)")
def decide(request: HttpRequest, reference: str, body: DecisionIn) -> Status[Any]:
    app = access.application_for_officer(user(request), reference)
    work = lambda: actions.decide_application(  # noqa: E731
        app,
        outcome=body.outcome,
        reasons=body.reasons,
        conditions=body.conditions,
        cited=body.cited,
        valid_until=body.valid_until,
        actor=user(request),
        expected_version=body.version,
    )
    return run(work, app)


@router.post(f"{P}/appeals/{{pk}}/decision", response=RESPONSES, summary="Decide an appeal")
def decide_appeal(
    request: HttpRequest, reference: str, pk: int, body: AppealDecisionIn
) -> Status[Any]:
    app = access.application_for_officer(user(request), reference)
    appeal = get_object_or_404(Appeal, pk=pk, application=app)
    work = lambda: actions.decide_appeal(  # noqa: E731
        appeal, allow=body.allow, reasons=body.reasons, actor=user(request)
    )
    return run(work, app)


MOVES = {
    "suspend": actions.suspend_licence,
    "reinstate": actions.reinstate_licence,
    "revoke": actions.revoke_licence,
}


@router.post(
    "/licensing/licences/{number}/{move}",
    response={200: LicenceOut, 400: ErrorsOut, 404: ErrorsOut, 409: ErrorsOut},
    summary="Suspend, reinstate or revoke a licence, with reasons (officer)",
)
def licence_status(request: HttpRequest, number: str, move: str, body: ReasonsIn) -> Status[Any]:
    if move not in MOVES:
        raise Http404("No such move")
    licence = access.licence_for_officer(user(request), number)
    status = run(
        lambda: MOVES[move](
            licence, reasons=body.reasons, actor=user(request), expected_version=body.version
        )
    )
    if status.status_code != 200:
        return status
    licence.refresh_from_db()
    return Status(200, LicenceOut.from_orm(licence))
