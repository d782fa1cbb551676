"""Every write of procurement: one function per transition, each audited."""

from oversight.procurement.actions.base import Changed
from oversight.procurement.actions.body import appoint_member, create_body
from oversight.procurement.actions.proposals import (
    cast_vote,
    close_comment,
    create_proposal,
    decide,
    record_meeting,
    submit_proposal,
    update_draft,
    withdraw,
    write_analysis,
)
from oversight.procurement.actions.use import (
    approve_policy,
    draft_policy,
    file_annual_report,
    flag_for_review,
    lift_suspension,
    record_deployment,
    review_report,
    suspend,
)

__all__ = [
    "Changed",
    "appoint_member",
    "approve_policy",
    "cast_vote",
    "close_comment",
    "create_body",
    "create_proposal",
    "decide",
    "draft_policy",
    "file_annual_report",
    "flag_for_review",
    "lift_suspension",
    "record_deployment",
    "record_meeting",
    "review_report",
    "submit_proposal",
    "suspend",
    "update_draft",
    "withdraw",
    "write_analysis",
]
