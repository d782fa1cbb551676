"""Gather the facts casework's pure rules need (reads only): routing facts, the chain,
the case clock and each queue's service level.

Routing facts are a plain dict, so that other parts of licensing can add theirs
(`register_fact`, e.g. watchlist matches from screening): a routing rule may name any
fact registered here, and nothing else.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Min
from django.utils.translation import gettext as _

from oversight.accounts.models import Role, User
from oversight.core.rules import Reason, Verdict
from oversight.licensing import casework_rules as rules
from oversight.licensing import screening
from oversight.licensing.models import (
    Advice,
    Application,
    CaseFile,
    CountersignStep,
    Decision,
    Question,
    Queue,
    RoutingRule,
    TeamMember,
)
from oversight.licensing.models.applications import FINAL

FactFn = Callable[[Application, list[dict[str, Any]]], Any]  # (app, latest screening) -> value


def _screening(app: Application) -> list[dict[str, Any]]:
    row = app.screenings.order_by("-at", "-pk").first()
    return list(row.results) if row else []


def _failed(results: list[dict[str, Any]]) -> list[str]:
    return [str(r["rule"]) for r in results if not r.get("ok", True)]


def _matches(results: list[dict[str, Any]]) -> int:
    return sum(len(r.get("matches") or []) for r in results if r.get("rule") == "red_flags")


def _codes(app: Application) -> list[str]:
    return sorted(
        {code for code in app.lines.values_list("control_entry__code", flat=True) if code}
    )


def _categories(app: Application) -> list[str]:
    return sorted(set(app.lines.values_list("technology__category", flat=True)))


def _flags(app: Application, results: list[dict[str, Any]]) -> list[str]:
    flags = ["flagged_for_review"] if app.flagged_for_review else []
    flags += ["research_transfer"] if app.research_transfer else []
    flags += ["servicing"] if app.servicing else []
    flags += ["catch_all"] if "catch_all" in _failed(results) else []
    return flags


FACTS: dict[str, FactFn] = {
    "destination": lambda app, _r: app.destination_id or "",
    "control_entries": lambda app, _r: _codes(app),
    "categories": lambda app, _r: _categories(app),
    "flags": _flags,
    "screening": lambda _app, results: _failed(results),
    "red_flag_matches": lambda _app, results: _matches(results),
    "high_risk": lambda app, _r: bool(rules.high_risk(destination_facts(app))),
}


def register_fact(name: str, fact: FactFn) -> None:
    """Add a fact cases are routed on (once per name), e.g. "watchlist_matches"."""
    if name in FACTS:
        raise ValueError(f"A routing fact {name!r} is already registered")
    FACTS[name] = fact


def routing_facts(app: Application) -> dict[str, Any]:
    results = _screening(app)
    return {name: fact(app, results) for name, fact in sorted(FACTS.items())}


def officers_of(state: str) -> list[User]:
    """The State's active licensing officers, whom a case may be assigned to."""
    rows = User.objects.filter(
        roles__role=Role.LICENSING_OFFICER, roles__jurisdiction_id=state, is_active=True
    )
    return list(rows.distinct().order_by("username"))


def routing_rules(jurisdiction: str) -> list[rules.Rule]:
    rows = RoutingRule.objects.filter(jurisdiction_id=jurisdiction, active=True)
    return [
        rules.Rule(row.order, row.name, row.conditions, row.queue.slug)
        for row in rows.select_related("queue").order_by("order")
    ]


def destination_facts(app: Application) -> rules.Destination | None:
    dest = app.destination
    if dest is None:
        return None
    listed = {code.upper() for code in settings.LICENSING_HIGH_RISK_DESTINATIONS}
    operator = screening.operator_states().get(dest.code)
    return rules.Destination(
        code=dest.code,
        name=dest.name,
        listed=dest.code in listed,
        moratorium_in_force=dest.moratorium_in_force,
        suspected_operator_cases=operator.cases if operator else 0,
    )


def chain(jurisdiction: str) -> list[rules.Step]:
    steps = CountersignStep.objects.filter(jurisdiction_id=jurisdiction).order_by("order")
    signers: dict[int, set[int]] = {}
    for team, user in TeamMember.objects.filter(
        countersigner=True, team__in=steps.values("team")
    ).values_list("team_id", "user_id"):
        signers.setdefault(team, set()).add(user)
    return [
        rules.Step(step.order, step.label, frozenset(signers.get(step.team_id, set())))
        for step in steps
    ]


def signed(advice: Advice) -> list[rules.Signed]:
    rows = advice.countersignatures.filter(cancelled_at=None, advice_version=advice.version)
    return [rules.Signed(step, signer) for step, signer in rows.values_list("step", "signer_id")]


