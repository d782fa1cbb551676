"""Licensing API: company-scoped application writes and the staff actions (bearer token).

Public reads of decisions and licences are the dataset API:
`/api/v1/licence-decisions` and `/api/v1/licences` (with `count`).
"""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from oversight.accounts.api_auth import token_auth
from oversight.accounts.models import Role
from oversight.core.transitions import IllegalTransition
from oversight.licensing import access, actions, completeness
from oversight.licensing.models import Application
from oversight.registry.access import organisations_for

router = Router(tags=["licensing"], auth=token_auth)


class ErrorsOut(Schema):
    detail: str
    errors: list[str]


class ApplicationIn(Schema):
    exporter: str  # organisation slug
    key: str = ""


class DraftIn(Schema):
    destination: str | None = None
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


class ApplicationOut(Schema):
    reference: str
    status: str
    version: int
    exporter: str
    exporting_state: str
    destination: str | None
    missing: list[str]
    screening: list[dict[str, Any]]


class KeyIn(Schema):
    key: str = ""


class VersionIn(Schema):
    version: int | None = None
    reason: str = ""


class AppealIn(Schema):
    grounds: str
    version: int | None = None


def user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def out(app: Application) -> ApplicationOut:
    app = Application.objects.select_related("exporter").get(pk=app.pk)
    screening = app.screenings.order_by("-at", "-pk").first()
    return ApplicationOut(
        reference=app.reference,
        status=app.status,
        version=app.version,
        exporter=app.exporter.slug,
        exporting_state=app.exporting_jurisdiction_id,
        destination=app.destination_id,
        missing=completeness.missing(app, list(app.lines.all()), list(app.parties.all())),
        screening=screening.results if screening else [],
    )


def run(work: Callable[[], Any], app: Application | None = None) -> Status[Any]:
    """Run an action; refusals become 400 (409 when someone else moved it first)."""
    try:
        result = work()
    except actions.Changed as error:
        return Status(409, ErrorsOut(detail=str(error), errors=[str(error)]))
    except (ValidationError, IllegalTransition, PermissionDenied) as error:
        if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            listed = [f"{k}: {m}" for k, ms in error.message_dict.items() for m in ms]
        elif isinstance(error, ValidationError):
            listed = list(error.messages)
        else:
            listed = [str(error)]
        return Status(400, ErrorsOut(detail="Refused; nothing was saved.", errors=listed))
    target = result if isinstance(result, Application) else app
    return Status(200, out(target)) if target is not None else Status(200, {"ok": True})


RESPONSES = {200: ApplicationOut, 400: ErrorsOut, 404: ErrorsOut, 409: ErrorsOut}


@router.post("/licensing/applications", response=RESPONSES, summary="Start a draft (company)")
def create(request: HttpRequest, body: ApplicationIn) -> Status[Any]:
    company = organisations_for(user(request), Role.COMPANY_MEMBER).filter(slug=body.exporter)
    exporter = company.first()
    if exporter is None:
        raise Http404("No such company")
    return run(lambda: actions.create_application(exporter, actor=user(request), key=body.key))


@router.get("/licensing/applications/{reference}", response=RESPONSES, summary="One application")
def read(request: HttpRequest, reference: str) -> ApplicationOut:
    return out(access.get_application_for_user(user(request), reference))


@router.patch(
    "/licensing/applications/{reference}", response=RESPONSES, summary="Update a draft (company)"
)
def update(request: HttpRequest, reference: str, body: DraftIn) -> Status[Any]:
    app = access.application_for_applicant(user(request), reference)
    given = body.dict(exclude_none=True)
    if "destination" in given:
        given["destination_id"] = given.pop("destination").upper()
    return run(lambda: actions.update_draft(app, given, actor=user(request)), app)


@router.post("/licensing/applications/{reference}/lines", response=RESPONSES, summary="Add a line")
def add_line(request: HttpRequest, reference: str, body: LineIn) -> Status[Any]:
    app = access.application_for_applicant(user(request), reference)
    technology = app.exporter.technologies.filter(slug=body.technology).first()
    values = {**body.dict(), "technology": technology}
    return run(lambda: actions.add_line(app, values, actor=user(request)), app)


@router.post(
    "/licensing/applications/{reference}/parties", response=RESPONSES, summary="Add a party"
)
def add_party(request: HttpRequest, reference: str, body: PartyIn) -> Status[Any]:
    app = access.application_for_applicant(user(request), reference)
    values = {**body.dict(), "jurisdiction_id": body.country.upper()}
    return run(lambda: actions.add_party(app, values, actor=user(request)), app)


@router.post(
    "/licensing/applications/{reference}/end-use-statement",
    response=RESPONSES,
    summary="Attach the signed end-use statement (multipart, field `file`)",
)
def statement(request: HttpRequest, reference: str, file: File[UploadedFile]) -> Status[Any]:
    app = access.application_for_applicant(user(request), reference)
    return run(lambda: actions.attach_end_use_statement(app, file, actor=user(request)), app)


@router.post("/licensing/applications/{reference}/submit", response=RESPONSES, summary="Submit")
def submit(request: HttpRequest, reference: str, body: KeyIn) -> Status[Any]:
    app = access.application_for_applicant(user(request), reference)
    return run(lambda: actions.submit_application(app, actor=user(request), key=body.key), app)


@router.post(
    "/licensing/applications/{reference}/withdraw", response=RESPONSES, summary="Withdraw"
)
def withdraw(request: HttpRequest, reference: str, body: VersionIn) -> Status[Any]:
    app = access.application_for_applicant(user(request), reference)
    return run(
        lambda: actions.withdraw_application(
            app, actor=user(request), reason=body.reason, expected_version=body.version
        ),
        app,
    )


@router.post("/licensing/applications/{reference}/appeal", response=RESPONSES, summary="Appeal")
def appeal(request: HttpRequest, reference: str, body: AppealIn) -> Status[Any]:
    app = access.application_for_applicant(user(request), reference)
    work = lambda: actions.lodge_appeal(  # noqa: E731
        app, grounds=body.grounds, actor=user(request), expected_version=body.version
    )
    return run(work, app)


class SurrenderIn(Schema):
    reasons: list[str]


@router.post(
    "/licensing/licences/{number}/surrender", response=RESPONSES, summary="Surrender a licence"
)
def surrender(request: HttpRequest, number: str, body: SurrenderIn) -> Status[Any]:
    licence = access.licence_for_applicant(user(request), number)
    work = lambda: actions.surrender_licence(  # noqa: E731
        licence, reasons=body.reasons, actor=user(request)
    )
    return run(work, licence.application)


from oversight.licensing import api_staff  # noqa: E402, F401 - registers the staff paths
