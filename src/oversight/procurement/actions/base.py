"""What every procurement action shares: the permission check, the lock and the audited move."""

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models
from django.utils.translation import gettext as _

from oversight.core import audit
from oversight.core.rules import Reason, Refused
from oversight.core.transitions import check
from oversight.procurement import access
from oversight.procurement.events import Event
from oversight.procurement.models import Holding, OversightBody, Proposal
from oversight.procurement.models.inventory import HOLDING_MACHINE
from oversight.procurement.models.proposals import MACHINE
from oversight.registry.models import Organisation

Row = TypeVar("Row", Proposal, Holding)


class Changed(Exception):
    """The record changed since the person opened it (someone else acted first)."""


def for_agency(actor: Any, agency: Organisation) -> None:
    """Refuse anyone but an official of `agency` (an agency cannot act for another)."""
    if not access.may_propose(actor, agency):
        raise Refused([Reason(_("You do not act for %(agency)s.") % {"agency": agency}, "agency")])


def for_body(actor: Any, body: OversightBody) -> None:
    if not access.may_sit(actor, body):
        raise Refused([Reason(_("You do not sit on %(body)s.") % {"body": body}, "body")])


def lock(row: Row, expected_version: int | None = None) -> Row:
    """Re-read the row under a row lock; refuse if it moved since it was shown."""
    locked = type(row).objects.select_for_update().get(pk=row.pk)
    if expected_version is not None and locked.version != expected_version:
        raise Changed(
            _("%(what)s changed while you were looking at it; reload the page, nothing was saved.")
            % {"what": str(locked)}
        )
    return locked


def move(
    row: Row,
    target: str,
    event: Event,
    *,
    actor: Any,
    reasons: Iterable[str] = (),
    changes: Mapping[str, Any] | None = None,
    fields: Iterable[str] = (),
) -> None:
    """Check the state machine, save the new status (and `fields`), write the audit entry."""
    machine = MACHINE if isinstance(row, Proposal) else HOLDING_MACHINE
    old = row.status
    check(machine, old, target, str(row))
    row.status = target
    row.version += 1
    row.save(update_fields=["status", "version", "updated_at", *fields])
    record(
        event,
        row,
        actor=actor,
        changes={"status": [old, target], **(changes or {})},
        reasons=list(reasons),
    )


def record(action: Event, obj: models.Model, *, actor: Any, **kwargs: Any) -> None:
    audit.record(action, obj, actor=actor, **kwargs)
