"""A company's record under the UN Guiding Principles: what the licensing check reads."""

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

__all__ = [
    "REQUIRED_CLAUSES",
    "REVIEW_DAYS",
    "AssessedRisk",
    "AssessmentQuerySet",
    "Clause",
    "ClauseCoverage",
    "Consultation",
    "ContractualSafeguard",
    "CustomerContract",
    "CustomerContractQuerySet",
    "DueDiligence",
    "Feature",
    "HumanRightsCommitment",
    "Level",
    "MisuseReport",
    "MisuseReportQuerySet",
    "Right",
    "Stage",
    "StageAssessment",
]
