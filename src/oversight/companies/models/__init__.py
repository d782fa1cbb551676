"""A company's record under the UN Guiding Principles, the standards of conduct of the
industry, and the independent audits against them."""

from .audits import (
    AuditFirm,
    ConflictOfInterest,
    CorrectiveAction,
    CorrectiveActionQuerySet,
    Engagement,
    EngagementQuerySet,
    Finding,
)
from .record import (
    ContractualSafeguard,
    DueDiligence,
    HumanRightsCommitment,
    MisuseReport,
    MisuseReportQuerySet,
)
from .standards import (
    Constituency,
    Requirement,
    Standard,
    StandardsMember,
    StandardVersion,
    StandardVersionQuerySet,
    Vote,
)

__all__ = [
    "AuditFirm",
    "ConflictOfInterest",
    "Constituency",
    "ContractualSafeguard",
    "CorrectiveAction",
    "CorrectiveActionQuerySet",
    "DueDiligence",
    "Engagement",
    "EngagementQuerySet",
    "Finding",
    "HumanRightsCommitment",
    "MisuseReport",
    "MisuseReportQuerySet",
    "Requirement",
    "Standard",
    "StandardVersion",
    "StandardVersionQuerySet",
    "StandardsMember",
    "Vote",
]
