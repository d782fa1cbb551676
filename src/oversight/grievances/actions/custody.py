"""The custodian's writes: channels, escrow keys, recovery, identity decisions.

The escrow (recovery) private key of a channel never enters the database: the
custodian keeps it offline and brings it for one command at a time. No routine
step needs it: handlers read through the channel's key (see keys.py).
"""

from typing import Any

from django.db import transaction
from django.utils import timezone

from oversight.core import audit
from oversight.core.rules import Refused
from oversight.grievances import crypto
from oversight.grievances.access import handlers_of
from oversight.grievances.events import Event
from oversight.grievances.models import (
    Assignment,
    Channel,
    ChannelKeyShare,
    HandlerKey,
    IdentityRequest,
)
from oversight.registry.models import Organisation

CUSTODIAN = "custodian"


@transaction.atomic
def create_channel(slug: str, organisation: Organisation, **fields: Any) -> tuple[Channel, bool]:
    """A channel for the organisation (nothing changes if the slug exists)."""
    channel, created = Channel.objects.get_or_create(
        slug=slug, defaults={"organisation": organisation, **fields}
    )
    if created:
        audit.record(Event.CHANNEL_CREATED, channel, actor_label="cli")
    return channel, created


@transaction.atomic
def init_escrow(channel: Channel, *, rotate: bool = False) -> bytes:
    """A new recovery key pair; returns the private key for the custodian to keep offline."""
    if channel.escrow_public_key and not rotate:
        raise Refused([f"{channel.slug} already has a recovery key (use --rotate)."])
    if channel.escrow_public_key and channel.assignments.exists():
        raise Refused([f"{channel.slug} holds reports sealed to its current recovery key."])
    private, public = crypto.new_keypair()
    channel.escrow_public_key = public
    channel.save(update_fields=["escrow_public_key"])
    audit.record(Event.ESCROW_KEY_SET, channel, actor_label=CUSTODIAN)
    return private


def _check_escrow(channel: Channel, private: bytes) -> None:
    if crypto.public_of(private) != bytes(channel.escrow_public_key):
        raise Refused([f"That is not the recovery key of {channel.slug}."])


@transaction.atomic
def reseal(channel: Channel, private: bytes) -> list[str]:
    """Recovery when no holder of the channel's key is left (all lost their passwords):
    a new channel key, every report of the channel sealed to it, and given to every
    handler of the channel who has a key. Returns their usernames."""
    _check_escrow(channel, private)
    channel_private, channel_public = crypto.new_keypair()
    rows = Assignment.objects.filter(channel=channel).select_for_update()
    for row in rows:
        report_key = crypto.unseal(private, bytes(row.escrow_box))
        row.reading_box = crypto.seal(channel_public, report_key)
        row.save(update_fields=["reading_box"])
    channel.reading_key = channel_public
    channel.save(update_fields=["reading_key"])
    ChannelKeyShare.objects.filter(channel=channel).delete()
    keys = HandlerKey.objects.filter(user_id__in=handlers_of(channel)).select_related("user")
    ChannelKeyShare.objects.bulk_create(
        ChannelKeyShare(
            channel=channel,
            user=key.user,
            sealed_to=bytes(key.public_key),
            box=crypto.seal(bytes(key.public_key), channel_private),
        )
        for key in keys
    )
    names = sorted(key.user.username for key in keys)
    audit.record(
        Event.ESCROW_RESEALED,
        channel,
        actor_label=CUSTODIAN,
        changes={"reports": len(rows), "handlers": names},
    )
    return names


def reason_of(request: IdentityRequest, private: bytes) -> str:
    return str(crypto.unseal_json(private, bytes(request.reason_box))["text"])


@transaction.atomic
def decide_identity(request: IdentityRequest, private: bytes, *, approve: bool) -> None:
    """The custodian approves (re-sealing the identity to the requester) or refuses."""
    if request.state != IdentityRequest.State.PENDING:
        raise Refused(["This request was already decided."])
    report = request.report
    origin = report.assignments.order_by("assigned_at").select_related("channel").first()
    if origin is None:
        raise Refused(["This report has no channel."])
    _check_escrow(origin.channel, private)
    if approve:
        key = getattr(request.requested_by, "grievance_key", None)
        if key is None:
            raise Refused(["The requester has no grievance key yet: they must unlock once."])
        identity = crypto.unseal(private, bytes(report.identity_box))
        request.identity_box = crypto.seal(bytes(key.public_key), identity)
    request.state = request.State.APPROVED if approve else request.State.REFUSED
    request.decided_at = timezone.now()
    request.save(update_fields=["identity_box", "state", "decided_at"])
    audit.record(
        Event.IDENTITY_DECIDED,
        request,
        actor_label=CUSTODIAN,
        changes={"report": str(report), "state": request.state},
    )
