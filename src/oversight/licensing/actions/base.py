"""What every licensing action shares: the lock, the version check and the audited move."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _

from oversight.accounts.access import has_role
from oversight.accounts.models import Role
from oversight.core import audit
from oversight.core.transitions import IllegalTransition, check
from oversight.licensing.events import APPLICATION_MOVED, Event
from oversight.licensing.models import Application
from oversight.licensing.models.applications import MACHINE


class Changed(Exception):
    """The record changed since the person opened it (another officer acted first)."""


def lock(application: Application, expected_version: int | None = None) -> Application:
    """Re-read the application under a row lock; refuse if it moved since it was shown."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if expected_version is not None and locked.version != expected_version:
        raise Changed(
            _(
                "Application %(ref)s changed while you were looking at it: it is now "
                "“%(status)s”. Reload the page to see what changed; nothing was saved."
            )
            % {"ref": locked.reference, "status": locked.get_status_display()}
        )
    return locked


def move(
    application: Application,
    target: str,
    *,
    actor: Any,
    reasons: Iterable[str] = (),
    changes: Mapping[str, Any] | None = None,
    fields: Iterable[str] = (),
) -> None:
    """Check the transition, save the new status (and `fields`), write the audit entry."""
    old = application.status
    check(MACHINE, old, target, _("Application %(ref)s") % {"ref": application.reference})
    application.status = target
    application.version += 1
    application.save(update_fields=["status", "version", "updated_at", *fields])
    audit.record(
        APPLICATION_MOVED[target],
        application,
        actor=actor,
        changes={"status": [old, target], **(changes or {})},
        reasons=list(reasons),
    )


def require_independent(application: Application, actor: Any) -> None:
    """Nobody decides, reviews or rules on an application of a company they are a member of."""
    if has_role(actor, Role.COMPANY_MEMBER, organisation=application.exporter):
        raise PermissionDenied(
            _(
                "You are a member of %(company)s, the applicant: another officer must act "
                "on %(ref)s."
            )
            % {"company": application.exporter.name, "ref": application.reference}
        )


def record(action: Event, obj: models.Model, *, actor: Any, **kwargs: Any) -> None:
    audit.record(action, obj, actor=actor, **kwargs)


def require_status(application: Application, *allowed: str) -> None:
    if application.status not in allowed:
        raise IllegalTransition(
            _("Application %(ref)s is “%(status)s”; this can be done only when it is %(allowed)s.")
            % {
                "ref": application.reference,
                "status": application.get_status_display(),
                "allowed": ", ".join(allowed),
            }
        )
