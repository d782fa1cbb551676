"""Every write of the equities register, one function per change, audited in its transaction.

The audit log holds references, statuses and dates, never the product, vendor, broker or
the board's reasons (those stay in the rows, which only the board and the agency see),
and its entries are private (apps.py).
"""

import secrets
from collections import defaultdict
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.core import audit
from oversight.core.rules import Reason, Refused, Verdict
from oversight.core.transitions import check
from oversight.core.validators import has_nul
from oversight.registry.models import Jurisdiction, Organisation
from oversight.vulnerabilities import access, rules
from oversight.vulnerabilities.events import Event
from oversight.vulnerabilities.models import (
    MACHINE,
    Decision,
    Status,
    Vulnerability,
    YearStatistics,
)

MOVED: dict[str, Event] = {
    Status.RESTRICTED: Event.VULNERABILITY_RESTRICTED,
    Status.DISCLOSED: Event.VULNERABILITY_DISCLOSED,
}


def state_of(agency: Organisation) -> Jurisdiction | None:
    """The country an agency belongs to (a city's agency answers to its State's board)."""
    place = agency.jurisdiction
    while place is not None and place.kind != Jurisdiction.Kind.COUNTRY and place.parent:
        place = place.parent
    return place


def _changed(vulnerability: Vulnerability, expected_version: int | None) -> None:
    if expected_version is not None and vulnerability.version != expected_version:
        Verdict.of(
            [
                Reason(
                    _(
                        "%(ref)s changed while you were looking at it; reload the page. "
                        "Nothing was saved."
                    )
                    % {"ref": vulnerability.reference},
                    "version",
                )
            ]
        ).enforce()


def record_vulnerability(
    agency: Organisation, record: rules.Record, *, actor: Any
) -> Vulnerability:
    """An agency records a vulnerability it discovered, bought or was told of."""
    if not access.holds_agency(actor, agency):
        raise PermissionDenied(_("Only an official of the agency records its vulnerabilities."))
    today = timezone.localdate()
    own_reference = record.agency_reference.strip()
    taken = not has_nul(own_reference) and (
        Vulnerability.objects.filter(agency=agency, agency_reference=own_reference).exists()
    )
    state = state_of(agency)
    is_agency = agency.kind == Organisation.Kind.AGENCY and state is not None
    rules.may_record(record, today, agency_is_agency=is_agency, taken=taken).enforce()
    scored = rules.score(record.cvss_vector)
    assert scored is not None and record.found_on is not None and state is not None  # checked
    try:
        return _create(agency, state, record, scored, today, actor)
    except IntegrityError:  # the same reference recorded twice at once: the other one won
        taken_now = Reason(
            _("The agency already recorded a vulnerability with this reference."),
            "agency_reference",
        )
        raise Refused([taken_now]) from None


def _create(
    agency: Organisation,
    state: Jurisdiction,
    record: rules.Record,
    scored: rules.Score,
    today: date,
    actor: Any,
) -> Vulnerability:
    with transaction.atomic():
        vulnerability = Vulnerability.objects.create(
            reference=f"new-{secrets.token_hex(8)}",  # numbered once the row has its id
            jurisdiction=state,
            agency=agency,
            agency_reference=record.agency_reference.strip(),
            product=record.product.strip(),
            vendor=record.vendor.strip(),
            summary=record.summary.strip(),
            cvss_vector=scored.vector,
            cvss_score=scored.score,
            severity=scored.severity,
            source=record.source,
            broker=record.broker.strip(),
            found_on=record.found_on or today,  # never None here: the rules refused it
            recorded_by=actor,
        )
        vulnerability.reference = f"V-{today.year}-{vulnerability.pk:04d}"
        vulnerability.save(update_fields=["reference"])
        changes = {
            "reference": [None, vulnerability.reference],
            "status": [None, vulnerability.status],
            "severity": [None, vulnerability.severity],
            "source": [None, vulnerability.source],
        }
        audit.record(Event.VULNERABILITY_RECORDED, vulnerability, actor=actor, changes=changes)
    return vulnerability


