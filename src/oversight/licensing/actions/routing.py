"""Routing a case to a queue: on submission and whenever its facts change.

Kept apart from the other casework actions so that submission (which routes) does not
import deciding (which submission's screening feeds).
"""

from typing import Any

from django.db import transaction
from django.utils import timezone

from oversight.core import audit
from oversight.licensing import casework
from oversight.licensing import casework_rules as rules
from oversight.licensing.events import Event
from oversight.licensing.models import Application, CaseFile, Queue


def case_file(app: Application) -> CaseFile:
    """The application's case file, locked (made on first use)."""
    CaseFile.objects.get_or_create(application=app)
    return CaseFile.objects.select_for_update().get(application=app)


def route_case(application: Application, *, actor: Any = None) -> CaseFile | None:
    """Route on the case's facts as they are now; re-route only if they or the rules changed.

    A routing rule only chooses the queue: nothing else about the case changes. A State
    without routing rules routes nothing (and writes nothing).
    """
    state = application.exporting_jurisdiction_id
    found = casework.routing_rules(state)
    if not found:
        return None
    facts = casework.routing_facts(application)
    chosen = rules.route(found, facts)
    with transaction.atomic():
        case = case_file(application)
        old_queue = case.queue.slug if case.queue else None
        if (
            case.routed_at is not None
            and case.facts == facts
            and old_queue == (chosen.queue or None)
        ):
            return case
        queue = Queue.objects.filter(slug=chosen.queue).first() if chosen.queue else None
        case.facts, case.rule, case.routed_at = facts, chosen.rule, timezone.now()
        case.queue = queue
        case.version += 1
        case.save()
        changes = {"queue": [old_queue, chosen.queue or None], "facts": [None, facts]}
        audit.record(
            Event.CASE_ROUTED, application, actor=actor, changes=changes, reasons=chosen.reasons
        )
    return case


def reroute_open(jurisdiction: str, *, actor: Any = None) -> int:
    """After the rules change: every open case of the State routed again (if it moves)."""
    moved = 0
    for app in Application.objects.open().filter(exporting_jurisdiction_id=jurisdiction):
        before = CaseFile.objects.filter(application=app).values_list("queue_id", flat=True)
        old = before.first()
        case = route_case(app, actor=actor)
        moved += case is not None and case.queue_id != old
    return moved
