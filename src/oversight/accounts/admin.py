"""Admin registrations for accounts; every edit is audited.

`register(site)` is called from admin_site.py. Secrets never reach the log: the
password fields are redacted, TOTP keys and token digests are never shown.
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models, transaction
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from oversight.accounts import actions
from oversight.accounts.events import Event
from oversight.accounts.forms import RoleAssignmentForm
from oversight.accounts.models import APIToken, LoginThrottle, RoleAssignment, User
from oversight.core import audit
from oversight.core.admin import AuditedModelAdmin


class UserAdmin(AuditedModelAdmin, DjangoUserAdmin[User]):
    list_display = ["username", "email", "is_active", "last_login"]
    list_filter = ["is_active", "roles__role"]

    def save_model(
        self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool
    ) -> None:
        changes = {
            name: "(redacted)"
            if "password" in name
            else [form.initial.get(name), form.cleaned_data.get(name)]
            for name in form.changed_data
        }
        with transaction.atomic():
            admin.ModelAdmin.save_model(self, request, obj, form, change)
            audit.record(
                Event.ADMIN_USER_CHANGED if change else Event.ADMIN_USER_CREATED,
                obj,
                actor=request.user,
                changes=changes,
                reasons=["edited in the administration site"],
            )

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                user = User.objects.get(pk=id)
                audit.record(
                    Event.PASSWORD_CHANGED,
                    user,
                    actor=request.user,
                    reasons=["set by an administrator"],
                )
        return response


class RoleAssignmentAdmin(AuditedModelAdmin):
    form = RoleAssignmentForm
    list_display = ["user", "role", "jurisdiction", "organisation", "granted_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "organisation__name", "jurisdiction__code"]
    raw_id_fields = ["user", "organisation"]


@admin.action(description=_("Revoke the selected tokens"))
def revoke_tokens(
    modeladmin: Any, request: HttpRequest, queryset: models.QuerySet[APIToken]
) -> None:
    actor = request.user if isinstance(request.user, User) else None
    for row in queryset.select_related("user"):
        actions.revoke_token(row, actor=actor)


class ReadOnlyAdmin(AuditedModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class APITokenAdmin(ReadOnlyAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    exclude = ["digest"]
    actions = [revoke_tokens]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoke instead: the row is evidence of what the token did


class LoginThrottleAdmin(ReadOnlyAdmin):
    """Deleting a row unlocks that username (audited)."""

    list_display = ["username", "failures", "locked_until", "last_failure_at"]
    search_fields = ["username"]


class TOTPDeviceAdmin(ReadOnlyAdmin):
    """Deleting a device makes its user enrol a new one at next sign-in (audited)."""

    list_display = ["user", "name", "confirmed", "last_used_at"]
    fields = ["user", "name", "confirmed", "last_used_at"]


def register(site: admin.AdminSite) -> None:
    site.register(User, UserAdmin)
    site.register(RoleAssignment, RoleAssignmentAdmin)
    site.register(APIToken, APITokenAdmin)
    site.register(LoginThrottle, LoginThrottleAdmin)
    site.register(TOTPDevice, TOTPDeviceAdmin)
