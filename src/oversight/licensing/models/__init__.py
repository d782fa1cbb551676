"""Export licensing: applications and their parts, screening, review, decisions, licences."""

from oversight.licensing.models.applications import (
    Application,
    ApplicationQuerySet,
    ConfidentialField,
    GoodsLine,
    Party,
    Status,
)
from oversight.licensing.models.conditions import (
    ConditionKind,
    ConditionStatus,
    LicenceCondition,
    SuspensionProposal,
)
from oversight.licensing.models.outcomes import (
    Appeal,
    Decision,
    DecisionQuerySet,
    Licence,
    LicenceQuerySet,
    Outcome,
    Subscription,
)
from oversight.licensing.models.review import Review, ReviewCriterion, Screening

__all__ = [
    "Appeal",
    "Application",
    "ApplicationQuerySet",
    "ConditionKind",
    "ConditionStatus",
    "ConfidentialField",
    "Decision",
    "DecisionQuerySet",
    "GoodsLine",
    "Licence",
    "LicenceCondition",
    "LicenceQuerySet",
    "Outcome",
    "Party",
    "Review",
    "ReviewCriterion",
    "Screening",
    "Status",
    "Subscription",
    "SuspensionProposal",
]
