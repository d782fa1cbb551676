"""Licensing API for officers and reviewers of the exporting State (bearer token)."""

from datetime import date

from django.http import Http404
from ninja import Router, Schema

from oversight.accounts.api_auth import ApiRequest, token_auth
from oversight.licensing import access, actions
from oversight.licensing.api_base import (
    CONFLICT,
    RESPONSES,
    ApplicationOut,
    VersionIn,
    applied,
    apply,
)
from oversight.licensing.models import Licence

router = Router(tags=["licensing"], auth=token_auth)


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
    justification: str = ""  # required when deciding against the review's recommendation
    valid_until: date | None = None
    version: int | None = None


class ReasonsIn(Schema):
    reasons: list[str]
    version: int | None = None


class ResearchRulingIn(Schema):
    confirm: bool  # true: register the research transfer; false: back to normal screening
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
def open_consultation(request: ApiRequest, reference: str, body: ConsultationIn) -> ApplicationOut:
    app = access.application_for_officer(request.auth, reference)
    work = lambda: actions.open_consultation(  # noqa: E731
        app, actor=request.auth, days=body.days, expected_version=body.version
    )
    return applied(work, app)


@router.post(f"{P}/start-review", response=RESPONSES, summary="Send to review (officer)")
def start_review(request: ApiRequest, reference: str, body: VersionIn) -> ApplicationOut:
    app = access.application_for_officer(request.auth, reference)
    work = lambda: actions.start_review(  # noqa: E731
        app, actor=request.auth, expected_version=body.version
    )
    return applied(work, app)


@router.post(f"{P}/review", response=RESPONSES, summary="Submit the human rights review")
def review(request: ApiRequest, reference: str, body: ReviewIn) -> ApplicationOut:
    app = access.application_for_reviewer(request.auth, reference)
    work = lambda: actions.submit_review(  # noqa: E731
        app,
        criteria=[item.dict() for item in body.criteria],
        recommendation=body.recommendation,
        summary=body.summary,
        conditions=body.conditions,
        actor=request.auth,
        expected_version=body.version,
    )
    return applied(work, app)


@router.post(f"{P}/decision", response=RESPONSES, summary="Decide (officer)")
def decide(request: ApiRequest, reference: str, body: DecisionIn) -> ApplicationOut:
    app = access.application_for_officer(request.auth, reference)
    work = lambda: actions.decide_application(  # noqa: E731
        app,
        outcome=body.outcome,
        reasons=body.reasons,
        conditions=body.conditions,
        cited=body.cited,
        justification=body.justification,
        valid_until=body.valid_until,
        actor=request.auth,
        expected_version=body.version,
    )
    return applied(work, app)


@router.post(
    f"{P}/research-ruling",
    response=RESPONSES,
    summary="Confirm or refuse the research safe harbour, with reasons (officer)",
)
def research_ruling(request: ApiRequest, reference: str, body: ResearchRulingIn) -> ApplicationOut:
    app = access.application_for_officer(request.auth, reference)
    rule = actions.confirm_research if body.confirm else actions.refuse_research
    work = lambda: rule(  # noqa: E731
        app, reasons=body.reasons, actor=request.auth, expected_version=body.version
    )
    return applied(work, app)


@router.post(f"{P}/appeals/{{pk}}/decision", response=RESPONSES, summary="Decide an appeal")
def decide_appeal(
    request: ApiRequest, reference: str, pk: int, body: AppealDecisionIn
) -> ApplicationOut:
    appeal = access.appeal_for_officer(request.auth, reference, pk)
    app = appeal.application
    work = lambda: actions.decide_appeal(  # noqa: E731
        appeal, allow=body.allow, reasons=body.reasons, actor=request.auth
    )
    return applied(work, app)


MOVES = {
    "suspend": actions.suspend_licence,
    "reinstate": actions.reinstate_licence,
    "revoke": actions.revoke_licence,
}


@router.post(
    "/licensing/licences/{number}/{move}",
    response={200: LicenceOut, **CONFLICT},
    summary="Suspend, reinstate or revoke a licence, with reasons (officer)",
)
def licence_status(request: ApiRequest, number: str, move: str, body: ReasonsIn) -> Licence:
    if move not in MOVES:
        raise Http404("No such move")
    licence = access.licence_for_officer(request.auth, number)
    apply(
        lambda: MOVES[move](
            licence, reasons=body.reasons, actor=request.auth, expected_version=body.version
        )
    )
    licence.refresh_from_db()
    return licence
