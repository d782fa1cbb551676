"""Pure rules of the review and the decision: what a valid one must hold, each error named."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from oversight.licensing.models import Status
from oversight.licensing.models.review import Criterion, Rating, Recommendation
from oversight.licensing.rules import Check, approval_blockers

DECIDABLE = (Status.ISSUED, Status.REFUSED, Status.EXEMPT)
_url = URLValidator(schemes=["http", "https"])

__all__ = ["approval_blockers", "decision_errors", "review_errors"]


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
) -> dict[str, list[str]]:
    """Every criterion rated once with reasoning; a recommendation and a summary."""
    errors: dict[str, list[str]] = {}
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
    if problems:
        errors["criteria"] = problems
    if recommendation not in Recommendation.values:
        errors["recommendation"] = [_("Choose approve, approve with conditions or refuse.")]
    if not summary.strip():
        errors["summary"] = [_("Summarise the advice; it is published with the decision.")]
    return errors


def decision_errors(
    outcome: str,
    reasons: Sequence[str],
    conditions: Sequence[str],
    valid_until: date | None,
    cited: Sequence[str] = (),
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if outcome not in DECIDABLE:
        errors["outcome"] = [_("Choose: issue a licence, refuse, or no licence required.")]
    if not any(str(r).strip() for r in reasons):
        errors["reasons"] = [_("Give the reasons; they are published with the decision.")]
    unknown = [c for c in cited if c not in Criterion.values]
    if unknown:
        errors["criteria"] = [_("Not review criteria: %(c)s") % {"c": ", ".join(unknown)}]
    elif outcome == Status.REFUSED and not cited:
        errors["criteria"] = [_("A refusal cites the review criteria it rests on.")]
    if outcome != Status.ISSUED and any(str(c).strip() for c in conditions):
        errors["conditions"] = [_("Conditions attach only to an issued licence.")]
    if outcome == Status.ISSUED and valid_until is not None and valid_until <= date.today():
        errors["valid_until"] = [_("A licence must be valid until a future date.")]
    return errors


def blockers(checks: Sequence[Check]) -> list[str]:
    return approval_blockers(checks)
