"""Licensing API: company-scoped application writes and the staff actions (bearer token).

Public reads of decisions and licences are the dataset API:
`/api/v1/licence-decisions` and `/api/v1/licences` (with `count`).
"""

from decimal import Decimal

from ninja import File, Router, Schema
from ninja.files import UploadedFile

from oversight.accounts.api_auth import ApiRequest, token_auth
from oversight.companies.access import get_company_for_user
from oversight.licensing import access, actions
from oversight.licensing.api_base import (
    RESPONSES,
    ApplicationOut,
    VersionIn,
    application_out,
    applied,
    apply,
)
from oversight.registry.access import technologies_for_user

router = Router(tags=["licensing"], auth=token_auth)


class ApplicationIn(Schema):
    exporter: str  # organisation slug
    key: str = ""


class DraftIn(Schema):
    destination: str | None = None
    transit: list[str] | None = None  # country codes the goods pass through
    servicing: bool | None = None  # a servicing contract for a tool already delivered
    end_use: str | None = None
    research_transfer: bool | None = None
    research_purpose: str | None = None
    research_description: str | None = None
    declaration_accurate: bool | None = None
    declaration_conditions: bool | None = None


class LineIn(Schema):
    technology: str  # slug
    control_code: str
    quantity: int
    value: Decimal
    currency: str
    description: str = ""


class PartyIn(Schema):
    role: str
    name: str
    kind: str
    country: str
    address: str = ""


class KeyIn(Schema):
    key: str = ""


class AppealIn(Schema):
    grounds: str
    version: int | None = None


@router.post("/licensing/applications", response=RESPONSES, summary="Start a draft (company)")
def create(request: ApiRequest, body: ApplicationIn) -> ApplicationOut:
    exporter = get_company_for_user(request.auth, body.exporter)
    app = apply(lambda: actions.create_application(exporter, actor=request.auth, key=body.key))
    return application_out(app)


@router.get("/licensing/applications/{reference}", response=RESPONSES, summary="One application")
def read(request: ApiRequest, reference: str) -> ApplicationOut:
    return application_out(access.get_application_for_user(request.auth, reference))


@router.patch(
    "/licensing/applications/{reference}", response=RESPONSES, summary="Update a draft (company)"
)
def update(request: ApiRequest, reference: str, body: DraftIn) -> ApplicationOut:
    app = access.application_for_applicant(request.auth, reference)
    given = body.dict(exclude_none=True)
    if "destination" in given:
        given["destination_id"] = given.pop("destination").upper()
    return applied(lambda: actions.update_draft(app, given, actor=request.auth), app)


@router.post("/licensing/applications/{reference}/lines", response=RESPONSES, summary="Add a line")
def add_line(request: ApiRequest, reference: str, body: LineIn) -> ApplicationOut:
    app = access.application_for_applicant(request.auth, reference)
    products = technologies_for_user(request.auth).filter(vendor=app.exporter_id)
    technology = products.filter(slug=body.technology).first()
    values = {**body.dict(), "technology": technology}
    return applied(lambda: actions.add_line(app, values, actor=request.auth), app)


@router.post(
    "/licensing/applications/{reference}/parties", response=RESPONSES, summary="Add a party"
)
def add_party(request: ApiRequest, reference: str, body: PartyIn) -> ApplicationOut:
    app = access.application_for_applicant(request.auth, reference)
    values = {**body.dict(), "jurisdiction_id": body.country.upper()}
    return applied(lambda: actions.add_party(app, values, actor=request.auth), app)


@router.post(
    "/licensing/applications/{reference}/end-use-statement",
    response=RESPONSES,
    summary="Attach the signed end-use statement (multipart, field `file`)",
)
def statement(request: ApiRequest, reference: str, file: File[UploadedFile]) -> ApplicationOut:
    app = access.application_for_applicant(request.auth, reference)
    return applied(lambda: actions.attach_end_use_statement(app, file, actor=request.auth), app)


@router.post("/licensing/applications/{reference}/submit", response=RESPONSES, summary="Submit")
def submit(request: ApiRequest, reference: str, body: KeyIn) -> ApplicationOut:
    app = access.application_for_applicant(request.auth, reference)
    return applied(lambda: actions.submit_application(app, actor=request.auth, key=body.key), app)


@router.post(
    "/licensing/applications/{reference}/withdraw", response=RESPONSES, summary="Withdraw"
)
def withdraw(request: ApiRequest, reference: str, body: VersionIn) -> ApplicationOut:
    app = access.application_for_applicant(request.auth, reference)
    return applied(
        lambda: actions.withdraw_application(
            app, actor=request.auth, reason=body.reason, expected_version=body.version
        ),
        app,
    )


@router.post("/licensing/applications/{reference}/appeal", response=RESPONSES, summary="Appeal")
def appeal(request: ApiRequest, reference: str, body: AppealIn) -> ApplicationOut:
    app = access.application_for_applicant(request.auth, reference)
    work = lambda: actions.lodge_appeal(  # noqa: E731
        app, grounds=body.grounds, actor=request.auth, expected_version=body.version
    )
    return applied(work, app)


class SurrenderIn(Schema):
    reasons: list[str]


@router.post(
    "/licensing/licences/{number}/surrender", response=RESPONSES, summary="Surrender a licence"
)
def surrender(request: ApiRequest, number: str, body: SurrenderIn) -> ApplicationOut:
    licence = access.licence_for_applicant(request.auth, number)
    work = lambda: actions.surrender_licence(  # noqa: E731
        licence, reasons=body.reasons, actor=request.auth
    )
    return applied(work, licence.application)
