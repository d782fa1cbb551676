"""API writes for administrators: a jurisdiction's moratorium and safeguards regime."""

from datetime import date

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from oversight.accounts.access import is_administrator
from oversight.accounts.api_auth import token_auth
from oversight.registry import actions
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


class ErrorsOut(Schema):
    detail: str
    errors: dict[str, list[str]]


def _jurisdiction_for_admin(request: HttpRequest, code: str) -> Jurisdiction:
    if not is_administrator(request.auth):  # type: ignore[attr-defined]
        raise HttpError(403, "Only administrators may change a jurisdiction's settings.")
    return get_object_or_404(Jurisdiction, code=code.upper())


def _refused(error: ValidationError) -> Status[ErrorsOut]:
    detail = "The change was refused; nothing was saved."
    return Status(400, ErrorsOut(detail=detail, errors=error.message_dict))


@router.put(
    "/jurisdictions/{code}/moratorium",
    response={200: JurisdictionSettingsOut, 400: ErrorsOut},
    summary="Declare, change or lift a moratorium (administrators)",
)
def put_moratorium(
    request: HttpRequest, code: str, body: MoratoriumIn
) -> Jurisdiction | Status[ErrorsOut]:
    jurisdiction = _jurisdiction_for_admin(request, code)
    try:
        return actions.set_moratorium(
            jurisdiction,
            in_force=body.in_force,
            since=body.since,
            scope=body.scope,
            reference=body.reference,
            actor=request.auth,  # type: ignore[attr-defined]
            reasons=body.reasons,
        )
    except ValidationError as error:
        return _refused(error)


@router.put(
    "/jurisdictions/{code}/safeguards",
    response={200: JurisdictionSettingsOut, 400: ErrorsOut},
    summary="Record the state of the safeguards regime (administrators)",
)
def put_safeguards(
    request: HttpRequest, code: str, body: SafeguardsIn
) -> Jurisdiction | Status[ErrorsOut]:
    jurisdiction = _jurisdiction_for_admin(request, code)
    try:
        return actions.set_safeguards_status(
            jurisdiction,
            status=body.status,
            since=body.since,
            evidence=body.evidence,
            actor=request.auth,  # type: ignore[attr-defined]
            reasons=body.reasons,
        )
    except ValidationError as error:
        return _refused(error)
