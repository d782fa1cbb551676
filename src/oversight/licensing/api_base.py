"""What the applicant's and the officers' licensing APIs share: schemas and applying an action.

`api.py` (company members) and `api_staff.py` (officers and reviewers) each have
their own router and import only this module, never each other.
"""

from collections.abc import Callable
from typing import Any

from ninja import Schema
from ninja.errors import HttpError

from oversight.core.api import ErrorOut
from oversight.licensing import actions, completeness
from oversight.licensing.models import Application


class ApplicationOut(Schema):
    reference: str
    status: str
    version: int
    exporter: str
    exporting_state: str
    destination: str | None
    transit: list[str]
    servicing: bool
    missing: list[str]
    screening: list[dict[str, Any]]


class VersionIn(Schema):
    version: int | None = None
    reason: str = ""


# Besides the errors every operation has (core.api): someone else moved it first.
CONFLICT = {409: ErrorOut}
RESPONSES: dict[int, Any] = {200: ApplicationOut, **CONFLICT}


def application_out(app: Application) -> ApplicationOut:
    screening = app.screenings.order_by("-at", "-pk").first()
    return ApplicationOut(
        reference=app.reference,
        status=app.status,
        version=app.version,
        exporter=app.exporter.slug,
        exporting_state=app.exporting_jurisdiction_id,
        destination=app.destination_id,
        transit=list(app.transit or []),
        servicing=app.servicing,
        missing=completeness.missing(app, list(app.lines.all()), list(app.parties.all())).messages,
        screening=screening.results if screening else [],
    )


def apply(work: Callable[[], Any]) -> Any:
    """Run an action; a refusal goes to the API's handlers, a stale version is a 409."""
    try:
        return work()
    except actions.Changed as error:
        raise HttpError(409, str(error)) from error


def applied(work: Callable[[], Any], app: Application) -> ApplicationOut:
    """Run an action on `app`, then answer the application as it is now."""
    apply(work)
    app.refresh_from_db()
    return application_out(app)
