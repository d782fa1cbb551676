"""Handler keys, read: opened for a session, and the channel and report keys they open.

An unlocked private key never rests in the clear: the session (in the database)
holds it locked under a random key that lives only in an HttpOnly, SameSite=Strict
cookie scoped to /staff/grievances/. A stolen database gives neither half.

A handler reads a report through the key of a channel the report is in: the
report's private key is sealed to the channel's key (`Assignment.reading_box`), and
the channel's private key to each handler admitted to it (`ChannelKeyShare`).
The writes (new keys, admissions) are in `actions/keys.py`.
"""

import base64
import binascii
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from oversight.accounts.models import Role, RoleAssignment, User
from oversight.grievances import crypto
from oversight.grievances.models import Channel, ChannelKeyShare, HandlerKey, KeyShare, Report

SESSION_KEY = "grievance_key_box"
COOKIE = "grievance_unlock"
COOKIE_PATH = "/staff/grievances/"


def open_key(row: HandlerKey, password: str) -> bytes:
    key = crypto.password_key(password, bytes(row.kdf_salt))
    return crypto.unlock(key, bytes(row.private_box))


def _open(private: bytes | None, box: bytes) -> bytes | None:
    if private is None:
        return None
    try:
        return crypto.unseal(private, box)
    except crypto.DecryptionError:  # sealed to a key replaced after a password reset
        return None


def channel_key(channel: Channel, user: User, handler_private: bytes | None) -> bytes | None:
    """The channel's private key through the handler's share, or None."""
    share = ChannelKeyShare.objects.filter(channel=channel, user=user).first()
    return _open(handler_private, bytes(share.box)) if share else None


def report_key(report: Report, user: User, handler_private: bytes | None) -> bytes | None:
    """The report's private key through a channel it is in whose key the handler holds."""
    if handler_private is None:
        return None
    shares = ChannelKeyShare.objects.filter(user=user, channel__assignments__report=report)
    boxes = dict(
        report.assignments.exclude(reading_box=b"").values_list("channel_id", "reading_box")
    )
    for share in shares.distinct():
        channel_private = _open(handler_private, bytes(share.box))
        if channel_private is not None and share.channel_id in boxes:
            return _open(channel_private, bytes(boxes[share.channel_id]))
    legacy = KeyShare.objects.filter(report=report, user=user).first()
    return _open(handler_private, bytes(legacy.box)) if legacy else None


def waiting(channel: Channel) -> list[User]:
    """Handlers of the channel with a key of their own but no working share of the channel's."""
    return _waiting([channel])[channel.pk]


def _waiting(channels: list[Channel]) -> dict[int, list[User]]:
    sealed = {
        (share.channel_id, share.user_id): bytes(share.sealed_to)
        for share in ChannelKeyShare.objects.filter(channel__in=channels)
    }
    roles = RoleAssignment.objects.filter(
        role=Role.GRIEVANCE_HANDLER, organisation_id__in={c.organisation_id for c in channels}
    ).values_list("organisation_id", "user_id")
    keys = {
        key.user_id: key
        for key in HandlerKey.objects.filter(user_id__in={uid for _, uid in roles}).select_related(
            "user"
        )
    }
    found: dict[int, list[User]] = {channel.pk: [] for channel in channels}
    for channel in channels:
        for org, uid in roles:
            key = keys.get(uid)
            if org != channel.organisation_id or key is None:
                continue
            if sealed.get((channel.pk, uid)) != bytes(key.public_key):
                found[channel.pk].append(key.user)
    return found


def overview(user: User, handler_private: bytes | None, channels: list[Channel]) -> list[Any]:
    """For the inbox, in a fixed number of queries: for each of the handler's channels,
    whether they hold its key, and the colleagues waiting for it."""
    shares = {
        s.channel_id: s for s in ChannelKeyShare.objects.filter(user=user, channel__in=channels)
    }
    waiting = _waiting(channels)
    rows = []
    for channel in channels:
        share = shares.get(channel.pk)
        holds = share is not None and _open(handler_private, bytes(share.box)) is not None
        colleagues = [u for u in waiting[channel.pk] if u.pk != user.pk]
        rows.append({"channel": channel, "holds": holds, "waiting": colleagues})
    return rows


def remember(request: HttpRequest, response: HttpResponseBase, private: bytes) -> None:
    wrap = crypto.random_bytes()
    request.session[SESSION_KEY] = base64.b64encode(crypto.lock(wrap, private)).decode()
    response.set_cookie(
        COOKIE,
        base64.urlsafe_b64encode(wrap).decode(),
        path=COOKIE_PATH,
        httponly=True,
        samesite="Strict",
        secure=settings.SECURE_COOKIES,
    )


def unlocked(request: HttpRequest) -> bytes | None:
    """The handler's private key for this request, if they unlocked it this session."""
    boxed, wrap = request.session.get(SESSION_KEY), request.COOKIES.get(COOKIE)
    if not boxed or not wrap:
        return None
    try:
        return crypto.unlock(base64.urlsafe_b64decode(wrap), base64.b64decode(boxed))
    except (crypto.DecryptionError, binascii.Error, ValueError):
        return None


def forget(request: HttpRequest, response: HttpResponseBase) -> None:
    request.session.pop(SESSION_KEY, None)
    response.delete_cookie(COOKIE, path=COOKIE_PATH)
