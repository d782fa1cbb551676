"""Export licensing: applications and their parts, screening, review, decisions, licences."""

from oversight.licensing.models.applications import (
    Application,
    ApplicationQuerySet,
    ConfidentialField,
    GoodsLine,
    Party,
    Status,
)
from oversight.licensing.models.casework import (
    Advice,
    CaseFile,
    Countersignature,
    CountersignStep,
    Question,
    Queue,
    RoutingRule,
    Team,
    TeamMember,
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
from oversight.licensing.models.rulings import (
    CatchAllNotification,
    RulingCitation,
    RulingRequest,
)

__all__ = [
    "Advice",
    "Appeal",
    "Application",
    "ApplicationQuerySet",
    "CaseFile",
    "CatchAllNotification",
    "ConditionKind",
    "ConditionStatus",
    "ConfidentialField",
    "CountersignStep",
    "Countersignature",
    "Decision",
    "DecisionQuerySet",
    "GoodsLine",
    "Licence",
    "LicenceCondition",
    "LicenceQuerySet",
    "Outcome",
    "Party",
    "Question",
    "Queue",
    "Review",
    "ReviewCriterion",
    "RoutingRule",
    "RulingCitation",
    "RulingRequest",
    "Screening",
    "Status",
    "Subscription",
    "SuspensionProposal",
    "Team",
    "TeamMember",
]
