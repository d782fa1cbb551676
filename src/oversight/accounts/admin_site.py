"""The /admin/ site: administrators only, with a verified second factor.

Admission rests on the ADMINISTRATOR role (a `RoleAssignment`) and django-otp's
`is_verified()`; `is_staff` is not consulted, so it cannot drift out of sync.
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from oversight.accounts.access import is_administrator, is_verified
from oversight.accounts.admin import register as register_accounts
from oversight.core.admin import register as register_core


class OversightAdminSite(admin.AdminSite):
    site_header = _("Oversight administration")
    site_title = _("Oversight administration")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and is_verified(user) and is_administrator(user))

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """Everyone signs in through the two-step form; the signed-in but refused get 403."""
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next") or reverse("admin:index"))

    def password_change(self, request: HttpRequest, extra_context: Any = None) -> Any:
        return redirect("accounts:password_change")


admin_site = OversightAdminSite(name="admin")
register_core(admin_site)
register_accounts(admin_site)
