"""The pure rules of casework: deadlines, routing, clocks, countersigning, bulk approval.

Plain facts in, a `Verdict` (or a plain result) out; no query. The loaders that gather
the facts live beside the actions that call them (`licensing/casework.py`).
"""

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.utils.translation import gettext as _

from oversight.core.rules import Reason, Verdict

DAY = timedelta(days=1)


def due_on(start: date, days: int) -> date:
    """A deadline `days` calendar days after `start` (the day of receipt is day 0)."""
    return start + timedelta(days=days)


def is_late(due: date, answered: date) -> bool:
    return answered > due


def is_overdue(due: date, today: date) -> bool:
    return today > due


def _text(value: Any) -> str:
    return str(value or "").strip()


def ruling_request_errors(values: Mapping[str, Any]) -> Verdict:
    reasons = []
    if not _text(values.get("item_name")):
        reasons.append(Reason(_("Name the item."), "item_name"))
    if len(_text(values.get("item_name"))) > 200:
        reasons.append(Reason(_("At most 200 characters."), "item_name"))
    if not _text(values.get("description")):
        reasons.append(Reason(_("Describe the item: what it does and how."), "description"))
    return Verdict.of(reasons)


def ruling_errors(
    controlled: bool | None, entry_known: bool, code: str, reasoning: str
) -> Verdict:
    """A ruling says controlled or not, gives the entry when controlled, and its reasoning."""
    reasons = []
    if controlled is None:
        reasons.append(Reason(_("Say whether the item is controlled."), "controlled"))
    if controlled and not code:
        reasons.append(
            Reason(_("A controlled item's ruling names its control-list entry."), "control_entry")
        )
    elif code and not entry_known:
        reasons.append(
            Reason(_("Not a known control-list entry: %(c)s") % {"c": code}, "control_entry")
        )
    if controlled is False and code:
        reasons.append(
            Reason(_("An item that is not controlled has no control-list entry."), "control_entry")
        )
    if not reasoning.strip():
        reasons.append(
            Reason(_("Give the reasoning; it is published with the ruling."), "reasoning")
        )
    return Verdict.of(reasons)


def catch_all_errors(values: Mapping[str, Any]) -> Verdict:
    reasons = []
    if values.get("technology") is None:
        reasons.append(Reason(_("Choose the item, one of your company's products."), "technology"))
    if not _text(values.get("destination_id")):
        reasons.append(Reason(_("Give the destination."), "destination"))
    if len(_text(values.get("end_user"))) > 300:
        reasons.append(Reason(_("At most 300 characters."), "end_user"))
    if not _text(values.get("concern")):
        reasons.append(
            Reason(
                _(
                    "Say what you know of the risk of internal repression or serious "
                    "violations of human rights (Art. 5(2))."
                ),
                "concern",
            )
        )
    return Verdict.of(reasons)


def catch_all_decision_errors(licence_required: bool | None, reasons: Sequence[str]) -> Verdict:
    found = []
    if licence_required is None:
        found.append(Reason(_("Decide: licence required or not."), "licence_required"))
    if not any(_text(r) for r in reasons):
        found.append(Reason(_("Give the reasons for the decision."), "reasons"))
    return Verdict.of(found)


# Routing ------------------------------------------------------------------------------

Facts = Mapping[str, Any]  # e.g. {"destination": "AE", "control_entries": [...], ...}


@dataclass(frozen=True)
class Rule:
    order: int
    name: str
    conditions: Mapping[str, Any]
    queue: str  # the queue's slug


@dataclass(frozen=True)
class Route:
    queue: str  # "" when no rule matches
    rule: str
    reasons: list[str]


def _holds(wanted: Any, fact: Any) -> bool:
    if isinstance(wanted, bool):
        return bool(fact) is wanted
    if isinstance(wanted, int | float):
        number = len(fact) if isinstance(fact, list | tuple) else fact
        return isinstance(number, int | float) and number >= wanted
    if isinstance(wanted, list):
        have = set(fact) if isinstance(fact, list | tuple) else {fact}
        return bool(have & set(wanted))
    return bool(fact == wanted)


