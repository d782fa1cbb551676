"""The equities register over the API (bearer token), for the board and the agencies.

GET/POST /api/v1/vulnerabilities, GET /api/v1/vulnerabilities/{reference},
POST …/{reference}/decisions and …/{reference}/progress. Anyone else sees an empty list
and a 404 for each vulnerability; bad input is a 422 naming the field, with nothing
written. The public figures are the dataset `vulnerability-statistics`.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from oversight.accounts.api_auth import ApiRequest, token_auth
from oversight.vulnerabilities import access, actions, rules
from oversight.vulnerabilities.models import Vulnerability

router = Router(tags=["vulnerabilities"], auth=token_auth)


class VulnerabilityIn(Schema):
    agency: str  # the agency's slug
    agency_reference: str
    product: str
    vendor: str
    cvss_vector: str
    source: str  # discovered | purchased | reported
    broker: str = ""
    found_on: date
    summary: str = ""


class DecisionIn(Schema):
    outcome: str  # disclose | restrict
    reasons: str
    review_by: date | None = None  # required to restrict
    disclosed_on: date | None = None  # today if not given
    version: int | None = None


class ProgressIn(Schema):
    vendor_acknowledged_on: date | None = None
    fixed_on: date | None = None
    fix_reference: str = ""


class VulnerabilityOut(Schema):
    reference: str
    state: str
    agency: str
    agency_reference: str
    product: str
    vendor: str
    cvss_vector: str
    cvss_score: Decimal
    severity: str
    source: str
    broker: str
    found_on: date
    status: str
    review_by: date | None
    overdue: bool
    disclosed_on: date | None
    vendor_acknowledged_on: date | None
    fixed_on: date | None
    fix_reference: str
    version: int


def _out(v: Vulnerability) -> VulnerabilityOut:
    return VulnerabilityOut(
        reference=v.reference,
        state=v.jurisdiction_id,
        agency=v.agency.slug,
        agency_reference=v.agency_reference,
        product=v.product,
        vendor=v.vendor,
        cvss_vector=v.cvss_vector,
        cvss_score=v.cvss_score,
        severity=v.severity,
        source=v.source,
        broker=v.broker,
        found_on=v.found_on,
        status=v.status,
        review_by=v.review_by,
        overdue=v.is_overdue(timezone.localdate()),
        disclosed_on=v.disclosed_on,
        vendor_acknowledged_on=v.vendor_acknowledged_on,
        fixed_on=v.fixed_on,
        fix_reference=v.fix_reference,
        version=v.version,
    )


@router.get("", response=list[VulnerabilityOut], summary="The vulnerabilities you may see")
def list_vulnerabilities(request: ApiRequest) -> list[VulnerabilityOut]:
    return [_out(v) for v in access.vulnerabilities_for(request.auth)]


@router.post("", response={201: VulnerabilityOut}, summary="Record a vulnerability (agency)")
def record(request: ApiRequest, payload: VulnerabilityIn) -> Status[VulnerabilityOut]:
    agency = next((a for a in access.agencies_of(request.auth) if a.slug == payload.agency), None)
    if agency is None:
        if not access.agencies_of(request.auth):
            raise PermissionDenied(_("Only an agency's officials record its vulnerabilities."))
        raise ValidationError({"agency": [_("Give the slug of an agency you work for.")]})
    facts = rules.Record(**payload.dict(exclude={"agency"}))
    return Status(201, _out(actions.record_vulnerability(agency, facts, actor=request.auth)))


@router.get("/{reference}", response=VulnerabilityOut, summary="One vulnerability")
def get_vulnerability(request: ApiRequest, reference: str) -> VulnerabilityOut:
    return _out(access.get_vulnerability_for_user(request.auth, reference))


@router.post(
    "/{reference}/decisions",
    response={201: VulnerabilityOut},
    summary="Disclose or restrict, with reasons (equities board)",
)
def decide(request: ApiRequest, reference: str, payload: DecisionIn) -> Status[VulnerabilityOut]:
    vulnerability = access.get_vulnerability_for_user(request.auth, reference)
    actions.decide(
        vulnerability,
        outcome=payload.outcome,
        reasons=payload.reasons,
        review_by=payload.review_by,
        disclosed_on=payload.disclosed_on,
        actor=request.auth,
        expected_version=payload.version,
    )
    return Status(201, _out(access.get_vulnerability_for_user(request.auth, reference)))


@router.post(
    "/{reference}/progress",
    response=VulnerabilityOut,
    summary="Record the vendor's acknowledgement and the fix",
)
def progress(request: ApiRequest, reference: str, payload: ProgressIn) -> VulnerabilityOut:
    vulnerability = access.get_vulnerability_for_user(request.auth, reference)
    actions.record_progress(vulnerability, actor=request.auth, **payload.dict())
    return _out(access.get_vulnerability_for_user(request.auth, reference))
