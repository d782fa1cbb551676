"""Handler and channel keys: made at unlock, given to a colleague by a holder, re-wrapped.

The first handler of a channel to unlock makes the channel's key pair; the channel
opens to complainants only then, so no report arrives that nobody could read. Every
later handler is admitted by a colleague who holds the key: the role alone, which an
administrator grants, opens nothing. No routine step needs the command line; the
custodian's escrow key is for recovery only (`custody.reseal`).
"""

from django.db import transaction
from django.utils import timezone

from oversight.accounts.models import User
from oversight.core import audit
from oversight.grievances import crypto, keyring, rules
from oversight.grievances.access import channels_for, handlers_of
from oversight.grievances.events import Event
from oversight.grievances.models import (
    Assignment,
    Channel,
    ChannelKeyShare,
    HandlerKey,
    KeyShare,
)


def _new_key(user: User, password: str) -> tuple[HandlerKey, bytes]:
    private, public = crypto.new_keypair()
    salt = crypto.random_bytes(16)
    box = crypto.lock(crypto.password_key(password, salt), private)
    row, _ = HandlerKey.objects.update_or_create(
        user=user, defaults={"public_key": public, "private_box": box, "kdf_salt": salt}
    )
    return row, private


@transaction.atomic
def unlock(user: User, password: str) -> bytes:
    """The handler's private key (the password already checked); a new pair on first use,
    or when the password was set outside Oversight's forms. Makes the key of each of the
    handler's channels that has none yet, and moves reports shared the old way onto it."""
    row = HandlerKey.objects.select_for_update().filter(user=user).first()
    if row is not None:
        try:
            private = keyring.open_key(row, password)
        except crypto.DecryptionError:
            reasons = ["password set elsewhere: a colleague who holds the channel key re-admits"]
            audit.record(Event.HANDLER_KEY_REPLACED, user, actor=user, reasons=reasons)
            row, private = _new_key(user, password)
    else:
        audit.record(Event.HANDLER_KEY_CREATED, user, actor=user)
        row, private = _new_key(user, password)
    for channel in channels_for(user).filter(reading_key=b"").select_for_update():
        _make_channel_key(channel, user, row)
    _adopt_shared_reports(user, private)
    return private


def _make_channel_key(channel: Channel, founder: User, key: HandlerKey) -> None:
    private, public = crypto.new_keypair()
    channel.reading_key = public
    channel.save(update_fields=["reading_key"])
    ChannelKeyShare.objects.create(
        channel=channel,
        user=founder,
        sealed_to=bytes(key.public_key),
        box=crypto.seal(bytes(key.public_key), private),
    )
    audit.record(Event.CHANNEL_KEY_CREATED, channel, actor=founder)


def _adopt_shared_reports(user: User, private: bytes) -> None:
    """Reports shared per handler before channel keys: sealed to the channel's key now."""
    pending = Assignment.objects.filter(reading_box=b"", channel__key_shares__user=user).exclude(
        channel__reading_key=b""
    )
    for assignment in pending.select_related("channel", "report"):
        share = KeyShare.objects.filter(report=assignment.report, user=user).first()
        try:
            report_private = crypto.unseal(private, bytes(share.box)) if share else None
        except crypto.DecryptionError:
            continue
        if report_private is None:
            continue
        assignment.reading_box = crypto.seal(bytes(assignment.channel.reading_key), report_private)
        assignment.save(update_fields=["reading_box"])
        audit.record(
            Event.KEY_SHARED,
            assignment.report,
            actor=user,
            changes={"channel": assignment.channel.slug},
        )


@transaction.atomic
def admit(channel: Channel, actor: User, actor_private: bytes | None, user: User) -> None:
    """A holder of the channel's key gives it to a colleague handling the channel."""
    handlers = handlers_of(channel)
    channel_private = keyring.channel_key(channel, actor, actor_private)
    key = HandlerKey.objects.filter(user=user).first()
    share = ChannelKeyShare.objects.filter(channel=channel, user=user).first()
    rules.admission_verdict(
        holds_key=channel_private is not None and actor.pk in handlers,
        oneself=user.pk == actor.pk,
        handles_channel=user.pk in handlers,
        has_key=key is not None,
        admitted=bool(key and share and bytes(share.sealed_to) == bytes(key.public_key)),
    ).enforce()
    assert key is not None and channel_private is not None  # the verdict refused otherwise
    public = bytes(key.public_key)
    ChannelKeyShare.objects.update_or_create(
        channel=channel,
        user=user,
        defaults={
            "sealed_to": public,
            "box": crypto.seal(public, channel_private),
            "admitted_by": actor,
            "admitted_at": timezone.now(),
        },
    )
    audit.record(Event.HANDLER_ADMITTED, channel, actor=actor, changes={"user": user.username})


@transaction.atomic
def password_changed(user: User, old_password: str | None, new_password: str) -> None:
    """Re-lock the private key under the new password; after a reset, start a new key pair.

    After a reset the old key is unrecoverable by design: a colleague who holds the
    channel's key re-admits the handler (or, if none is left, the custodian re-seals).
    """
    row = HandlerKey.objects.select_for_update().filter(user=user).first()
    if row is None:
        return
    if old_password is not None:
        try:
            private = keyring.open_key(row, old_password)
        except crypto.DecryptionError:
            pass  # the key was locked under another password; start again below
        else:
            row.kdf_salt = crypto.random_bytes(16)
            key = crypto.password_key(new_password, bytes(row.kdf_salt))
            row.private_box = crypto.lock(key, private)
            row.save(update_fields=["kdf_salt", "private_box"])
            return
    _new_key(user, new_password)
    audit.record(
        Event.HANDLER_KEY_REPLACED,
        user,
        actor_label="system",
        reasons=["password reset: a colleague who holds the channel key re-admits"],
    )
