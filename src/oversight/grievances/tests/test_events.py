"""Audit action names: existing entries hash over them, so the values never change."""

from oversight.grievances.events import Event

# The names written before the enumeration existed; an entry of the log may carry any.
WRITTEN_BEFORE = {
    "grievances.report_received",
    "grievances.complainant_wrote",
    "grievances.status_changed",
    "grievances.routed",
    "grievances.note_added",
    "grievances.message_sent",
    "grievances.remedy_offered",
    "grievances.remedy_updated",
    "grievances.identity_requested",
    "grievances.identity_decided",
    "grievances.handler_key_created",
    "grievances.handler_key_replaced",
    "grievances.key_shared",
    "grievances.channel_created",
    "grievances.escrow_key_set",
    "grievances.escrow_resealed",
    "grievances.report_purged",
    "grievances.reminder_sent",
}


def test_it_keeps_every_name_written_before() -> None:
    assert {event.value for event in Event} >= WRITTEN_BEFORE


def test_it_keeps_every_name_private_to_the_public_log() -> None:
    # apps.py marks "grievances." private: the public trail shows only the day.
    assert all(event.value.startswith("grievances.") for event in Event)
    assert len({event.value for event in Event}) == len(Event)
