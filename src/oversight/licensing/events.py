"""The audit actions of licensing, one member per kind of entry.

The values are stored in the audit log and hashed into its chain: never change one.
"""

from collections.abc import Mapping
from enum import StrEnum, unique

from oversight.licensing.models import Appeal
from oversight.licensing.models.applications import Status
from oversight.licensing.models.outcomes import LicenceStatus
from oversight.licensing.models.rulings import CatchAllState


@unique
class Event(StrEnum):
    APPLICATION_CREATED = "licensing.application.created"
    APPLICATION_DRAFT_UPDATED = "licensing.application.draft_updated"
    APPLICATION_LINE_ADDED = "licensing.application.line_added"
    APPLICATION_LINE_REMOVED = "licensing.application.line_removed"
    APPLICATION_PARTY_ADDED = "licensing.application.party_added"
    APPLICATION_PARTY_REMOVED = "licensing.application.party_removed"
    APPLICATION_CONFIDENTIAL_MARKED = "licensing.application.confidential_marked"
    APPLICATION_CONFIDENTIAL_UNMARKED = "licensing.application.confidential_unmarked"
    APPLICATION_STATEMENT_ATTACHED = "licensing.application.statement_attached"
    APPLICATION_SCREENED = "licensing.application.screened"
    # An application moved into a status (see APPLICATION_MOVED).
    APPLICATION_SUBMITTED = "licensing.application.submitted"
    APPLICATION_SCREENING = "licensing.application.screening"
    APPLICATION_RESEARCH_CHECK = "licensing.application.research_check"
    APPLICATION_CONSULTATION = "licensing.application.consultation"
    APPLICATION_REVIEW = "licensing.application.review"
    APPLICATION_DECISION = "licensing.application.decision"
    APPLICATION_ISSUED = "licensing.application.issued"
    APPLICATION_REFUSED = "licensing.application.refused"
    APPLICATION_EXEMPT = "licensing.application.exempt"
    APPLICATION_REGISTERED = "licensing.application.registered"
    APPLICATION_BLOCKED = "licensing.application.blocked"
    APPLICATION_WITHDRAWN = "licensing.application.withdrawn"
    APPLICATION_APPEAL = "licensing.application.appeal"
    RESEARCH_CONFIRMED = "licensing.application.research_confirmed"
    RESEARCH_REFUSED = "licensing.application.research_refused"
    DECISION_PUBLISHED = "licensing.decision.published"
    DECISION_IMPORTED = "licensing.decision.imported"
    DECISION_REIMPORTED = "licensing.decision.reimported"
    LICENCE_ISSUED = "licensing.licence.issued"
    LICENCE_FLAGGED = "licensing.licence.flagged"
    # A licence moved into a status (see LICENCE_MOVED).
    LICENCE_ACTIVE = "licensing.licence.active"
    LICENCE_SUSPENDED = "licensing.licence.suspended"
    LICENCE_REVOKED = "licensing.licence.revoked"
    LICENCE_EXPIRED = "licensing.licence.expired"
    LICENCE_SURRENDERED = "licensing.licence.surrendered"
    # Typed licence conditions and the suspension proposals they open (issue 14, section 5).
    CONDITION_SET = "licensing.condition.set"
    CONDITION_EVIDENCE_SUBMITTED = "licensing.condition.evidence_submitted"
    CONDITION_MET = "licensing.condition.met"
    CONDITION_INSUFFICIENT = "licensing.condition.insufficient"
    CONDITION_OVERDUE = "licensing.condition.overdue"
    SUSPENSION_PROPOSED = "licensing.suspension.proposed"
    SUSPENSION_ACCEPTED = "licensing.suspension.accepted"
    SUSPENSION_DECLINED = "licensing.suspension.declined"
    APPEAL_ALLOWED = "licensing.appeal.allowed"
    APPEAL_DISMISSED = "licensing.appeal.dismissed"
    SUBSCRIPTION_REQUESTED = "licensing.subscription.requested"
    SUBSCRIPTION_CONFIRMED = "licensing.subscription.confirmed"
    SUBSCRIPTION_ENDED = "licensing.subscription.ended"
    # Casework (§3-4): rulings, catch-all notifications, queues, questions, countersigning.
    RULING_REQUESTED = "licensing.ruling.requested"
    RULING_ANSWERED = "licensing.ruling.answered"
    RULING_CITED = "licensing.ruling.cited"
    CATCH_ALL_NOTIFIED = "licensing.catch_all.notified"
    CATCH_ALL_LICENCE_REQUIRED = "licensing.catch_all.licence_required"
    CATCH_ALL_NO_LICENCE_REQUIRED = "licensing.catch_all.no_licence_required"
    TEAM_SET_UP = "licensing.team.set_up"
    QUEUE_SET_UP = "licensing.queue.set_up"
    ROUTING_RULE_SET = "licensing.routing_rule.set"
    COUNTERSIGN_STEP_SET = "licensing.countersign_step.set"
    CASE_ROUTED = "licensing.case.routed"
    CASE_ASSIGNED = "licensing.case.assigned"
    QUESTION_ASKED = "licensing.question.asked"
    QUESTION_ANSWERED = "licensing.question.answered"
    QUESTION_REMINDED = "licensing.question.reminded"
    ADVICE_DRAFTED = "licensing.advice.drafted"
    ADVICE_EDITED = "licensing.advice.edited"
    ADVICE_ISSUED = "licensing.advice.issued"
    ADVICE_COUNTERSIGNED = "licensing.advice.countersigned"
    COUNTERSIGNATURES_CANCELLED = "licensing.advice.countersignatures_cancelled"
    BULK_APPROVAL = "licensing.bulk_approval.run"


