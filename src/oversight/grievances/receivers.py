"""Keep a handler's key usable when their password changes."""

from typing import Any

from django.db import transaction
from django.dispatch import receiver

from oversight.accounts.signals import password_changed
from oversight.core import audit
from oversight.grievances import crypto, keyring
from oversight.grievances.models import HandlerKey


@receiver(password_changed, dispatch_uid="grievances-rewrap-handler-key")
def rewrap_handler_key(
    sender: Any, user: Any, old_password: str | None, new_password: str, **kwargs: Any
) -> None:
    """Re-lock the private key under the new password; after a reset, start a new key pair.

    After a reset the old key is unrecoverable by design: the custodian re-seals the
    channel's reports to the new key with the escrow key (`oversight grievances escrow reseal`).
    """
    row = HandlerKey.objects.filter(user=user).first()
    if row is None:
        return
    with transaction.atomic():
        if old_password is not None:
            try:
                keyring.rewrap(row, old_password, new_password)
                return
            except crypto.DecryptionError:
                pass  # the key was locked under another password; start again below
        keyring.create_key(user, new_password)
        audit.record(
            "grievances.handler_key_replaced",
            user,
            actor_label="system",
            reasons=["password reset: earlier reports need the custodian's re-seal"],
        )
