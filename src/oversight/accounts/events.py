"""The audit actions of accounts, one member per kind of entry.

The values are stored in the audit log and hashed into its chain: never change one.
"""

from enum import StrEnum, unique


@unique
class Event(StrEnum):
    USER_CREATED = "accounts.user_created"
    ROLE_GRANTED = "accounts.role_granted"
    SUPERUSER_GRANTED = "accounts.superuser_granted"
    TOTP_ENROLLED = "accounts.totp_enrolled"
    BACKUP_CODE_USED = "accounts.backup_code_used"
    # Names of what happened to a password or token, not secrets (hence the noqa).
    PASSWORD_CHANGED = "accounts.password_changed"  # noqa: S105
    TOKEN_CREATED = "accounts.token_created"  # noqa: S105
    TOKEN_REVOKED = "accounts.token_revoked"  # noqa: S105
    LOGIN_LOCKED = "accounts.login_locked"
    # A user created or changed in the administration site.
    ADMIN_USER_CREATED = "accounts.user.created"
    ADMIN_USER_CHANGED = "accounts.user.changed"
