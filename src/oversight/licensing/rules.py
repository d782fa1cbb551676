"""The pure screening rules of an export licence application (A/HRC/41/35, 66(a)(d)(e)(f)).

Inputs in (plain facts, no HTTP, no queries), a verdict and the reasons a person
can read out. The same reasons are shown on the page, returned by the API,
published with the decision and written to the audit log.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rapidfuzz import fuzz, utils

from oversight.core.rules import Verdict
from oversight.registry import rules as registry_rules
from oversight.registry.models import Category

Effect = Literal["pass", "flag", "exempt", "register", "block", "condition"]
# What each effect means for the application, as a person reads it.
EFFECT_LABELS: dict[str, Any] = {
    "pass": gettext_lazy("No bar: the application goes on"),
    "flag": gettext_lazy("Flagged for the officer"),
    "exempt": gettext_lazy("Exempt: no licence required"),
    "register": gettext_lazy("Registered, not licensed"),
    "block": gettext_lazy("Blocks approval"),
    "condition": gettext_lazy("Needs conditions"),
}
RED_FLAG_THRESHOLD = 85.0  # rapidfuzz WRatio, 0-100; tuned on agency names ("Ministry of …")


@dataclass(frozen=True)
class Line:
    """What screening needs to know of one goods line."""

    number: int
    technology: str
    category: str
    privately_developed: bool
    encryption_only: bool
    catch_all: str = ""  # a catch-all notification binding this item to the destination


@dataclass(frozen=True)
class State:
    """What screening needs to know of the exporting jurisdiction."""

    code: str
    name: str
    wassenaar_participant: bool
    moratorium_in_force: bool
    moratorium_scope: tuple[str, ...]
    safeguards_certified: bool
    moratorium_since: date | None = None


@dataclass(frozen=True)
class Candidate:
    """An organisation named as operator in a monitoring case or in a misuse report."""

    name: str
    aliases: tuple[str, ...]
    url: str
    source: str  # readable, e.g. "Monitoring case: Pegasus in …"


@dataclass(frozen=True)
class OperatorState:
    """A State named as suspected operator in published monitoring cases."""

    code: str
    name: str
    cases: int
    url: str  # one of those cases


@dataclass(frozen=True)
class Match:
    party: str
    role: str
    matched: str
    score: float
    url: str
    source: str


@dataclass(frozen=True)
class Check:
    """One rule's result: its verdict, what it does to the application, and why."""

    rule: str
    title: str
    ok: bool
    effect: Effect
    reasons: list[str]
    matches: list[Match] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _is_encryption(line: Line) -> bool:
    return line.encryption_only or line.category == "encryption"


def encryption_exemption(lines: Sequence[Line]) -> Check:
    """66(d): items that are encryption / information-security items only need no licence."""
    title = _("Encryption exemption")
    if not lines:
        return Check("encryption", title, True, "pass", [_("No goods lines to assess.")])
    others = [line for line in lines if not _is_encryption(line) or line.catch_all]
    if not others:
        reason = _(
            "Every line is an encryption or information-security item only: no licence is "
            "required (A/HRC/41/35, para. 66(d))."
        )
        return Check("encryption", title, True, "exempt", [reason])
    reasons = [
        _(
            "line %(n)d: %(tech)s is under catch-all notification %(ref)s for this destination "
            "(Regulation (EU) 2021/821, Art. 5), so a licence is needed."
        )
        % {"n": line.number, "tech": line.technology, "ref": line.catch_all}
        if line.catch_all
        else _("line %(n)d: %(tech)s is not an encryption-only item, so a licence is needed.")
        % {"n": line.number, "tech": line.technology}
        for line in others
    ]
    return Check("encryption", title, True, "pass", reasons)


def catch_all(lines: Sequence[Line]) -> Check:
    """Art. 5 of Regulation (EU) 2021/821: lines bound by a catch-all notification."""
    title = _("Catch-all notifications")
    caught = [line for line in lines if line.catch_all]
    if not caught:
        reason = _("No catch-all notification binds these items to this destination.")
        return Check("catch_all", title, True, "pass", [reason])
    reasons = [
        _("line %(n)d: %(tech)s is treated as controlled for this destination: %(ref)s.")
        % {"n": line.number, "tech": line.technology, "ref": line.catch_all}
        for line in caught
    ]
    return Check("catch_all", title, False, "flag", reasons)


# Categories that are themselves a surveillance capability being delivered: a transfer of
# one is never "research" (intrusion software, interception, monitoring centres).
SURVEILLANCE_CAPABILITIES = frozenset(
    {"intrusion", "mobile_interception", "lawful_interception", "network"}
)


