"""Model permissions for /admin/ come from the ADMINISTRATOR role, not from flags.

Oversight does not rely on `is_staff`: the admin site admits a user only for an
ADMINISTRATOR `RoleAssignment` plus a verified second factor (admin_site.py), and
this backend then grants that user every model permission in the admin. Nothing
else in Oversight asks `has_perm`; staff pages use `accounts.access` instead.
"""

from typing import Any

from django.contrib.auth.backends import BaseBackend

from oversight.accounts.access import is_administrator

_CACHE = "_oversight_is_administrator"


def _administrator(user: Any) -> bool:
    if not getattr(user, "is_active", False):
        return False
    if not hasattr(user, _CACHE):
        setattr(user, _CACHE, is_administrator(user))
    return bool(getattr(user, _CACHE))


class AdministratorRoleBackend(BaseBackend):
    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return _administrator(user_obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return _administrator(user_obj)
