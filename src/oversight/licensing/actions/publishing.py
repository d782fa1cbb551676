"""Publish a decision in the register; alert subscribers after the commit."""

from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from oversight.licensing import alerts
from oversight.licensing.actions.base import record
from oversight.licensing.events import Event
from oversight.licensing.models import Application, Decision, Review, Screening
from oversight.licensing.notice import public_view


def screening_summary(app: Application) -> list[dict[str, Any]]:
    latest = Screening.objects.filter(application=app).order_by("-at", "-pk").first()
    if latest is None:
        return []
    # Matches name an end user and a monitoring case: for the reviewer, not the register.
    return [
        {key: check[key] for key in ("rule", "title", "ok", "effect", "reasons")}
        for check in latest.results
        if check["rule"] != "red_flags"
    ]


def publish_decision(
    app: Application,
    outcome: str,
    *,
    actor: Any,
    reasons: Sequence[str],
    criteria: Sequence[dict[str, Any]] = (),
    conditions: Sequence[str] = (),
    comments: Sequence[dict[str, Any]] = (),
    licence_number: str = "",
    review: Review | None = None,
    justification: str = "",
) -> Decision:
    """A new register row for the application; any earlier one is marked superseded."""
    view = public_view(app)
    now = timezone.now()
    earlier = Decision.objects.filter(application=app, superseded=False)
    count = Decision.objects.filter(application=app).count()
    earlier.update(superseded=True)
    decision = Decision.objects.create(
        reference=app.reference if count == 0 else f"{app.reference}-{count + 1}",
        application=app,
        outcome=outcome,
        exporting_jurisdiction=app.exporting_jurisdiction,
        destination=app.destination,
        exporter=app.exporter,
        exporter_name=app.exporter.name,
        end_user_types=view.end_user_types,
        end_use=app.end_use,
        categories=view.categories,
        control_codes=view.control_codes,
        reasons=[str(reason) for reason in reasons],
        criteria=list(criteria),
        review_recommendation=review.recommendation if review else "",
        review_summary=review.summary if review else "",
        justification=justification.strip(),
        conditions=[str(condition) for condition in conditions],
        comments_considered=list(comments),
        redactions=view.redactions,
        screening=screening_summary(app),
        licence_number=licence_number,
        value=view.value,
        currency=view.currency,
        decided_on=timezone.localdate(now),
        decided_by=actor if getattr(actor, "pk", None) else None,
        published_at=now,
    )
    record(
        Event.DECISION_PUBLISHED,
        decision,
        actor=actor,
        changes={"outcome": [None, outcome], "application": [None, app.reference]},
        reasons=decision.reasons,
    )
    # Queued in this transaction (ops.queue_mail): sent once it commits, never lost after.
    alerts.send_alerts(decision.pk)
    return decision
