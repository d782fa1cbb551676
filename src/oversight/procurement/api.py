"""Procurement's API: agencies and oversight bodies act with a bearer token; reads are open.

Each write runs the same action as the staff page; every refusal is one `core.api.ErrorOut`.
"""

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from oversight.accounts.api_auth import ApiRequest, token_auth
from oversight.core.api import ErrorOut
from oversight.core.rules import Reason, Refused
from oversight.procurement import access, actions, ocds, publication
from oversight.procurement.models import Holding, OversightBody, Proposal
from oversight.registry.access import get_technology_for_user
from oversight.registry.models import Organisation

router = Router(tags=["procurement"])
RESPONSES: dict[int, Any] = {409: ErrorOut}


class ProposalOut(Schema):
    reference: str
    status: str
    kind: str
    version: int
    agency: str
    technology: str
    chain: str | None
    sections: dict[str, str]
    withheld: list[dict[str, str]]
    decision: str | None
    flags: list[str]


class HoldingOut(Schema):
    chain: str
    status: str
    agency: str
    technology: str
    origin: str
    origin_reference: str
    complaints: int | None
    overdue: list[int]
    flags: list[str]
    steps: list[dict[str, str]]


class NewProposalIn(Schema):
    agency: str  # organisation slug
    body: str  # the oversight body's organisation slug
    technology: str  # registry technology slug
    kind: str
    title: str
    supplier: str | None = None
    holding: str | None = None  # the chain of a technology already held (new use, sharing)
    origin: str = "unknown"
    origin_reference: str = ""
    value: Decimal | None = None
    answers: dict[str, str] = {}


class DraftIn(Schema):
    answers: dict[str, str] = {}
    shared_with: list[str] | None = None
    withheld: list[dict[str, str]] | None = None


class SubmitIn(Schema):
    days: int = 30


class MeetingIn(Schema):
    held_at: datetime
    place: str
    attendance: int
    summary: str
    minutes: str


class ThemeIn(Schema):
    theme: str
    response: str
    comments: list[int] = []


class AnalysisIn(Schema):
    themes: list[ThemeIn]


class VoteIn(Schema):
    choice: str
    conflict: str = ""


class DecisionIn(Schema):
    outcome: str
    reasons: str
    conditions: str = ""
    legality_met: bool
    necessity_met: bool
    aim_met: bool


class PolicyIn(Schema):
    permitted_uses: str
    prohibited_uses: str
    retention: str
    access: str
    sharing: str
    training: str
    auditing: str
    shared_with: list[str] = []


class DeploymentIn(Schema):
    place: str
    started_on: date
    ended_on: date | None = None
    data_volume: str


class ReportIn(Schema):
    year: int
    uses_count: int
    uses: str
    sharing: str
    locations: str
    audits: str
    breaches: str
    effectiveness: str
    costs: str
    recipients: list[str] = []


class ReasonsIn(Schema):
    reasons: str


def organisations(slugs: list[str], field: str) -> list[Organisation]:
    found = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        raise Refused(
            [Reason(f"No organisation {slug!r} in the registry.", field) for slug in missing]
        )
    return [found[slug] for slug in slugs]


def organisation(slug: str | None, field: str) -> Organisation | None:
    return organisations([slug], field)[0] if slug else None


def proposal_out(row: Proposal) -> ProposalOut:
    row.refresh_from_db()
    view = publication.proposal_view(row)
    decision = getattr(row, "decision", None)
    return ProposalOut(
        reference=row.reference,
        status=row.status,
        kind=row.kind,
        version=row.version,
        agency=row.agency.slug,
        technology=row.technology.slug,
        chain=row.holding.chain if row.holding else None,
        sections=dict(view.sections + view.tests),
        withheld=view.withheld,
        decision=decision.outcome if decision else None,
        flags=list(row.flags),
    )


def holding_out(row: Holding) -> HoldingOut:
    row.refresh_from_db()
    chain = publication.chain_view(row)
    return HoldingOut(
        chain=row.chain,
        status=row.status,
        agency=row.agency.slug,
        technology=row.technology.slug,
        origin=row.origin,
        origin_reference=row.origin_reference,
        complaints=chain.complaints,
        overdue=chain.overdue,
        flags=list(row.flags),
        steps=[{"kind": s.kind, "label": s.label, "url": s.url} for s in chain.steps],
    )


def apply(work: Callable[[], Any]) -> Any:
    try:
        return work()
    except actions.Changed as error:
        raise HttpError(409, str(error)) from error


P = "/procurement/proposals/{reference}"
H = "/procurement/inventory/{chain}"


@router.get(P, response=ProposalOut, summary="A public proposal, its impact report and decision")
def get_proposal(request: Any, reference: str) -> ProposalOut:
    return proposal_out(access.public_proposal(reference))


@router.get(H, response=HoldingOut, summary="An inventory entry and its chain")
def get_holding(request: Any, chain: str) -> HoldingOut:
    return holding_out(access.public_holding(chain))


@router.post("/procurement/proposals", response=ProposalOut, auth=token_auth, summary="Draft")
def create(request: ApiRequest, body: NewProposalIn) -> ProposalOut:
    agency = organisation(body.agency, "agency")
    board = OversightBody.objects.filter(organisation__slug=body.body).first()
    if agency is None or board is None:
        raise Refused([Reason(_("No such oversight body."), "body")])
    try:
        technology = get_technology_for_user(request.auth, body.technology)
    except Http404 as error:
        raise Refused([Reason(_("No such technology in the registry."), "technology")]) from error
    holding = access.holding_for_agency(request.auth, body.holding) if body.holding else None
    proposal = actions.create_proposal(
        actor=request.auth,
        agency=agency,
        body=board,
        technology=technology,
        kind=body.kind,
        title=body.title,
        holding=holding,
        supplier=organisation(body.supplier, "supplier"),
        origin=body.origin,
        origin_reference=body.origin_reference,
        value=body.value,
        answers=body.answers,
    )
    return proposal_out(proposal)