def needs(app: Application, outcome: str) -> list[str]:
    steps = CountersignStep.objects.filter(jurisdiction_id=app.exporting_jurisdiction_id)
    return rules.countersigning_needed(outcome, destination_facts(app), steps.count())


def current_advice(app: Application) -> Advice | None:
    return app.advice.filter(state=Advice.State.DRAFT).order_by("-drafted_at", "-pk").first()


def same_content(advice: Advice, content: dict[str, Any]) -> bool:
    mine = {
        "outcome": advice.outcome,
        "reasons": advice.reasons,
        "conditions": advice.conditions,
        "cited": sorted(advice.cited),
        "justification": advice.justification.strip(),
        "valid_until": advice.valid_until,
    }
    return mine == normalise(content)


def normalise(content: dict[str, Any]) -> dict[str, Any]:
    def lines(values: Sequence[Any]) -> list[str]:
        return [str(v).strip() for v in values if str(v).strip()]

    return {
        "outcome": str(content.get("outcome") or ""),
        "reasons": lines(content.get("reasons") or ()),
        "conditions": lines(content.get("conditions") or ()),
        "cited": sorted(str(c) for c in content.get("cited") or ()),
        "justification": str(content.get("justification") or "").strip(),
        "valid_until": content.get("valid_until"),
    }


def gate(app: Application, content: dict[str, Any]) -> Verdict:
    """Whether this decision may be issued now: if it must be countersigned, only as the
    advice every step of the chain has countersigned, word for word."""
    why = needs(app, str(content.get("outcome") or ""))
    if not why:
        return Verdict.passed()
    advice = current_advice(app)
    if advice is None or not same_content(advice, content):
        lead = Reason(
            _(
                "This decision must be countersigned before it is issued: draft it as advice "
                "on the case page and have every step of the chain countersign it."
            ),
            "countersignatures",
        )
        return Verdict.of([lead, *(Reason(w, "countersignatures") for w in why)])
    return rules.chain_errors(chain(app.exporting_jurisdiction_id), signed(advice))


# Clocks -------------------------------------------------------------------------------


def pauses(app: Application) -> list[tuple[datetime, datetime | None]]:
    return list(app.questions.values_list("asked_at", "answered_at"))


def decided_at(app: Application) -> datetime | None:
    first = app.decisions.order_by("published_at").first()
    return first.published_at if first else None


def clock_days(app: Application, now: datetime) -> float | None:
    if app.submitted_at is None:
        return None
    end = decided_at(app) if app.status in FINAL else None
    return rules.elapsed_days(app.submitted_at, end or now, pauses(app))


@dataclass(frozen=True)
class Clock:
    days: float | None  # None before submission
    waiting: bool  # a question to the applicant is open: the clock is stopped


def clocks(apps: Sequence[Application], now: datetime) -> dict[int, Clock]:
    """Every case's clock in two queries, whatever the number of cases (queue pages)."""
    ids = [app.pk for app in apps]
    asked: dict[int, list[tuple[datetime, datetime | None]]] = {}
    for app_id, start, end in Question.objects.filter(application_id__in=ids).values_list(
        "application_id", "asked_at", "answered_at"
    ):
        asked.setdefault(app_id, []).append((start, end))
    first = dict(
        Decision.objects.filter(application_id__in=ids)
        .values("application_id")
        .annotate(first=Min("published_at"))
        .values_list("application_id", "first")
    )
    found = {}
    for app in apps:
        pauses = asked.get(app.pk, [])
        days = None
        if app.submitted_at is not None:
            end = first.get(app.pk) if app.status in FINAL else None
            days = rules.elapsed_days(app.submitted_at, end or now, pauses)
        found[app.pk] = Clock(days, any(answered is None for _start, answered in pauses))
    return found


def waiting_on_applicant(app: Application) -> bool:
    return app.questions.filter(answered_at=None).exists()


def service(queue: Queue, now: datetime) -> rules.Service:
    """The queue's decided cases: how many within the target, and the median days."""
    cases = (
        CaseFile.objects.filter(queue=queue, application__status__in=FINAL)
        .exclude(application__submitted_at=None)
        .annotate(decided=Min("application__decisions__published_at"))
        .exclude(decided=None)
        .select_related("application")
    )
    asked: dict[int, list[tuple[datetime, datetime | None]]] = {}
    for app_id, start, end in Question.objects.filter(
        application__case_file__queue=queue
    ).values_list("application_id", "asked_at", "answered_at"):
        asked.setdefault(app_id, []).append((start, end))
    days = []
    for case in cases:
        submitted = case.application.submitted_at
        if submitted is not None:  # excluded above; checked for the type
            pauses = asked.get(case.application_id, [])
            days.append(rules.elapsed_days(submitted, case.decided, pauses))
    return rules.service_level(days, queue.target_days)
