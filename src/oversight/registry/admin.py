"""Admin registrations for the registry; every edit is audited (`core.admin`).

Moratoria and safeguards regimes are read-only here: they change only on
/staff/jurisdictions/<code>/, which checks the rules and requires reasons.
"""

from typing import Any

from django.contrib import admin
from django.db import models

from oversight.core.admin import AuditedModelAdmin
from oversight.registry import models as registry


def _registry_admin(model: type[models.Model], **options: Any) -> type[AuditedModelAdmin]:
    return type(f"{model.__name__}Admin", (AuditedModelAdmin,), options)


def register(site: admin.AdminSite) -> None:
    site.register(
        registry.Jurisdiction,
        _registry_admin(
            registry.Jurisdiction,
            list_display=[
                "code",
                "name",
                "wassenaar_participant",
                "moratorium_in_force",
                "safeguards_status",
            ],
            search_fields=["code", "name"],
            list_filter=["kind", "wassenaar_participant", "moratorium_in_force"],
            # Changed only on /staff/jurisdictions/<code>/, which checks the rules
            # (dates, scope, evidence) and requires reasons.
            readonly_fields=[
                "moratorium_in_force",
                "moratorium_since",
                "moratorium_scope",
                "moratorium_reference",
                "safeguards_status",
                "safeguards_since",
                "safeguards_evidence",
            ],
        ),
    )
    site.register(
        registry.Organisation,
        _registry_admin(
            registry.Organisation,
            list_display=["name", "kind", "jurisdiction"],
            search_fields=["name", "slug"],
            list_filter=["kind"],
            raw_id_fields=["jurisdiction"],
        ),
    )
    site.register(
        registry.ControlEntry,
        _registry_admin(
            registry.ControlEntry,
            list_display=["code", "short_description"],
            search_fields=["code"],
        ),
    )
    site.register(
        registry.Technology,
        _registry_admin(
            registry.Technology,
            list_display=["name", "vendor", "category", "published"],
            search_fields=["name", "slug"],
            list_filter=["category", "published"],
            raw_id_fields=["vendor"],
        ),
    )
    site.register(
        registry.Transfer,
        _registry_admin(
            registry.Transfer,
            list_display=[
                "external_id",
                "title",
                "supplier_jurisdiction",
                "recipient_jurisdiction",
                "year",
                "published",
            ],
            search_fields=["external_id", "title"],
            list_filter=["published", "dataset"],
            raw_id_fields=[
                "supplier",
                "end_user",
                "supplier_jurisdiction",
                "recipient_jurisdiction",
            ],
        ),
    )
    site.register(
        registry.LicenceStatistic,
        _registry_admin(
            registry.LicenceStatistic,
            list_display=["external_id", "licence_group", "destination", "decided_on"],
            search_fields=["external_id"],
            raw_id_fields=["control_entry", "destination", "licensing_jurisdiction"],
        ),
    )