# What moving an application into each status records (the targets of MACHINE).
APPLICATION_MOVED: Mapping[str, Event] = {
    Status.SUBMITTED: Event.APPLICATION_SUBMITTED,
    Status.SCREENING: Event.APPLICATION_SCREENING,
    Status.RESEARCH_CHECK: Event.APPLICATION_RESEARCH_CHECK,
    Status.CONSULTATION: Event.APPLICATION_CONSULTATION,
    Status.REVIEW: Event.APPLICATION_REVIEW,
    Status.DECISION: Event.APPLICATION_DECISION,
    Status.ISSUED: Event.APPLICATION_ISSUED,
    Status.REFUSED: Event.APPLICATION_REFUSED,
    Status.EXEMPT: Event.APPLICATION_EXEMPT,
    Status.REGISTERED: Event.APPLICATION_REGISTERED,
    Status.BLOCKED: Event.APPLICATION_BLOCKED,
    Status.WITHDRAWN: Event.APPLICATION_WITHDRAWN,
    Status.APPEAL: Event.APPLICATION_APPEAL,
}

# What moving a licence into each status records (the targets of LICENCE_MACHINE).
LICENCE_MOVED: Mapping[str, Event] = {
    LicenceStatus.ACTIVE: Event.LICENCE_ACTIVE,
    LicenceStatus.SUSPENDED: Event.LICENCE_SUSPENDED,
    LicenceStatus.REVOKED: Event.LICENCE_REVOKED,
    LicenceStatus.EXPIRED: Event.LICENCE_EXPIRED,
    LicenceStatus.SURRENDERED: Event.LICENCE_SURRENDERED,
}

# What deciding an appeal records.
APPEAL_DECIDED: Mapping[str, Event] = {
    Appeal.State.ALLOWED: Event.APPEAL_ALLOWED,
    Appeal.State.DISMISSED: Event.APPEAL_DISMISSED,
}

# What deciding a catch-all notification records.
CATCH_ALL_DECIDED: Mapping[str, Event] = {
    CatchAllState.LICENCE_REQUIRED: Event.CATCH_ALL_LICENCE_REQUIRED,
    CatchAllState.NO_LICENCE_REQUIRED: Event.CATCH_ALL_NO_LICENCE_REQUIRED,
}
