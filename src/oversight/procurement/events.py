"""The audit actions of procurement, one member per kind of entry.

The values are stored in the audit log and hashed into its chain: never change one.
"""

from enum import StrEnum, unique


@unique
class Event(StrEnum):
    BODY_CREATED = "procurement.body.created"
    MEMBER_APPOINTED = "procurement.body.member_appointed"
    PROPOSAL_CREATED = "procurement.proposal.created"
    PROPOSAL_DRAFT_UPDATED = "procurement.proposal.draft_updated"
    PROPOSAL_SUBMITTED = "procurement.proposal.submitted"
    PROPOSAL_COMMENT_CLOSED = "procurement.proposal.comment_closed"
    PROPOSAL_WITHDRAWN = "procurement.proposal.withdrawn"
    PROPOSAL_DECIDED = "procurement.proposal.decided"
    PROPOSAL_FLAGGED = "procurement.proposal.flagged"
    MEETING_RECORDED = "procurement.meeting.recorded"
    ANALYSIS_WRITTEN = "procurement.analysis.written"
    VOTE_CAST = "procurement.vote.cast"
    HOLDING_MOVED = "procurement.holding.moved"
    HOLDING_FLAGGED = "procurement.holding.flagged"
    HOLDING_SUSPENDED = "procurement.holding.suspended"
    HOLDING_SUSPENSION_LIFTED = "procurement.holding.suspension_lifted"
    POLICY_DRAFTED = "procurement.policy.drafted"
    POLICY_APPROVED = "procurement.policy.approved"
    DEPLOYMENT_RECORDED = "procurement.deployment.recorded"
    REPORT_FILED = "procurement.report.filed"
    REPORT_REVIEWED = "procurement.report.reviewed"
    REPORT_OVERDUE = "procurement.report.overdue"  # noted once per holding and year
