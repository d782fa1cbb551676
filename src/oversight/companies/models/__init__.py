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
from .contracts import (
    REQUIRED_CLAUSES,
    Clause,
    ClauseCoverage,
    CustomerContract,
    CustomerContractQuerySet,
)
from .diligence import (
    REVIEW_DAYS,
    AssessedRisk,
    AssessmentQuerySet,
    Consultation,
    Feature,
    Level,
    Right,
    Stage,
    StageAssessment,
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
    "REQUIRED_CLAUSES",
    "REVIEW_DAYS",
    "AssessedRisk",
    "AssessmentQuerySet",
    "AuditFirm",
    "Clause",
    "ClauseCoverage",
    "ConflictOfInterest",
    "Constituency",
    "Consultation",
    "ContractualSafeguard",
    "CorrectiveAction",
    "CorrectiveActionQuerySet",
    "CustomerContract",
    "CustomerContractQuerySet",
    "DueDiligence",
    "Engagement",
    "EngagementQuerySet",
    "Feature",
    "Finding",
    "HumanRightsCommitment",
    "Level",
    "MisuseReport",
    "MisuseReportQuerySet",
    "Requirement",
    "Right",
    "Stage",
    "StageAssessment",
    "Standard",
    "StandardVersion",
    "StandardVersionQuerySet",
    "StandardsMember",
    "Vote",
]
