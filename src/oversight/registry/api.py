"""API writes for administrators: a jurisdiction's moratorium and safeguards regime."""

from datetime import date

from ninja import Router, Schema

from oversight.accounts.api_auth import ApiRequest, token_auth
from oversight.registry import access, actions
from oversight.registry.models import Jurisdiction

router = Router(tags=["jurisdictions (administrators)"], auth=token_auth)


class MoratoriumIn(Schema):
    in_force: bool
    since: date | None = None
    scope: list[str] = []
    reference: str = ""
    reasons: list[str]


class SafeguardsIn(Schema):
    status: str
    since: date | None = None
    evidence: str = ""
    reasons: list[str]


class JurisdictionSettingsOut(Schema):
    code: str
    moratorium_in_force: bool
    moratorium_since: date | None
    moratorium_scope: list[str]
    moratorium_reference: str
    safeguards_status: str
    safeguards_since: date | None
    safeguards_evidence: str


@router.put(
    "/jurisdictions/{code}/moratorium",
    response=JurisdictionSettingsOut,
    summary="Declare, change or lift a moratorium (administrators)",
)
def put_moratorium(request: ApiRequest, code: str, body: MoratoriumIn) -> Jurisdiction:
    return actions.set_moratorium(
        access.get_jurisdiction_for_administrator(request.auth, code),
        in_force=body.in_force,
        since=body.since,
        scope=body.scope,
        reference=body.reference,
        actor=request.auth,
        reasons=body.reasons,
    )


@router.put(
    "/jurisdictions/{code}/safeguards",
    response=JurisdictionSettingsOut,
    summary="Record the state of the safeguards regime (administrators)",
)
def put_safeguards(request: ApiRequest, code: str, body: SafeguardsIn) -> Jurisdiction:
    return actions.set_safeguards_status(
        access.get_jurisdiction_for_administrator(request.auth, code),
        status=body.status,
        since=body.since,
        evidence=body.evidence,
        actor=request.auth,
        reasons=body.reasons,
    )
