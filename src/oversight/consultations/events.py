"""The audit actions of consultations, one member per kind of entry.

The values are stored in the audit log and hashed into its chain: never change one.
"""

from enum import StrEnum, unique


@unique
class Event(StrEnum):
    CONSULTATION_OPENED = "consultations.consultation.opened"
    CONSULTATION_CLOSED = "consultations.consultation.closed"
    COMMENT_SUBMITTED = "consultations.comment.submitted"
    COMMENT_MODERATED = "consultations.comment.moderated"
    COMMENT_CONSIDERED = "consultations.comment.considered"
    INVITATION_SENT = "consultations.invitation.sent"
