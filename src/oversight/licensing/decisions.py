"""Pure rules of the review and the decision: what a valid one holds, each reason's field named."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from oversight.core.rules import Reason, Verdict
from oversight.licensing.models import Status
from oversight.licensing.models.review import Criterion, Rating, Recommendation
from oversight.licensing.rules import Check, approval_blockers

DECIDABLE = (Status.ISSUED, Status.REFUSED, Status.EXEMPT)
_url = URLValidator(schemes=["http", "https"])

__all__ = [
    "against_review",
    "approval_blockers",
    "decision_errors",
    "justification_errors",
    "review_errors",
]


def _evidence_errors(label: str, links: Any) -> list[str]:
    if not isinstance(links, list):
        return [_("%(c)s: evidence must be a list of links") % {"c": label}]
    errors = []
    for number, link in enumerate(links, start=1):
        try:
            _url(str(link))
        except ValidationError:
            errors.append(
                _("%(c)s: evidence %(n)d is not a web address") % {"c": label, "n": number}
            )
    return errors


def review_errors(
    criteria: Sequence[dict[str, Any]], recommendation: str, summary: str
) -> Verdict:
    """Every criterion rated once with reasoning; a recommendation and a summary."""
    seen = {str(item.get("criterion")) for item in criteria}
    problems = [
        _("%(c)s: rate this criterion") % {"c": label}
        for value, label in Criterion.choices
        if value not in seen
    ]
    for item in criteria:
        value = str(item.get("criterion"))
        if value not in Criterion.values:
            problems.append(_("%(c)s: not a review criterion") % {"c": value})
            continue
        label = str(Criterion(value).label)
        if item.get("rating") not in Rating.values:
            problems.append(
                _("%(c)s: rating must be meets, partly, does not meet or unknown") % {"c": label}
            )
        if not str(item.get("reasoning") or "").strip():
            problems.append(_("%(c)s: give the reasoning") % {"c": label})
        problems.extend(_evidence_errors(label, item.get("evidence") or []))
    if len(seen) != len(criteria):
        problems.append(_("Each criterion is rated once."))
    reasons = [Reason(problem, "criteria") for problem in problems]
    if recommendation not in Recommendation.values:
        message = _("Choose approve, approve with conditions or refuse.")
        reasons.append(Reason(message, "recommendation"))
    if not summary.strip():
        message = _("Summarise the advice; it is published with the decision.")
        reasons.append(Reason(message, "summary"))
    return Verdict.of(reasons)


def decision_errors(
    outcome: str,
    reasons: Sequence[str],
    conditions: Sequence[str],
    valid_until: date | None,
    cited: Sequence[str] = (),
) -> Verdict:
    errors = []
    if outcome not in DECIDABLE:
        message = _("Choose: issue a licence, refuse, or no licence required.")
        errors.append(Reason(message, "outcome"))
    if not any(str(r).strip() for r in reasons):
        message = _("Give the reasons; they are published with the decision.")
        errors.append(Reason(message, "reasons"))
    unknown = [c for c in cited if c not in Criterion.values]
    if unknown:
        message = _("Not review criteria: %(c)s") % {"c": ", ".join(unknown)}
        errors.append(Reason(message, "criteria"))
    elif outcome == Status.REFUSED and not cited:
        errors.append(Reason(_("A refusal cites the review criteria it rests on."), "criteria"))
    if outcome != Status.ISSUED and any(str(c).strip() for c in conditions):
        message = _("Conditions attach only to an issued licence.")
        errors.append(Reason(message, "conditions"))
    if outcome == Status.ISSUED and valid_until is not None and valid_until <= date.today():
        message = _("A licence must be valid until a future date.")
        errors.append(Reason(message, "valid_until"))
    return Verdict.of(errors)


def against_review(outcome: str, recommendation: str, conditions: Sequence[str]) -> bool:
    """Whether a decision goes against the review: approving what it would refuse, refusing
    what it would approve, or approving without any of the conditions it advised."""
    has_conditions = any(str(c).strip() for c in conditions)
    if recommendation == Recommendation.REFUSE:
        return outcome != Status.REFUSED
    if outcome == Status.REFUSED:
        return True
    return (
        recommendation == Recommendation.APPROVE_WITH_CONDITIONS
        and outcome == Status.ISSUED
        and not has_conditions
    )


def justification_errors(
    outcome: str, recommendation: str, conditions: Sequence[str], justification: str
) -> Verdict:
    """A decision against the review's recommendation needs a written, published justification."""
    if not against_review(outcome, recommendation, conditions) or justification.strip():
        return Verdict.passed()
    message = _(
        "The human rights review recommended “%(rec)s”; a decision against it needs a written "
        "justification, published with the decision."
    ) % {"rec": Recommendation(recommendation).label}
    return Verdict.of([Reason(message, "justification")])


def exemption_errors(checks: Sequence[Check]) -> Verdict:
    """'No licence required' holds only where screening finds the encryption exemption and
    no moratorium bites: an officer cannot use it to skip the licence, the review or a block."""
    found = [
        reason
        for check in checks
        if (check.rule == "encryption" and check.effect != "exempt")
        or (check.rule == "moratorium" and check.effect == "block")
        for reason in check.reasons
    ]
    if not found:
        return Verdict.passed()
    lead = _("No licence required only for encryption-only items and under no moratorium:")
    return Verdict.of([Reason(lead, "outcome"), *(Reason(r, "outcome") for r in found)])