def condition_errors(conditions: Any, known: Iterable[str]) -> Verdict:
    """A rule's conditions: a mapping of known facts to a list, a number or true/false."""
    if not isinstance(conditions, dict):
        return Verdict.of([Reason(_("Conditions are a mapping of fact to value."), "conditions")])
    names = set(known)
    reasons = []
    for name, wanted in conditions.items():
        if name not in names:
            message = _("%(f)s: not a fact cases are routed on (known: %(k)s).") % {
                "f": name,
                "k": ", ".join(sorted(names)),
            }
            reasons.append(Reason(message, "conditions"))
        elif not isinstance(wanted, list | bool | int | float):
            message = _("%(f)s: give a list, a number or true/false.") % {"f": name}
            reasons.append(Reason(message, "conditions"))
    return Verdict.of(reasons)


def route(rules: Sequence[Rule], facts: Facts) -> Route:
    """The first rule, by order, whose every condition holds on the facts.

    A route names a queue and the rule that chose it; it never decides the case.
    """
    for rule in sorted(rules, key=lambda r: r.order):
        if all(_holds(wanted, facts.get(name)) for name, wanted in rule.conditions.items()):
            said = ", ".join(f"{n} = {facts.get(n)!r}" for n in rule.conditions) or _("any case")
            reason = _("Rule %(n)d “%(name)s” matched (%(said)s).") % {
                "n": rule.order,
                "name": rule.name,
                "said": said,
            }
            return Route(rule.queue, rule.name, [reason])
    return Route("", "", [_("No routing rule matched; the case waits outside any queue.")])


# Clocks -------------------------------------------------------------------------------


def paused(pauses: Iterable[tuple[datetime, datetime | None]], now: datetime) -> timedelta:
    """The time covered by the pauses (overlaps counted once); an open one runs to `now`."""
    spans = sorted((start, end or now) for start, end in pauses)
    total, reach = timedelta(0), None
    for start, end in spans:
        if reach is not None and start < reach:
            start = reach
        if end > start:
            total += end - start
            reach = end if reach is None or end > reach else reach
    return total


def elapsed_days(
    start: datetime, end: datetime, pauses: Iterable[tuple[datetime, datetime | None]]
) -> float:
    """Days on the clock between `start` and `end`, not counting the pauses."""
    running = (end - start) - paused(pauses, end)
    return round(max(running, timedelta(0)) / DAY, 1)


@dataclass(frozen=True)
class Service:
    decided: int
    within_target: int
    share: float | None  # within target / decided, None when nothing was decided
    median_days: float | None


def service_level(decided_days: Sequence[float], target: int) -> Service:
    within = sum(1 for days in decided_days if days <= target)
    count = len(decided_days)
    return Service(
        decided=count,
        within_target=within,
        share=round(within / count, 3) if count else None,
        median_days=round(statistics.median(decided_days), 1) if count else None,
    )


# Countersigning -----------------------------------------------------------------------


@dataclass(frozen=True)
class Destination:
    code: str
    name: str
    listed: bool  # in settings.LICENSING_HIGH_RISK_DESTINATIONS
    moratorium_in_force: bool
    suspected_operator_cases: int  # published monitoring cases naming it as operator


def high_risk(destination: Destination | None) -> list[str]:
    if destination is None:
        return []
    found = []
    if destination.listed:
        found.append(
            _("%(d)s is on this authority's list of high-risk destinations.")
            % {"d": destination.name}
        )
    if destination.moratorium_in_force:
        found.append(_("%(d)s has a moratorium in force.") % {"d": destination.name})
    if destination.suspected_operator_cases:
        found.append(
            _("%(d)s is named as suspected operator in %(n)d published monitoring case(s).")
            % {"d": destination.name, "n": destination.suspected_operator_cases}
        )
    return found


