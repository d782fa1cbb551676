"""Failed sign-ins counted per username and device, with exponential lockout.

Counted on wrong passwords, unknown usernames and wrong second-factor codes alike;
the caller shows one generic message whatever the cause.

A lock per username alone lets anyone keep a handler out by failing with their
name. So, as OWASP's "device cookies" describe, a browser that has signed in as a
user gets a signed cookie with a random device id, and its failures are counted
apart (`device`); every other browser shares the "unknown devices" count of that
name (device ""). An attacker can lock only the unknown devices, and even then the
right password with a valid authenticator code signs in after a cooling-off period
(`way_out`). Nothing here knows a client address: the device id is random.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from oversight.accounts import actions
from oversight.accounts.models import LoginThrottle
from oversight.accounts.rules import way_out_open

DEVICE_COOKIE = "oversight_device"
DEVICE_SALT = "oversight.accounts.device"
DEVICE_MAX_AGE = 365 * 24 * 3600
UNKNOWN = ""  # the device of every browser without a cookie for this user


def _key(username: str) -> str:
    return username.strip().casefold()[:150]


def _user_tag(username: str) -> str:
    """Binds a cookie to its user without writing the name into it."""
    return hashlib.sha256(f"device:{_key(username)}".encode()).hexdigest()[:16]


def device_of(request: HttpRequest, username: str) -> str:
    """The device id of this browser for `username`, or UNKNOWN."""
    try:
        value = signing.loads(
            request.COOKIES.get(DEVICE_COOKIE, ""), salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE
        )
    except signing.BadSignature:
        return UNKNOWN
    if not isinstance(value, dict) or value.get("u") != _user_tag(username):
        return UNKNOWN
    device = value.get("d")
    return device if isinstance(device, str) and len(device) == 32 else UNKNOWN


def remember_device(request: HttpRequest, response: HttpResponse, username: str) -> None:
    """After a full sign-in: this browser is a known device of `username` from now on."""
    device = device_of(request, username) or secrets.token_hex(16)
    value = signing.dumps({"u": _user_tag(username), "d": device}, salt=DEVICE_SALT)
    response.set_cookie(
        DEVICE_COOKIE,
        value,
        max_age=DEVICE_MAX_AGE,
        path="/",  # the sign-in and the key-unlock form (/staff/grievances/) both read it
        httponly=True,
        samesite="Lax",
        secure=settings.SECURE_COOKIES,
    )


def _row(username: str, device: str) -> LoginThrottle | None:
    return LoginThrottle.objects.filter(username=_key(username), device=device).first()


def is_locked(username: str, device: str = UNKNOWN) -> bool:
    row = _row(username, device)
    return bool(row and row.locked_until and row.locked_until > timezone.now())


def way_out(username: str, device: str = UNKNOWN) -> bool:
    """Locked, but the lock has stood the cooling-off: password and code together may pass."""
    row = _row(username, device)
    cooling_off = timedelta(seconds=settings.LOGIN_COOLING_OFF_SECONDS)
    return bool(row and way_out_open(row.locked_since, timezone.now(), cooling_off))


def record_failure(username: str, device: str = UNKNOWN) -> None:
    actions.record_login_failure(_key(username), device, settings.LOGIN_MAX_FAILURES)


def record_success(username: str, device: str = UNKNOWN) -> None:
    actions.clear_login_failures(_key(username), device)
