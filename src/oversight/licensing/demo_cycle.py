"""The licensing part of the demo's whole cycle, run by the real actions with a
controlled clock (time-machine), so that every record and its history is produced by
the same code and audited, weeks apart as in life. Idempotent: each step runs only if
its application has not reached it yet.

- a licence application screened, consulted (a comment moderated and considered),
  reviewed, decided with its letter, licensed, then suspended after a substantiated
  misuse report, which the company's remedy later resolves;
- an application refused on the review, and the company's appeal, dismissed.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from oversight.accounts.models import User
from oversight.companies import actions as companies
from oversight.companies.models import MisuseReport
from oversight.consultations import actions as consultations
from oversight.licensing import actions
from oversight.licensing.actions.submission import consultation_of
from oversight.licensing.models import Application, Licence, Status
from oversight.licensing.models.outcomes import Appeal, LicenceStatus
from oversight.licensing.models.review import Criterion


@contextmanager
def on(day: datetime) -> Iterator[None]:
    """Run the block as if it were `day` (demo only: time-machine is a dev dependency)."""
    import time_machine

    with time_machine.travel(day, tick=False):
        yield


def _criteria(rating: str, reasoning: str) -> list[dict[str, Any]]:
    return [
        {"criterion": c, "rating": rating, "reasoning": reasoning, "evidence": []}
        for c in Criterion.values
    ]


def _consult(app: Application, officer: User, start: datetime, text: str, who: str) -> None:
    """Open the consultation, take one comment and accept it (days 0 to 3)."""
    app.refresh_from_db()
    if app.status == Status.SCREENING:
        with on(start):
            actions.open_consultation(app, actor=officer, days=14)
    consultation = consultation_of(app)
    if consultation is None or consultation.comments.exists():
        return
    with on(start + timedelta(days=2)):
        comment = consultations.submit_comment(
            consultation,
            name=who,
            stakeholder_type="civil_society",
            text=text,
            files=[],
            idempotency_key=f"{app.creation_key}-comment",
        )
    with on(start + timedelta(days=3)):
        consultations.moderate_comment(comment, accept=True, reason="", actor=officer)


def _review(
    app: Application, officer: User, reviewer: User, start: datetime, verdict: dict[str, str]
) -> None:
    """Close the comment, consider it, and review (days 15 to 20)."""
    app.refresh_from_db()
    if app.status == Status.CONSULTATION:
        with on(start + timedelta(days=15)):
            actions.start_review(app, actor=officer)
            consultation = consultation_of(app)
            assert consultation is not None
            for comment in consultation.comments.filter(considered_at=None):
                consultations.mark_considered(comment, response=verdict["response"], actor=officer)
    app.refresh_from_db()
    if app.status == Status.REVIEW:
        with on(start + timedelta(days=20)):
            actions.submit_review(
                app,
                criteria=_criteria(verdict["rating"], verdict["reasoning"]),
                recommendation=verdict["recommendation"],
                summary=verdict["summary"],
                conditions=verdict.get("conditions", ""),
                actor=reviewer,
            )


def issued_then_suspended(
    app: Application, officer: User, reviewer: User, member: User, start: datetime
) -> None:
    _consult(
        app,
        officer,
        start,
        "Please check that the interception stays within a judge's warrant.",
        "Digital Rights Watch",
    )
    _review(
        app,
        officer,
        reviewer,
        start,
        {
            "response": "A condition requires a warrant for every interception.",
            "rating": "meets",
            "reasoning": "The law requires prior judicial authorisation; the regulator reports.",
            "recommendation": "approve_with_conditions",
            "summary": "Approve, with a warrant requirement and end-use monitoring.",
            "conditions": "Interception only under a judge's warrant.",
        },
    )
    app.refresh_from_db()
    if app.status == Status.DECISION:
        with on(start + timedelta(days=22)):
            actions.decide_application(
                app,
                outcome="issued",
                reasons=["The review found the legal safeguards adequate, with conditions."],
                conditions=["Interception only under a judge's warrant.", "End-use monitoring"],
                valid_until=(start + timedelta(days=22 + 730)).date(),
                actor=officer,
            )
    licence = Licence.objects.filter(application=app).first()
    if licence is None or licence.status != LicenceStatus.ACTIVE:
        return
    report = MisuseReport.objects.filter(company=app.exporter, description__startswith="Demo:")
    if not report.exists():
        with on(start + timedelta(days=40)):
            filed = companies.report_misuse(
                app.exporter,
                technology=app.lines.get().technology,
                description="Demo: a journalist's phone was intercepted without a warrant.",
                addressed_to=MisuseReport.Addressee.AUTHORITY,
                actor=member,
            )
        with on(start + timedelta(days=45)):
            companies.change_misuse_status(
                filed,
                status=MisuseReport.Status.SUBSTANTIATED,
                reasons=["Forensic evidence matches the licensed system's signature."],
                actor=officer,
            )
    licence.refresh_from_db()
    if licence.status == LicenceStatus.ACTIVE:
        with on(start + timedelta(days=46)):
            actions.suspend_licence(
                licence,
                reasons=["A substantiated misuse report: interception without a warrant."],
                actor=officer,
            )
    substantiated = report.filter(status=MisuseReport.Status.SUBSTANTIATED).first()
    if substantiated is not None:  # the company's remedy; only this lifts its approval block
        with on(start + timedelta(days=60)):
            companies.change_misuse_status(
                substantiated,
                status=MisuseReport.Status.RESOLVED,
                reasons=["The company ended the customer's servicing and remote access."],
                resolution="Servicing ended; the intercepted data was deleted under supervision.",
                actor=officer,
            )


def refused_and_appealed(
    app: Application, officer: User, reviewer: User, member: User, start: datetime
) -> None:
    _consult(
        app,
        officer,
        start,
        "This agency has tracked dissidents abroad; do not license it.",
        "",
    )
    _review(
        app,
        officer,
        reviewer,
        start,
        {
            "response": "Weighed in the review: the record supports the concern.",
            "rating": "does_not_meet",
            "reasoning": "No independent oversight; documented targeting of dissidents.",
            "recommendation": "refuse",
            "summary": "Refuse: a substantial risk of use against human rights defenders.",
        },
    )
    app.refresh_from_db()
    if app.status == Status.DECISION:
        with on(start + timedelta(days=23)):
            actions.decide_application(
                app,
                outcome="refused",
                reasons=["A substantial risk that the tool is used against defenders."],
                cited=[Criterion.OVERSIGHT, Criterion.END_USER_RECORD],
                actor=officer,
            )
    app.refresh_from_db()
    if app.status == Status.REFUSED and not app.appeals.exists():
        with on(start + timedelta(days=30)):
            actions.lodge_appeal(
                app, grounds="The end user has since created an oversight office.", actor=member
            )
    appeal = app.appeals.filter(state=Appeal.State.LODGED).first()
    if appeal is not None:
        with on(start + timedelta(days=50)):
            actions.decide_appeal(
                appeal,
                allow=False,
                reasons=["The new office has no power over the agency: the refusal stands."],
                actor=officer,
            )


def weeks_ago(weeks: int) -> datetime:
    return timezone.now().replace(microsecond=0) - timedelta(weeks=weeks)
