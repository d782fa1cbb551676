"""Licence conditions through the API (bearer token): the officers of the exporting State
set and assess, the holder's members submit evidence; anyone else gets a 404."""

from datetime import date

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema

from oversight.accounts.api_auth import ApiRequest, token_auth
from oversight.core.rules import Reason, Refused
from oversight.licensing import access
from oversight.licensing.actions import conditions as actions
from oversight.licensing.api_base import CONFLICT, apply
from oversight.licensing.models import LicenceCondition, SuspensionProposal
from oversight.registry.models import Organisation

router = Router(tags=["licensing"], auth=token_auth)


class ConditionIn(Schema):
    kind: str  # end_use_certificate | post_shipment_verification | usage_report | audit
    terms: str
    evidence_due: date | None = None
    auditor: str | None = None  # the auditor's registry slug, for an audit condition


class EvidenceIn(Schema):
    evidence: str
    version: int | None = None


class AssessmentIn(Schema):
    met: bool
    reasons: list[str]
    version: int | None = None


class ProposalIn(Schema):
    suspend: bool
    reasons: list[str]


class ConditionOut(Schema):
    id: int
    licence: str
    kind: str
    terms: str
    auditor: str | None
    evidence_due: date
    status: str
    evidence: str
    assessment: str
    met_on: date | None
    overdue_since: date | None
    version: int


class ProposalOut(Schema):
    id: int
    licence: str
    reason: str
    state: str
    decision_reasons: list[str]


def condition_out(row: LicenceCondition) -> ConditionOut:
    return ConditionOut(
        id=row.pk,
        licence=row.licence.number,
        kind=row.kind,
        terms=row.terms,
        auditor=row.auditor.slug if row.auditor else None,
        evidence_due=row.evidence_due,
        status=row.status,
        evidence=row.evidence,
        assessment=row.assessment,
        met_on=row.met_on,
        overdue_since=row.overdue_since,
        version=row.version,
    )


def _require(power: bool) -> None:
    if not power:
        raise Http404("No such licence")


L = "/licensing/licences/{number}"


@router.get(f"{L}/conditions", response=list[ConditionOut], summary="A licence's conditions")
def conditions(request: ApiRequest, number: str) -> list[ConditionOut]:
    licence, _powers = access.licence_for_user(request.auth, number)
    return [condition_out(row) for row in licence.typed_conditions.select_related("auditor")]


@router.post(f"{L}/conditions", response={201: ConditionOut}, summary="Set a condition (officer)")
def set_condition(request: ApiRequest, number: str, body: ConditionIn) -> tuple[int, ConditionOut]:
    licence, powers = access.licence_for_user(request.auth, number)
    _require(powers.officer)
    auditor = None
    if body.auditor:
        auditor = Organisation.objects.filter(slug=body.auditor, kind="auditor").first()
        if auditor is None:
            raise Refused([Reason(_("No auditor has this identifier."), "auditor")])
    row = actions.set_condition(
        licence,
        kind=body.kind,
        terms=body.terms,
        evidence_due=body.evidence_due,
        auditor=auditor,
        actor=request.auth,
    )
    return 201, condition_out(row)


@router.post(
    f"{L}/conditions/{{pk}}/evidence",
    response={200: ConditionOut, **CONFLICT},
    summary="Submit evidence for a condition (holder)",
)
def evidence(request: ApiRequest, number: str, pk: int, body: EvidenceIn) -> ConditionOut:
    licence, powers = access.licence_for_user(request.auth, number)
    _require(powers.applicant)
    row = access.condition_of(licence, pk)
    done = apply(
        lambda: actions.submit_evidence(
            row, evidence=body.evidence, actor=request.auth, expected_version=body.version
        )
    )
    return condition_out(done)


@router.post(
    f"{L}/conditions/{{pk}}/assessment",
    response={200: ConditionOut, **CONFLICT},
    summary="Assess a condition's evidence (officer)",
)
def assessment(request: ApiRequest, number: str, pk: int, body: AssessmentIn) -> ConditionOut:
    licence, powers = access.licence_for_user(request.auth, number)
    _require(powers.officer)
    row = access.condition_of(licence, pk)
    done = apply(
        lambda: actions.assess_evidence(
            row,
            met=body.met,
            reasons=body.reasons,
            actor=request.auth,
            expected_version=body.version,
        )
    )
    return condition_out(done)


@router.post(
    f"{L}/proposals/{{pk}}/decision",
    response=ProposalOut,
    summary="Accept (suspend) or decline a suspension proposal (officer)",
)
def proposal(request: ApiRequest, number: str, pk: int, body: ProposalIn) -> ProposalOut:
    licence, powers = access.licence_for_user(request.auth, number)
    _require(powers.officer)
    row: SuspensionProposal = access.proposal_of(licence, pk)
    done = actions.decide_proposal(
        row, suspend=body.suspend, reasons=body.reasons, actor=request.auth
    )
    return ProposalOut(
        id=done.pk,
        licence=licence.number,
        reason=done.reason,
        state=done.state,
        decision_reasons=list(done.decision_reasons),
    )
