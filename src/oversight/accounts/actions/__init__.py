"""Every write on accounts: one function each, in a transaction, with its audit entry.

Secrets (passwords, TOTP keys, backup codes, API tokens) never enter the log.
"""

from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from oversight.accounts.events import Event
from oversight.accounts.models import APIToken, LoginThrottle, RoleAssignment, User, hash_token
from oversight.accounts.rules import lock_duration, scope_problems
from oversight.core import audit

BACKUP_CODES = 10
TOTP_NAME = "authenticator"
BACKUP_NAME = "backup codes"


class ScopeError(ValueError):
    def __init__(self, problems: list[Any]) -> None:
        super().__init__(" ".join(problem.message for problem in problems))
        self.problems = problems


@transaction.atomic
def grant_role(
    user: User,
    role: str,
    *,
    jurisdiction: Model | None = None,
    organisation: Model | None = None,
    actor: User | None = None,
) -> tuple[RoleAssignment, bool]:
    """Grant a role in its scope; returns (assignment, created). Idempotent."""
    problems = scope_problems(
        role, jurisdiction=jurisdiction is not None, organisation=organisation is not None
    )
    if problems:
        raise ScopeError(problems)
    row, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, jurisdiction=jurisdiction, organisation=organisation
    )
    if created:
        scope = row.jurisdiction_id or (row.organisation.slug if row.organisation else "")
        audit.record(
            Event.ROLE_GRANTED,
            row,
            actor=actor,
            changes={"user": user.username, "role": role, "scope": scope},
        )
    return row, created


@transaction.atomic
def create_user(username: str, *, email: str, password: str, actor: User | None = None) -> User:
    user = User(username=username, email=email)
    user.set_password(password)
    user.save()
    audit.record(Event.USER_CREATED, user, actor=actor, changes={"username": username})
    return user


@transaction.atomic
def start_enrolment(user: User) -> TOTPDevice:
    """The unconfirmed authenticator a user is enrolling (kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def _new_backup_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def confirm_enrolment(user: User, device: TOTPDevice) -> list[str]:
    """Confirm the authenticator and issue fresh backup codes (returned to show once)."""
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_backup_codes(user)
    audit.record(
        Event.TOTP_ENROLLED,
        user,
        actor=user,
        changes={"backup_codes_issued": len(codes)},
    )
    return codes


@transaction.atomic
def note_backup_code_used(user: User) -> None:
    remaining = StaticToken.objects.filter(device__user=user).count()
    audit.record(Event.BACKUP_CODE_USED, user, actor=user, changes={"remaining": remaining})


@transaction.atomic
def note_password_changed(user: User, *, how: str) -> None:
    audit.record(Event.PASSWORD_CHANGED, user, actor=user, reasons=[how])


@transaction.atomic
def issue_token(user: User, name: str, *, actor: User | None = None) -> tuple[APIToken, str]:
    token = APIToken.new_secret()
    row = APIToken.objects.create(
        user=user, name=name, prefix=APIToken.prefix_of(token), digest=hash_token(token)
    )
    audit.record(
        Event.TOKEN_CREATED,
        row,
        actor=actor or user,
        changes={"user": user.username, "name": name, "prefix": row.prefix},
    )
    return row, token


@transaction.atomic
def revoke_token(row: APIToken, *, actor: User | None = None) -> bool:
    """Revoke once; returns False when it was already revoked."""
    locked = APIToken.objects.select_for_update().get(pk=row.pk)
    if locked.revoked_at is not None:
        return False
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    row.revoked_at = locked.revoked_at
    audit.record(
        Event.TOKEN_REVOKED,
        locked,
        actor=actor,
        changes={"user": locked.user.username, "prefix": locked.prefix},
    )
    return True


@transaction.atomic
def install_authenticator(user: User, hex_key: str, *, actor: User | None = None) -> TOTPDevice:
    """Give a user a confirmed authenticator with a known key (demo users only)."""
    device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, key=hex_key, confirmed=True)
    audit.record(
        Event.TOTP_ENROLLED,
        user,
        actor=actor,
        reasons=["demo user set up by `oversight demo`"],
    )
    return device


@transaction.atomic
def make_superuser(user: User, *, actor: User | None = None) -> None:
    user.is_superuser = user.is_staff = True
    user.save(update_fields=["is_superuser", "is_staff"])
    audit.record(Event.SUPERUSER_GRANTED, user, actor=actor, changes={"is_superuser": True})


@transaction.atomic
def record_login_failure(key: str, device: str, max_failures: int) -> None:
    """One more failed sign-in for this name on this device (see accounts.throttle)."""
    LoginThrottle.objects.get_or_create(username=key, device=device)
    row = LoginThrottle.objects.select_for_update().get(username=key, device=device)
    now = timezone.now()
    row.failures += 1
    row.last_failure_at = now
    duration = lock_duration(row.failures, max_failures)
    if duration is not None:
        row.locked_until = now + duration
        row.locked_since = row.locked_since or now  # renewing a lock keeps its start
    row.save(update_fields=["failures", "last_failure_at", "locked_until", "locked_since"])
    if duration is None:
        return
    # Only real accounts are audited: an unknown "username" is whatever was typed
    # (sometimes a password) and must not enter a permanent, public-headed log.
    user = User.objects.filter(username__iexact=key).first()
    if user is not None:
        audit.record(
            Event.LOGIN_LOCKED,
            user,
            actor_label="system",
            changes={
                "failures": row.failures,
                "locked_until": (now + duration).isoformat(),
                "device": "known" if device else "unknown devices",
            },
            reasons=[f"{row.failures} failed sign-in attempts"],
        )


def clear_login_failures(key: str, device: str) -> None:
    """A full sign-in on this device: its count starts again."""
    LoginThrottle.objects.filter(username=key, device=device).delete()