@router.post(f"{P}/draft", response=ProposalOut, auth=token_auth, summary="Edit the draft")
def draft(request: ApiRequest, reference: str, body: DraftIn) -> ProposalOut:
    row = access.proposal_for_agency(request.auth, reference)
    shared = (
        organisations(body.shared_with, "shared_with") if body.shared_with is not None else None
    )
    actions.update_draft(
        row, actor=request.auth, answers=body.answers, shared_with=shared, withheld=body.withheld
    )
    return proposal_out(row)


@router.post(f"{P}/submit", response={200: ProposalOut, **RESPONSES}, auth=token_auth)
def submit(request: ApiRequest, reference: str, body: SubmitIn) -> ProposalOut:
    row = access.proposal_for_agency(request.auth, reference)
    apply(lambda: actions.submit_proposal(row, actor=request.auth, days=body.days))
    return proposal_out(row)


@router.post(f"{P}/close-comment", response=ProposalOut, auth=token_auth)
def close_comment(request: ApiRequest, reference: str) -> ProposalOut:
    row = access.proposal_for_body(request.auth, reference)
    actions.close_comment(row, actor=request.auth)
    return proposal_out(row)


@router.post(f"{P}/meetings", response=ProposalOut, auth=token_auth)
def meeting(request: ApiRequest, reference: str, body: MeetingIn) -> ProposalOut:
    row = access.proposal_for_body(request.auth, reference)
    actions.record_meeting(row, actor=request.auth, **body.dict())
    return proposal_out(row)


@router.post(f"{P}/analysis", response=ProposalOut, auth=token_auth)
def analysis(request: ApiRequest, reference: str, body: AnalysisIn) -> ProposalOut:
    row = access.proposal_for_body(request.auth, reference)
    actions.write_analysis(row, actor=request.auth, themes=[t.dict() for t in body.themes])
    return proposal_out(row)


@router.post(f"{P}/votes", response=ProposalOut, auth=token_auth)
def vote(request: ApiRequest, reference: str, body: VoteIn) -> ProposalOut:
    row = access.proposal_for_body(request.auth, reference)
    actions.cast_vote(row, actor=request.auth, choice=body.choice, conflict=body.conflict)
    return proposal_out(row)


@router.post(f"{P}/decision", response={200: ProposalOut, **RESPONSES}, auth=token_auth)
def decide(request: ApiRequest, reference: str, body: DecisionIn) -> ProposalOut:
    row = access.proposal_for_body(request.auth, reference)
    apply(lambda: actions.decide(row, actor=request.auth, **body.dict()))
    return proposal_out(row)


@router.post(f"{H}/policies", response=HoldingOut, auth=token_auth, summary="Draft a policy")
def draft_policy(request: ApiRequest, chain: str, body: PolicyIn) -> HoldingOut:
    row = access.holding_for_agency(request.auth, chain)
    texts = body.dict()
    shared = organisations(texts.pop("shared_with"), "shared_with")
    actions.draft_policy(row, actor=request.auth, texts=texts, shared_with=shared)
    return holding_out(row)


@router.post(f"{H}/policies/{{version}}/approve", response=HoldingOut, auth=token_auth)
def approve_policy(request: ApiRequest, chain: str, version: int) -> HoldingOut:
    row = access.holding_for_body(request.auth, chain)
    actions.approve_policy(access.policy_of(row, version), actor=request.auth)
    return holding_out(row)


@router.post(f"{H}/deployments", response=HoldingOut, auth=token_auth)
def deployment(request: ApiRequest, chain: str, body: DeploymentIn) -> HoldingOut:
    row = access.holding_for_agency(request.auth, chain)
    actions.record_deployment(row, actor=request.auth, **body.dict())
    return holding_out(row)


@router.post(f"{H}/reports", response=HoldingOut, auth=token_auth, summary="Annual report")
def annual_report(request: ApiRequest, chain: str, body: ReportIn) -> HoldingOut:
    row = access.holding_for_agency(request.auth, chain)
    texts = body.dict()
    year, uses, slugs = texts.pop("year"), texts.pop("uses_count"), texts.pop("recipients")
    actions.file_annual_report(
        row,
        actor=request.auth,
        year=year,
        uses_count=uses,
        texts=texts,
        recipients=organisations(slugs, "recipients"),
    )
    return holding_out(row)


@router.post(f"{H}/suspend", response=HoldingOut, auth=token_auth, summary="Suspend use")
def suspend(request: ApiRequest, chain: str, body: ReasonsIn) -> HoldingOut:
    row = access.holding_for_body(request.auth, chain)
    actions.suspend(row, actor=request.auth, reasons=body.reasons)
    return holding_out(row)


@router.get("/ocds/releases.json", response=dict[str, Any], summary="OCDS 1.1 release package")
def ocds_releases(request: Any) -> dict[str, Any]:
    return ocds.release_package(request.build_absolute_uri())


@router.get("/ocds/records.json", response=dict[str, Any], summary="OCDS 1.1 record package")
def ocds_records(request: Any) -> dict[str, Any]:
    return ocds.record_package(request.build_absolute_uri())
