"""The audit actions of monitoring, one member per kind of entry.

The values are stored in the audit log and hashed into its chain: never change one.
"""

from collections.abc import Mapping
from enum import StrEnum, unique

from oversight.monitoring.vocabulary import CaseStatus


@unique
class Event(StrEnum):
    CASE_CREATED = "monitoring.case.created"
    CASE_UPDATED = "monitoring.case.updated"
    CASE_PUBLISHED = "monitoring.case.published"
    CASE_WITHDRAWN = "monitoring.case.withdrawn"
    VICTIM_ADDED = "monitoring.victim.added"
    SOURCE_ADDED = "monitoring.source.added"
    COMMUNICATION_SENT = "monitoring.communication.sent"
    COMMUNICATION_PUBLISHED = "monitoring.communication.published"
    REPLY_RECORDED = "monitoring.reply.recorded"
    # Its reply window passed without a reply (the periodic job; once per communication).
    REPLY_OVERDUE = "monitoring.communication.reply_overdue"


# What moving a case into each status records (rules.CASE_MACHINE's targets).
CASE_MOVED: Mapping[str, Event] = {
    CaseStatus.PUBLISHED: Event.CASE_PUBLISHED,
    CaseStatus.WITHDRAWN: Event.CASE_WITHDRAWN,
}
