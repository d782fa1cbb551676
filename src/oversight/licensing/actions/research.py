"""The officer's ruling on a declared research transfer (A/HRC/41/35, para. 66(d)).

Screening only proposes the safe harbour; an officer of the exporting State confirms it
with reasons (it is then registered and published) or refuses it with reasons (the
application goes back through normal screening, as any export would).
"""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from oversight.accounts.access import has_role
from oversight.accounts.models import Role
from oversight.licensing.actions.base import (
    lock,
    move,
    record,
    require_independent,
    require_status,
)
from oversight.licensing.actions.publishing import publish_decision
from oversight.licensing.actions.submission import run_screening, settle
from oversight.licensing.events import Event
from oversight.licensing.models import Application, Decision, Status


def _ruling(app: Application, reasons: Sequence[str], actor: Any) -> list[str]:
    if not has_role(actor, Role.LICENSING_OFFICER, jurisdiction=app.exporting_jurisdiction_id):
        raise PermissionDenied(
            _("Only a licensing officer of %(state)s rules on this research transfer.")
            % {"state": app.exporting_jurisdiction.name}
        )
    require_independent(app, actor)
    given = [str(reason).strip() for reason in reasons if str(reason).strip()]
    if not given:
        message = _("Give the reasons for the ruling; they are published with it.")
        raise ValidationError({"reasons": [message]})
    return given


def confirm_research(
    application: Application,
    *,
    reasons: Sequence[str],
    actor: Any,
    expected_version: int | None = None,
) -> Decision:
    """Register the research transfer, re-screened now; refused if the harbour no longer fits."""
    with transaction.atomic():
        app = lock(application, expected_version)
        require_status(app, Status.RESEARCH_CHECK)
        given = _ruling(app, reasons, actor)
        row, checks = run_screening(app, actor=actor, stage="research")
        if row.outcome != "register":
            research = next(check for check in checks if check.rule == "research")
            blocked = [r for c in checks if c.effect == "block" for r in c.reasons]
            raise ValidationError({"reasons": [*research.reasons, *blocked]})
        found = [r for c in checks if c.effect == "register" for r in c.reasons]
        record(Event.RESEARCH_CONFIRMED, app, actor=actor, reasons=given)
        move(app, Status.REGISTERED, actor=actor, reasons=given)
        return publish_decision(app, Status.REGISTERED, actor=actor, reasons=[*found, *given])


def refuse_research(
    application: Application,
    *,
    reasons: Sequence[str],
    actor: Any,
    expected_version: int | None = None,
) -> Application:
    """Refuse the safe harbour with reasons: the application is screened as any export."""
    with transaction.atomic():
        app = lock(application, expected_version)
        require_status(app, Status.RESEARCH_CHECK)
        given = _ruling(app, reasons, actor)
        app.research_refusal = given
        record(Event.RESEARCH_REFUSED, app, actor=actor, reasons=given)
        move(app, Status.SCREENING, actor=actor, reasons=given, fields=["research_refusal"])
        row, checks = run_screening(app, actor=actor, stage="research_refused")
        settle(app, row, checks, actor=actor)
    return app