def research_bars(
    lines: Sequence[Line],
    government_end_users: Sequence[str],
    moratorium: Check | None = None,
    red_flags: Check | None = None,
) -> list[str]:
    """Why the research safe harbour cannot apply, if it cannot; one reason per bar."""
    bars = []
    if moratorium is not None and moratorium.effect == "block":
        bars.append(_("the tool is under a moratorium (see Moratorium)."))
    for line in lines:
        if line.category in SURVEILLANCE_CAPABILITIES:
            bars.append(
                _(
                    "line %(n)d: %(tech)s is %(category)s, itself a surveillance capability "
                    "being delivered."
                )
                % {"n": line.number, "tech": line.technology, "category": category_label(line)}
            )
    bars += [
        _("%(name)s is a government end user (government, police, intelligence or military).")
        % {"name": name}
        for name in government_end_users
    ]
    if red_flags is not None and not red_flags.ok:
        bars.append(_("a party has a red flag (see End-user red flags)."))
    return bars


def category_label(line: Line) -> str:
    return (
        str(Category(line.category).label) if line.category in Category.values else line.category
    )


def research_safe_harbour(
    declared: bool,
    purpose: str,
    description: str,
    *,
    bars: Sequence[str] = (),
    refused: Sequence[str] = (),
) -> Check:
    """66(d): good-faith security research is registered, not licensed — after an officer.

    Never for a tool under a moratorium, a government end user, a surveillance capability
    or a red-flagged party (`research_bars`); where it may apply, it only proposes
    registration ("register"): an officer confirms it with reasons, or refuses it
    (`refused`, their reasons), which sends the application through normal screening.
    """
    title = _("Security-research safe harbour")
    if not declared:
        return Check("research", title, True, "pass", [_("No research transfer was declared.")])
    missing = []
    if not purpose:
        missing.append(
            _(
                "research purpose: choose vulnerability research, coordinated "
                "disclosure or defensive tooling."
            )
        )
    if not description.strip():
        missing.append(_("research description: describe the research and who takes part."))
    if missing:
        return Check("research", title, False, "flag", missing)
    if bars:
        lead = _(
            "The safe harbour for good-faith security research does not apply "
            "(A/HRC/41/35, para. 66(d)); normal screening follows:"
        )
        return Check("research", title, False, "flag", [lead, *bars])
    if refused:
        lead = _("An officer refused the safe harbour; normal screening follows:")
        return Check("research", title, False, "flag", [lead, *refused])
    reason = _(
        "Declared good-faith security research (%(purpose)s): registered and published, "
        "not licensed, once an officer confirms it (A/HRC/41/35, para. 66(d))."
    ) % {"purpose": purpose.replace("_", " ")}
    return Check("research", title, True, "register", [reason])


def _declared(state: State) -> registry_rules.Moratorium:
    return registry_rules.Moratorium(
        jurisdiction=state.code,
        name=state.name,
        in_force=state.moratorium_in_force,
        activities=frozenset(state.moratorium_scope),
        since=state.moratorium_since,
        safeguards_certified=state.safeguards_certified,
    )


def moratorium(
    state: State,
    lines: Sequence[Line],
    *,
    destination: State | None = None,
    transit: Sequence[State] = (),
    servicing: bool = False,
) -> Check:
    """66(a): the registry's moratorium rule, applied to every State the export touches.

    The exporting State's moratorium on export, transfer or sale; the destination's and
    each transit country's on sale, transfer or use; and, for a servicing contract, any
    of them (and the destination's) on servicing. One that bites blocks the export.
    """
    items = [
        registry_rules.Item(
            line.number, line.technology, line.privately_developed, _is_encryption(line)
        )
        for line in lines
    ]
    extra = registry_rules.SERVICING if servicing else frozenset()
    touched: list[tuple[State, frozenset[str], str, str]] = [
        (state, registry_rules.EXPORT | extra, _("export"), "")
    ]
    if destination is not None:
        role = _("destination")
        touched.append((destination, registry_rules.RECEIPT | extra, _("import"), role))
    touched += [(t, registry_rules.RECEIPT, _("transit"), _("transit country")) for t in transit]
    verdicts = [
        registry_rules.moratorium(_declared(s), acts, items, matter=matter, role=role)
        for s, acts, matter, role in touched
    ]
    blocking = [verdict for verdict in verdicts if not verdict.ok]
    if blocking:
        reasons = [message for verdict in blocking for message in verdict.messages]
        return Check("moratorium", _("Moratorium"), False, "block", reasons)
    reasons = [message for verdict in verdicts for message in verdict.messages]
    return Check("moratorium", _("Moratorium"), True, "pass", reasons)


