"""Purchases and uses of surveillance technology under community control (66(b), 66(c))."""

from oversight.procurement.models.body import Membership, OversightBody
from oversight.procurement.models.inventory import (
    AnnualReport,
    Deployment,
    Holding,
    HoldingStatus,
    Origin,
    PolicyStatus,
    Suspension,
    UsePolicy,
)
from oversight.procurement.models.proposals import (
    CommentAnalysis,
    Decision,
    Kind,
    Meeting,
    Outcome,
    Proposal,
    Status,
    Vote,
    VoteChoice,
)

__all__ = [
    "AnnualReport",
    "CommentAnalysis",
    "Decision",
    "Deployment",
    "Holding",
    "HoldingStatus",
    "Kind",
    "Meeting",
    "Membership",
    "Origin",
    "Outcome",
    "OversightBody",
    "PolicyStatus",
    "Proposal",
    "Status",
    "Suspension",
    "UsePolicy",
    "Vote",
    "VoteChoice",
]
