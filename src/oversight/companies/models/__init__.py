"""A company's record under the UN Guiding Principles: what the licensing check reads."""

from .record import (
    ContractualSafeguard,
    DueDiligence,
    HumanRightsCommitment,
    MisuseReport,
    MisuseReportQuerySet,
)

__all__ = [
    "ContractualSafeguard",
    "DueDiligence",
    "HumanRightsCommitment",
    "MisuseReport",
    "MisuseReportQuerySet",
]
