"""Setting up an oversight body and its members (administrators; the demo)."""

from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from oversight.accounts.access import is_administrator
from oversight.core.rules import Reason, Refused
from oversight.procurement.actions.base import record
from oversight.procurement.events import Event
from oversight.procurement.models import Membership, OversightBody
from oversight.registry.models import Jurisdiction, Organisation


def _administrator(actor: Any) -> None:
    if actor is not None and not is_administrator(actor):
        raise Refused([Reason(_("Only an administrator sets up an oversight body."))])


def create_body(
    *, actor: Any, organisation: Organisation, jurisdiction: Jurisdiction, quorum: int
) -> OversightBody:
    _administrator(actor)
    if quorum < 1:
        raise Refused([Reason(_("A quorum is at least one member."), "quorum")])
    with transaction.atomic():
        body = OversightBody.objects.create(
            organisation=organisation, jurisdiction=jurisdiction, quorum=quorum
        )
        record(Event.BODY_CREATED, body, actor=actor, changes={"quorum": [None, quorum]})
    return body


def appoint_member(
    body: OversightBody,
    *,
    actor: Any,
    user: Any,
    name: str,
    term_start: date,
    term_end: date | None = None,
) -> Membership:
    _administrator(actor)
    reasons = []
    if not name.strip():
        reasons.append(Reason(_("Give the member's public name."), "name"))
    if term_end is not None and term_end < term_start:
        reasons.append(Reason(_("A term ends after it starts."), "term_end"))
    if reasons:
        raise Refused(reasons)
    with transaction.atomic():
        member = Membership.objects.create(
            body=body, user=user, name=name.strip(), term_start=term_start, term_end=term_end
        )
        record(
            Event.MEMBER_APPOINTED,
            member,
            actor=actor,
            changes={"term": [None, [term_start, term_end]]},
        )
    return member
