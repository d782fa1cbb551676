"""The /admin/ site: administrators only, with a verified second factor."""

from django.contrib import admin
from django.http import HttpRequest

from oversight.core.admin import register as register_core


class OversightAdminSite(admin.AdminSite):
    site_header = "Oversight administration"
    site_title = "Oversight administration"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(
            user.is_active and user.is_staff and getattr(user, "is_verified", lambda: False)()
        )


admin_site = OversightAdminSite(name="admin")
register_core(admin_site)
