"""Keep a handler's key usable when their password changes."""

from typing import Any

from django.dispatch import receiver

from oversight.accounts.signals import password_changed
from oversight.grievances.actions import keys


@receiver(password_changed, dispatch_uid="grievances-rewrap-handler-key")
def rewrap_handler_key(
    sender: Any, user: Any, old_password: str | None, new_password: str, **kwargs: Any
) -> None:
    keys.password_changed(user, old_password, new_password)