def countersigning_needed(
    outcome: str, destination: Destination | None, chain_length: int
) -> list[str]:
    """Why this outcome must be countersigned (empty: it need not be).

    A refusal always; an approval to a high-risk destination. A State that has set up
    no chain has no countersigning.
    """
    if not chain_length:
        return []
    if outcome == "refused":
        return [_("A refusal is countersigned.")]
    if outcome == "issued":
        risks = high_risk(destination)
        if risks:
            return [_("An approval to a high-risk destination is countersigned:"), *risks]
    return []


@dataclass(frozen=True)
class Step:
    order: int
    label: str
    signers: frozenset[int]  # user ids of the team's countersigners


@dataclass(frozen=True)
class Signed:
    step: int
    signer: int


def next_step(steps: Sequence[Step], signed: Sequence[Signed]) -> Step | None:
    """The first step, in order, not yet signed; None when the chain is complete."""
    done = {s.step for s in signed}
    return next(
        (step for step in sorted(steps, key=lambda s: s.order) if step.order not in done), None
    )


def countersign_errors(
    steps: Sequence[Step],
    signed: Sequence[Signed],
    *,
    signer: int,
    drafter: int,
    member_of_applicant: bool,
    officer_of_state: bool,
) -> Verdict:
    """May this person give the next countersignature? Every reason at once."""
    step = next_step(steps, signed)
    if step is None:
        return Verdict.of([Reason(_("Every countersignature has been given."), "step")])
    reasons = []
    if not officer_of_state:
        reasons.append(Reason(_("Only a licensing officer of this State countersigns."), "signer"))
    if signer == drafter:
        reasons.append(
            Reason(_("The officer who drafted the advice cannot countersign it."), "signer")
        )
    if member_of_applicant:
        reasons.append(
            Reason(_("A member of the applicant company cannot countersign."), "signer")
        )
    if signer not in step.signers:
        reasons.append(
            Reason(
                _("Step %(n)d (%(label)s) is signed by a countersigner of its team.")
                % {"n": step.order, "label": step.label},
                "signer",
            )
        )
    if any(s.signer == signer for s in signed):
        reasons.append(
            Reason(
                _("You have already countersigned this advice; each step needs another person."),
                "signer",
            )
        )
    return Verdict.of(reasons)


def chain_errors(steps: Sequence[Step], signed: Sequence[Signed]) -> Verdict:
    missing = [
        s for s in sorted(steps, key=lambda s: s.order) if s.order not in {x.step for x in signed}
    ]
    return Verdict.of(
        Reason(
            _("Countersignature %(n)d (%(label)s) has not been given.")
            % {"n": s.order, "label": s.label},
            "countersignatures",
        )
        for s in missing
    )


# Bulk approval ------------------------------------------------------------------------


@dataclass(frozen=True)
class Routine:
    """What makes a case routine enough to approve in a batch."""

    awaiting_decision: bool
    failed_checks: tuple[str, ...]  # titles of screening checks that did not pass
    open_matches: int  # watchlist or red-flag matches not dismissed
    countersigning: tuple[str, ...]  # why it must be countersigned, if it must
    recommendation: str  # the review's
    open_questions: int
    flagged: bool


def routine_errors(case: Routine) -> Verdict:
    reasons = []
    if not case.awaiting_decision:
        reasons.append(Reason(_("It is not awaiting a decision."), "status"))
    for title in case.failed_checks:
        reasons.append(Reason(_("Screening did not pass: %(t)s.") % {"t": title}, "screening"))
    if case.open_matches:
        reasons.append(
            Reason(
                _("%(n)d screening match(es) are not dismissed.") % {"n": case.open_matches},
                "matches",
            )
        )
    if case.countersigning:
        reasons.append(Reason(_("It must be countersigned."), "countersignatures"))
    if case.recommendation != "approve":
        reasons.append(
            Reason(_("The human rights review did not recommend plain approval."), "review")
        )
    if case.open_questions:
        reasons.append(Reason(_("A question to the applicant is open."), "questions"))
    if case.flagged:
        reasons.append(Reason(_("It is flagged for review."), "flagged"))
    return Verdict.of(reasons)