def decide(
    vulnerability: Vulnerability,
    *,
    outcome: str,
    reasons: str,
    review_by: date | None = None,
    disclosed_on: date | None = None,
    actor: Any,
    expected_version: int | None = None,
) -> Decision:
    """The board discloses a vulnerability to its vendor or restricts it until a review.

    Deciding on a restricted one is its review. Disclosed on `disclosed_on` (today if
    not given)."""
    if not access.is_board_member_for(actor, vulnerability):
        raise PermissionDenied(_("Only the State's equities board decides."))
    today = timezone.localdate()
    with transaction.atomic():
        locked = Vulnerability.objects.select_for_update().get(pk=vulnerability.pk)
        _changed(locked, expected_version)
        deciding = rules.Deciding(
            locked.status, locked.found_on, outcome, reasons, review_by, disclosed_on
        )
        rules.may_decide(deciding, today).enforce()
        target = rules.OUTCOME_STATUS[outcome]
        check(MACHINE, locked.status, target, locked.reference)
        if target == Status.DISCLOSED:
            disclosed_on = disclosed_on or today
        decision = Decision.objects.create(
            vulnerability=locked,
            outcome=outcome,
            reasons=reasons.strip(),
            review_by=review_by,
            disclosed_on=disclosed_on,
            decided_by=actor,
        )
        old = {"status": locked.status, "review_by": locked.review_by}
        locked.status, locked.review_by = target, review_by
        locked.disclosed_on = disclosed_on
        locked.version += 1
        locked.save(update_fields=["status", "review_by", "disclosed_on", "version"])
        new = {"status": locked.status, "review_by": locked.review_by}
        changes = {**audit.diff(old, new), "decision": [None, decision.pk]}
        if disclosed_on:
            changes["disclosed_on"] = [None, disclosed_on]
        audit.record(MOVED[target], locked, actor=actor, changes=changes)
    return decision


def record_progress(
    vulnerability: Vulnerability,
    *,
    vendor_acknowledged_on: date | None,
    fixed_on: date | None,
    fix_reference: str = "",
    actor: Any,
) -> Vulnerability:
    """The vendor's acknowledgement and the fix of a disclosed vulnerability, when known."""
    if not (
        access.is_board_member_for(actor, vulnerability) or access.holds(actor, vulnerability)
    ):
        raise PermissionDenied(_("Only the board or the agency records the vendor's answer."))
    with transaction.atomic():
        locked = Vulnerability.objects.select_for_update().get(pk=vulnerability.pk)
        progress = rules.Progress(
            locked.status, locked.disclosed_on, vendor_acknowledged_on, fixed_on, fix_reference
        )
        rules.may_record_progress(progress, timezone.localdate()).enforce()
        fields = ("vendor_acknowledged_on", "fixed_on", "fix_reference")
        old = {name: getattr(locked, name) for name in fields}
        new = {
            "vendor_acknowledged_on": vendor_acknowledged_on,
            "fixed_on": fixed_on,
            "fix_reference": fix_reference.strip(),
        }
        changes = audit.diff(old, new)
        if not changes:
            return locked
        for name, value in new.items():
            setattr(locked, name, value)
        locked.version += 1
        locked.save(update_fields=[*fields, "version"])
        audit.record(Event.DISCLOSURE_UPDATED, locked, actor=actor, changes=changes)
    return locked


def publish_statistics(today: date | None = None, *, actor: Any = None) -> int:
    """Recompute the public yearly figures; returns how many years changed (0 if none).

    A year is published once it is over, so that no figure moves on the day a
    vulnerability is recorded. Run daily (jobs.py): restrictions fall past review by
    themselves.
    """
    today = today or timezone.localdate()
    facts: dict[tuple[str, int], list[rules.Fact]] = defaultdict(list)
    rows = Vulnerability.objects.filter(found_on__year__lt=today.year).values_list(
        "jurisdiction_id", "status", "found_on", "disclosed_on", "review_by"
    )
    for state, status, found_on, disclosed_on, review_by in rows:
        facts[(state, found_on.year)].append(rules.Fact(status, found_on, disclosed_on, review_by))
    changed = 0
    with transaction.atomic():
        for (state, year), year_facts in sorted(facts.items()):
            figures = rules.year_figures(year_facts, today)
            if _publish_year(state, year, figures, today, actor):
                changed += 1
    return changed


def _publish_year(
    state: str, year: int, figures: dict[str, object], today: date, actor: Any
) -> bool:
    row = YearStatistics.objects.select_for_update().filter(jurisdiction_id=state, year=year)
    current = row.first()
    old = {name: getattr(current, name) for name in figures} if current else {}
    changes = audit.diff(old, figures)
    if current is not None and not changes:
        return False
    if current is None:
        current = YearStatistics.objects.create(
            key=f"{state}-{year}", jurisdiction_id=state, year=year, as_of=today, **figures
        )
    else:
        for name, value in figures.items():
            setattr(current, name, value)
        current.as_of = today
        current.save(update_fields=[*figures, "as_of"])
    audit.record(Event.STATISTICS_PUBLISHED, current, actor=actor, changes=changes)
    return True
