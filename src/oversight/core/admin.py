"""Admin registration for the audit log (read-only) and an audited ModelAdmin base."""

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.forms import ModelForm
from django.http import HttpRequest

from oversight.core import audit
from oversight.core.models import AuditEntry


class AuditedModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Every save or delete made through /admin/ leaves an audit entry."""

    def save_model(
        self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool
    ) -> None:
        changes = {
            name: [form.initial.get(name), form.cleaned_data.get(name)]
            for name in form.changed_data
        }
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            verb = "changed" if change else "created"
            audit.record(
                f"{obj._meta.label_lower}.{verb}",
                obj,
                actor=request.user,
                changes=changes,
                reasons=["edited in the administration site"],
            )

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        with transaction.atomic():
            audit.record(f"{obj._meta.label_lower}.deleted", obj, actor=request.user)
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


class AuditEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["seq", "at", "actor_label", "action", "object_repr"]
    list_filter = ["action"]
    search_fields = ["action", "object_repr", "actor_label"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def register(site: admin.AdminSite) -> None:
    site.register(AuditEntry, AuditEntryAdmin)
