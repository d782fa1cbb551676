"""A company's record under the UN Guiding Principles: what the licensing check reads."""

from .contracts import REQUIRED_CLAUSES, Clause, CustomerContract
from .record import (
    ContractualSafeguard,
    DueDiligence,
    HumanRightsCommitment,
    MisuseReport,
    MisuseReportQuerySet,
)

__all__ = [
    "REQUIRED_CLAUSES",
    "Clause",
    "ContractualSafeguard",
    "CustomerContract",
    "DueDiligence",
    "HumanRightsCommitment",
    "MisuseReport",
    "MisuseReportQuerySet",
]