def wassenaar(state: State) -> Check:
    """66(e): an exporting State outside the Wassenaar Arrangement is flagged."""
    title = _("Wassenaar Arrangement")
    if state.wassenaar_participant:
        reason = _("%(state)s participates in the Wassenaar Arrangement.") % {"state": state.name}
        return Check("wassenaar", title, True, "pass", [reason])
    reason = _(
        "%(state)s is not a Wassenaar Arrangement participating State: its control list and "
        "information exchange cannot be assumed (A/HRC/41/35, para. 66(e))."
    ) % {"state": state.name}
    return Check("wassenaar", title, False, "flag", [reason])


def ungp(verdict: Verdict) -> Check:
    """66(f): the applicant's UN Guiding Principles compliance; each missing item listed."""
    title = _("Company compliance with the UN Guiding Principles")
    if verdict.ok:
        reasons = verdict.messages or [_("Every compliance requirement is met.")]
        return Check("ungp", title, True, "pass", list(reasons))
    reasons = [*verdict.messages, _("Approval is impossible until every item above is met.")]
    return Check("ungp", title, False, "condition", reasons)


def _score(name: str, candidate: Candidate) -> tuple[float, str]:
    best, which = 0.0, candidate.name
    for option in (candidate.name, *candidate.aliases):
        if not option.strip():
            continue
        score = float(fuzz.WRatio(name, option, processor=utils.default_process))
        if score > best:
            best, which = score, option
    return best, which


def red_flag_matches(
    parties: Iterable[tuple[str, str]],
    candidates: Iterable[Candidate],
    threshold: float = RED_FLAG_THRESHOLD,
) -> list[Match]:
    """(role, name) parties against candidate operators; the matches at or over the threshold."""
    pool = list(candidates)
    matches = []
    for role, name in parties:
        for candidate in pool:
            score, matched = _score(name, candidate)
            if score >= threshold:
                matches.append(
                    Match(name, role, matched, round(score, 1), candidate.url, candidate.source)
                )
    return sorted(matches, key=lambda m: (-m.score, m.party, m.source))


def operator_state_matches(
    government_end_users: Iterable[tuple[str, str, str]], states: Mapping[str, OperatorState]
) -> list[Match]:
    """(role, name, country) of government end users whose State is a suspected operator."""
    matches = []
    for role, name, country in government_end_users:
        state = states.get(country)
        if state is not None:
            source = _(
                "%(n)d published monitoring case(s) name %(state)s as suspected operator"
            ) % {
                "n": state.cases,
                "state": state.name,
            }
            matches.append(Match(name, role, state.name, 100.0, state.url, source))
    return matches


def end_user_red_flags(
    parties: Iterable[tuple[str, str]],
    candidates: Iterable[Candidate],
    threshold: float = RED_FLAG_THRESHOLD,
    state_matches: Sequence[Match] = (),
) -> Check:
    """End users matching operators in monitoring cases or substantiated misuse: flagged.

    Names are compared fuzzily (rapidfuzz WRatio, the score is shown); a government end
    user whose State is a suspected operator in published cases is flagged too (score 100).
    """
    title = _("End-user red flags")
    listed = list(parties)
    matches = [*red_flag_matches(listed, candidates, threshold), *state_matches]
    if not matches:
        reason = _(
            "No end user matches an operator named in monitoring cases or substantiated "
            "misuse reports (threshold %(t)d of 100)."
        ) % {"t": int(threshold)}
        return Check("red_flags", title, True, "pass", [reason], [])
    reasons = [
        _("%(party)s (%(role)s) resembles “%(matched)s”, score %(score).1f of 100 — %(source)s")
        % {
            "party": m.party,
            "role": m.role.replace("_", " "),
            "matched": m.matched,
            "score": m.score,
            "source": m.source,
        }
        for m in matches
    ]
    return Check("red_flags", title, False, "flag", reasons, matches)


PRECEDENCE: tuple[Effect, ...] = ("block", "exempt", "register")


def outcome_of(checks: Sequence[Check]) -> str:
    """The screening's effect on the application: block, exempt, register, or '' (continue).

    A moratorium block outranks everything; then an exemption (no licence is needed at
    all), then the research safe harbour (for an officer to confirm); flags and
    conditions go to the officer and reviewer.
    """
    effects = {check.effect for check in checks}
    return next((effect for effect in PRECEDENCE if effect in effects), "")


def approval_blockers(checks: Sequence[Check]) -> list[str]:
    """Reasons why no licence may be approved now (moratorium, UNGP compliance)."""
    return [
        reason
        for check in checks
        if check.effect in ("block", "condition") and not check.ok
        for reason in check.reasons
    ]
