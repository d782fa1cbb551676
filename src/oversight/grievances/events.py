"""The audit action names of grievances, in one place.

Existing audit entries hash over these values: add a member, never change a value.
"""

from enum import StrEnum


class Event(StrEnum):
    REPORT_RECEIVED = "grievances.report_received"
    COMPLAINANT_WROTE = "grievances.complainant_wrote"
    STATUS_CHANGED = "grievances.status_changed"
    ROUTED = "grievances.routed"
    NOTE_ADDED = "grievances.note_added"
    MESSAGE_SENT = "grievances.message_sent"
    REMEDY_OFFERED = "grievances.remedy_offered"
    REMEDY_UPDATED = "grievances.remedy_updated"
    IDENTITY_REQUESTED = "grievances.identity_requested"
    IDENTITY_DECIDED = "grievances.identity_decided"
    HANDLER_KEY_CREATED = "grievances.handler_key_created"
    HANDLER_KEY_REPLACED = "grievances.handler_key_replaced"
    KEY_SHARED = "grievances.key_shared"  # per-report shares, before channel keys
    CHANNEL_CREATED = "grievances.channel_created"
    ESCROW_KEY_SET = "grievances.escrow_key_set"
    ESCROW_RESEALED = "grievances.escrow_resealed"
    REPORT_PURGED = "grievances.report_purged"
    REMINDER_SENT = "grievances.reminder_sent"
    CHANNEL_KEY_CREATED = "grievances.channel_key_created"
    HANDLER_ADMITTED = "grievances.handler_admitted"
