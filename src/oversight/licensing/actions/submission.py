"""Submit (with screening), withdraw, and open the public consultation."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.consultations import actions as consultations
from oversight.consultations.models import Consultation
from oversight.licensing import completeness, rules, screening
from oversight.licensing.actions.base import lock, move, record, require_status
from oversight.licensing.actions.publishing import publish_decision
from oversight.licensing.actions.routing import route_case
from oversight.licensing.events import Event
from oversight.licensing.models import Application, Screening, Status
from oversight.licensing.notice import public_view

# What a screening outcome does; a research transfer waits for an officer to confirm it.
SCREEN_OUTCOMES = {
    "exempt": Status.EXEMPT,
    "register": Status.RESEARCH_CHECK,
    "block": Status.BLOCKED,
}


def run_screening(
    app: Application, *, actor: Any, stage: str
) -> tuple[Screening, list[rules.Check]]:
    checks = screening.run(app, timezone.localdate())
    row = Screening.objects.create(
        application=app,
        at=timezone.now(),
        stage=stage,
        results=[check.as_dict() for check in checks],
        outcome=rules.outcome_of(checks),
    )
    reasons = [f"{check.title}: {reason}" for check in checks for reason in check.reasons]
    record(
        Event.APPLICATION_SCREENED,
        app,
        actor=actor,
        changes={"stage": [None, stage]},
        reasons=reasons,
    )
    route_case(app, actor=actor)  # casework: the new screening may move it to another queue
    return row, checks


def submit_application(application: Application, *, actor: Any, key: str = "") -> Application:
    """Check completeness (every missing field at once, nothing changed), then screen.

    The same `key` twice (a double click) returns the application as the first left it.
    """
    with transaction.atomic():
        app = lock(application)
        if key and app.submit_key == key and app.status != Status.DRAFT:
            return app
        require_status(app, Status.DRAFT)
        completeness.missing(app, list(app.lines.all()), list(app.parties.all())).enforce()
        app.submitted_at, app.submit_key = timezone.now(), key[:64]
        move(app, Status.SUBMITTED, actor=actor, fields=["submitted_at", "submit_key"])
        row, checks = run_screening(app, actor=actor, stage="submit")
        move(app, Status.SCREENING, actor=actor, reasons=[row.outcome or "continue"])
        settle(app, row, checks, actor=actor)
    return app


def settle(app: Application, row: Screening, checks: list[rules.Check], *, actor: Any) -> None:
    """Apply a screening's outcome to an application in screening: block, exempt, or wait."""
    outcome = SCREEN_OUTCOMES.get(row.outcome)
    if outcome is None:
        return
    reasons = [r for c in checks if c.effect == row.outcome for r in c.reasons]
    move(app, outcome, actor=actor, reasons=reasons)
    if outcome != Status.RESEARCH_CHECK:
        publish_decision(app, str(outcome), actor=actor, reasons=reasons)


def withdraw_application(
    application: Application, *, actor: Any, reason: str = "", expected_version: int | None = None
) -> Application:
    with transaction.atomic():
        app = lock(application, expected_version)
        was_public = app.status != Status.DRAFT
        reasons = [reason.strip()] if reason.strip() else []
        move(app, Status.WITHDRAWN, actor=actor, reasons=reasons)
        if was_public:
            why = reasons or [_("Withdrawn by the applicant.")]
            publish_decision(app, Status.WITHDRAWN, actor=actor, reasons=why)
    return app


def consultation_of(app: Application) -> Consultation | None:
    return Consultation.objects.for_matter(app).order_by("-opens_at", "-pk").first()


def open_consultation(
    application: Application, *, actor: Any, days: int = 30, expected_version: int | None = None
) -> Consultation:
    """The officer publishes the notice (minus justified redactions) for public comment."""
    with transaction.atomic():
        app = lock(application, expected_version)
        require_status(app, Status.SCREENING)
        view = public_view(app)
        title = _("Export licence application %(ref)s: %(exporter)s to %(dest)s") % {
            "ref": app.reference,
            "exporter": app.exporter.name,
            "dest": app.destination.name if app.destination else "?",
        }
        consultation = consultations.open_consultation(
            app,
            title=title,
            notice=view.notice,
            redactions=view.redactions,
            days=days,
            actor=actor,
        )
        move(
            app,
            Status.CONSULTATION,
            actor=actor,
            changes={"consultation": [None, consultation.reference]},
        )
    return consultation


def start_review(
    application: Application, *, actor: Any, expected_version: int | None = None
) -> Application:
    """After the comment period closes, the application goes to the human rights reviewer."""
    with transaction.atomic():
        app = lock(application, expected_version)
        require_status(app, Status.CONSULTATION)
        consultation = consultation_of(app)
        if consultation is None:
            raise ValidationError(_("No consultation was opened for this application."))
        if consultation.closed_at is None:
            if timezone.now() < consultation.closes_at:
                raise ValidationError(
                    _("The consultation is open until %(when)s; the review starts after it ends.")
                    % {"when": consultation.closes_at.strftime("%Y-%m-%d %H:%M %Z")}
                )
            consultations.close_consultation(consultation, actor=actor)
        move(app, Status.REVIEW, actor=actor)
    return app
