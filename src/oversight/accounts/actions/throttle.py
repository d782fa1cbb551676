"""Failed sign-ins counted per username, with exponential lockout (writes: in actions).

Counted on wrong passwords, unknown usernames and wrong second-factor codes
alike; the caller shows one generic message whatever the cause.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from oversight.accounts.models import LoginThrottle, User
from oversight.accounts.rules import lock_duration
from oversight.core import audit


def _key(username: str) -> str:
    return username.strip().casefold()[:150]


def is_locked(username: str) -> bool:
    row = LoginThrottle.objects.filter(username=_key(username)).first()
    return bool(row and row.locked_until and row.locked_until > timezone.now())


@transaction.atomic
def record_failure(username: str) -> None:
    key = _key(username)
    LoginThrottle.objects.get_or_create(username=key)
    row = LoginThrottle.objects.select_for_update().get(username=key)
    now = timezone.now()
    row.failures += 1
    row.last_failure_at = now
    duration = lock_duration(row.failures, settings.LOGIN_MAX_FAILURES)
    if duration is not None:
        row.locked_until = now + duration
    row.save(update_fields=["failures", "last_failure_at", "locked_until"])
    if duration is None:
        return
    # Only real accounts are audited: an unknown "username" is whatever was typed
    # (sometimes a password) and must not enter a permanent, public-headed log.
    user = User.objects.filter(username__iexact=key).first()
    if user is not None:
        audit.record(
            "accounts.login_locked",
            user,
            actor_label="system",
            changes={"failures": row.failures, "locked_until": (now + duration).isoformat()},
            reasons=[f"{row.failures} failed sign-in attempts"],
        )


def record_success(username: str) -> None:
    LoginThrottle.objects.filter(username=_key(username)).delete()
