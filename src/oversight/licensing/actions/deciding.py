"""The human rights review, and the officer's decision with its licence."""

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.consultations.rules import ready_for_decision
from oversight.licensing import casework
from oversight.licensing import decisions as decision_rules
from oversight.licensing.actions.base import (
    lock,
    move,
    record,
    require_independent,
    require_status,
)
from oversight.licensing.actions.publishing import publish_decision
from oversight.licensing.actions.submission import consultation_of, run_screening
from oversight.licensing.events import Event
from oversight.licensing.models import (
    Application,
    Decision,
    Licence,
    Review,
    ReviewCriterion,
    Status,
)
from oversight.licensing.models.review import Criterion, Rating

DEFAULT_VALIDITY_DAYS = 2 * 365


def submit_review(
    application: Application,
    *,
    criteria: Sequence[dict[str, Any]],
    recommendation: str,
    summary: str,
    conditions: str = "",
    actor: Any,
    expected_version: int | None = None,
) -> Review:
    """criteria: [{criterion, rating, reasoning, evidence: [urls]}], one per `Criterion`."""
    decision_rules.review_errors(criteria, recommendation, summary).enforce()
    with transaction.atomic():
        app = lock(application, expected_version)
        require_status(app, Status.REVIEW)
        require_independent(app, actor)
        review = Review.objects.create(
            application=app,
            reviewer=actor,
            recommendation=recommendation,
            summary=summary.strip(),
            conditions=conditions.strip(),
            submitted_at=timezone.now(),
        )
        ReviewCriterion.objects.bulk_create(
            ReviewCriterion(
                review=review,
                criterion=item["criterion"],
                rating=item["rating"],
                reasoning=str(item["reasoning"]).strip(),
                evidence=[str(url) for url in item.get("evidence") or []],
            )
            for item in criteria
        )
        move(
            app,
            Status.DECISION,
            actor=actor,
            reasons=[summary.strip()],
            changes={"recommendation": [None, recommendation]},
        )
    return review


def _criteria(review: Review, cited: Sequence[str]) -> list[dict[str, Any]]:
    labels = dict(Criterion.choices)
    ratings = dict(Rating.choices)
    return [
        {
            "criterion": str(labels[row.criterion]),
            "rating": str(ratings[row.rating]),
            "reasoning": row.reasoning,
            "evidence": row.evidence,
            "cited": row.criterion in cited,
        }
        for row in review.criteria.all()
    ]


def _comments(app: Application) -> list[dict[str, Any]]:
    consultation = consultation_of(app)
    if consultation is None:
        return []
    rows = consultation.comments.published().exclude(considered_at=None)
    return [
        {
            "comment": f"{consultation.reference}#{row.pk}",
            "stakeholder_type": row.stakeholder_type,
            "response": row.response,
        }
        for row in rows
    ]


def _preconditions(app: Application, actor: Any) -> Review:
    require_independent(app, actor)
    review = app.reviews.order_by("-submitted_at").first()
    if review is None:
        raise ValidationError(_("No human rights review has been submitted."))
    if review.reviewer_id == getattr(actor, "pk", None):
        raise PermissionDenied(_("You reviewed this application; another officer must decide it."))
    consultation = consultation_of(app)
    if consultation is None:
        raise ValidationError(_("No public consultation was held."))
    verdict = ready_for_decision(consultation, timezone.now())
    if not verdict.ok:
        verdict.enforce()
    return review


def decide_application(
    application: Application,
    *,
    outcome: str,
    reasons: Sequence[str],
    conditions: Sequence[str] = (),
    valid_until: date | None = None,
    cited: Sequence[str] = (),
    justification: str = "",
    actor: Any,
    expected_version: int | None = None,
) -> Decision:
    """Approve (with conditions), refuse (citing the review's criteria), or no licence required.

    Approval is re-screened now: a moratorium or a missing UNGP item blocks it, with a list.
    A decision against the review's recommendation needs a justification, published with it.
    """
    decision_rules.decision_errors(outcome, reasons, conditions, valid_until, cited).enforce()
    with transaction.atomic():
        app = lock(application, expected_version)
        require_status(app, Status.DECISION)
        review = _preconditions(app, actor)
        content = {"outcome": outcome, "reasons": reasons, "conditions": conditions}
        casework.gate(
            app,
            {
                **content,
                "cited": cited,
                "justification": justification,
                "valid_until": valid_until,
            },
        ).enforce()  # countersigned, if it must be
        decision_rules.justification_errors(
            outcome, review.recommendation, conditions, justification
        ).enforce()
        reasons = [str(r).strip() for r in reasons if str(r).strip()]
        if outcome == Status.ISSUED:
            _row, checks = run_screening(app, actor=actor, stage="decision")
            blockers = decision_rules.approval_blockers(checks)
            if blockers:
                raise ValidationError(blockers)
        if outcome == Status.EXEMPT:
            _row, checks = run_screening(app, actor=actor, stage="decision")
            decision_rules.exemption_errors(checks).enforce()
        number = _licence_number(app) if outcome == Status.ISSUED else ""
        move(app, outcome, actor=actor, reasons=reasons)
        decision = publish_decision(
            app,
            outcome,
            actor=actor,
            reasons=reasons,
            criteria=_criteria(review, cited),
            conditions=conditions,
            comments=_comments(app),
            licence_number=number,
            review=review,
            justification=justification,
        )
        if outcome == Status.ISSUED:
            issue_licence(
                app,
                decision,
                number=number,
                conditions=conditions,
                valid_until=valid_until,
                actor=actor,
            )
    return decision


def _licence_number(app: Application) -> str:
    return f"{app.exporting_jurisdiction_id}-SIEL-{timezone.localdate():%Y}-{app.pk:05d}"


def issue_licence(
    app: Application,
    decision: Decision,
    *,
    number: str,
    conditions: Sequence[str],
    valid_until: date | None,
    actor: Any,
) -> Licence:
    today = timezone.localdate()
    licence = Licence.objects.create(
        number=number,
        application=app,
        decision=decision,
        valid_from=today,
        valid_until=valid_until or today + timedelta(days=DEFAULT_VALIDITY_DAYS),
        conditions=[str(c) for c in conditions],
    )
    changes = {"number": [None, number], "valid_until": [None, licence.valid_until]}
    record(Event.LICENCE_ISSUED, licence, actor=actor, changes=changes, reasons=decision.reasons)
    return licence
