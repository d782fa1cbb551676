"""Pure rules of monitoring: inputs in, a verdict and the reasons (naming fields) out."""

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from itertools import permutations
from urllib.parse import urlsplit

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oversight.core.rules import Reason, Verdict
from oversight.monitoring.vocabulary import CaseStatus, Verification

# Which status may follow which (core.transitions).
CASE_MACHINE: Mapping[str, frozenset[str]] = {
    CaseStatus.DRAFT: frozenset({CaseStatus.PUBLISHED}),
    CaseStatus.PUBLISHED: frozenset({CaseStatus.WITHDRAWN}),
    CaseStatus.WITHDRAWN: frozenset({CaseStatus.PUBLISHED}),
}


def is_substantiated(status: str, verification: str) -> bool:
    """Substantiated, in monitoring's words: published and confirmed by forensic analysis."""
    return status == CaseStatus.PUBLISHED and verification == Verification.CONFIRMED


# (earlier field, later field): the later may not come before the earlier.
CASE_DATE_ORDER = (
    ("occurred", "disclosed"),
    ("first_activity", "last_activity"),
    ("first_activity", "disclosed"),
)


def _label(name: str) -> str:
    return name.replace("_", " ")


def _year_aware_before(
    later: date, earlier: date, later_precision: str, earlier_precision: str
) -> bool:
    """True when `later` is surely before `earlier`, comparing only what both dates know."""
    coarsest = {"year": 0, "month": 1, "day": 2}
    level = min(coarsest.get(later_precision, 2), coarsest.get(earlier_precision, 2))
    key = [
        (d.year,) if level == 0 else (d.year, d.month) if level == 1 else (d.year, d.month, d.day)
        for d in (later, earlier)
    ]
    return key[0] < key[1]


def case_dates(values: Mapping[str, object]) -> Verdict:
    """Dates out of order are refused, naming both fields (partial dates compared as known)."""
    reasons = []
    for earlier, later in CASE_DATE_ORDER:
        first, second = values.get(earlier), values.get(later)
        if not isinstance(first, date) or not isinstance(second, date):
            continue
        if _year_aware_before(
            second,
            first,
            str(values.get(f"{later}_precision", "day")),
            str(values.get(f"{earlier}_precision", "day")),
        ):
            message = _("%(later)s (%(second)s) is before %(earlier)s (%(first)s).") % {
                "later": _label(later),
                "earlier": _label(earlier),
                "first": first,
                "second": second,
            }
            reasons.append(Reason(message, later))
    return Verdict.of(reasons)


def source(citation: str, url: str) -> Verdict:
    if not citation.strip() and not url.strip():
        return Verdict.of(
            [Reason(_("Give a citation or a web address for the source."), "citation")]
        )
    return Verdict.of([])


def reply_date(sent_on: date, received_on: date) -> Verdict:
    if received_on < sent_on:
        message = _("The reply (%(received)s) cannot come before the letter was sent (%(sent)s).")
        return Verdict.of(
            [Reason(message % {"received": received_on, "sent": sent_on}, "received_on")]
        )
    return Verdict.of([])


def communication(
    addressee_kind: str, state: object, company: object, mandates: list[str], joint: bool
) -> Verdict:
    reasons = []
    if addressee_kind == "state" and state is None:
        reasons.append(Reason(_("A letter to a State needs the State."), "addressee_state"))
    if addressee_kind == "company" and company is None:
        reasons.append(Reason(_("A letter to a company needs the company."), "addressee_company"))
    if not mandates:
        reasons.append(Reason(_("Name at least one sending mandate."), "mandates"))
    elif joint and len(mandates) < 2:
        message = _("A joint communication has at least two sending mandates.")
        reasons.append(Reason(message, "mandates"))
    elif not joint and len(mandates) > 1:
        message = _("Several mandates sign this letter: mark it as joint.")
        reasons.append(Reason(message, "joint"))
    return Verdict.of(reasons)


def publisher(url: str) -> str:
    """The host a source was published on, without 'www.': public even when the path is not."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def reference(kind: str, code: str, number: int, year: int) -> str:
    """The OHCHR style: AL MEX 3/2026 (OTH for letters to companies)."""
    return f"{kind} {code} {number}/{year}"


# The public free text of a case: checked against the names of victims on every path.
CASE_PUBLIC_TEXT = (
    "title",
    "summary",
    "product",
    "operator",
    "exploit",
    "forensics_by",
    "disclosed_by",
    "dataset",
)
# Name particles that identify nobody on their own (Omar al Radi, Ana de Souza).
PARTICLES = frozenset(
    {
        "al", "el", "bin", "ibn", "ben", "bint", "abu", "abd", "de", "da", "di", "do", "du",
        "dos", "das", "del", "della", "der", "den", "van", "von", "la", "le", "y", "e", "st",
    }
)  # fmt: skip
# Letters NFKD does not take apart, and Cyrillic and Greek letters drawn like Latin ones
# (written as escapes, so that this file shows no look-alike letter itself).
_LOOKALIKE = (
    "\u0430\u0432\u0435\u043a\u043c\u043d\u043e\u0440\u0441\u0442\u0443\u0445\u0456\u0458\u0455"
    "\u03b1\u03b2\u03b5\u03b9\u03ba\u03bd\u03bf\u03c1\u03c4\u03c5\u03c7"
    "\u00f8\u0142\u0111\u00f0\u0131"
)
_LATIN = "abekmhopctyxijsabeikvoptuxolddi"
_FOLD = str.maketrans(
    dict(zip(_LOOKALIKE, _LATIN, strict=True)) | {"\u00fe": "th", "\u00e6": "ae", "\u0153": "oe"}
)
_WORD = re.compile(r"[^\W_]+")
# A numbered label that sources give a victim they do not name ("Staff of Princess Haya #2").
_PLACEHOLDER = re.compile(r"#\s*\d+\s*$")
COMPACT_MIN = 8  # a run of letters this long is a name written without its spaces
_ALL = "\x00all"  # the key under which all fields are checked together
NAME_IN_TEXT = gettext_lazy(
    "“%(field)s” contains the name of a victim, which is restricted and never published: "
    "write it without the name."
)


def fold(text: str) -> str:
    """Lower case, without accents, look-alike letters or invisible characters."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c for c in decomposed if unicodedata.category(c) not in ("Mn", "Cf"))
    return kept.translate(_FOLD)


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@dataclass(frozen=True)
class Name:
    """A restricted name as the check sees it: its first part (taken as the given name),
    the parts that identify on their own, and all the parts that must appear together."""

    given: str
    family: frozenset[str]
    parts: frozenset[str]

    @classmethod
    def of(cls, raw: str) -> "Name":
        tokens = words(raw)
        parts = frozenset(t for t in tokens if len(t) > 1 and t not in PARTICLES)
        if _PLACEHOLDER.search(raw):  # "Amnesty International #1": an unnamed person
            return cls("", frozenset(), parts | {tokens[-1]})
        given = tokens[0] if tokens else ""
        return cls(given, parts - {given}, parts)

    @cached_property
    def compact_forms(self) -> frozenset[str]:
        """The parts run together, in every order (JaneZorblaxova, J a n e Z o r b…)."""
        ordered = sorted(self.parts)
        if len(ordered) > 4:
            return frozenset({"".join(ordered)})
        forms = {"".join(p) for p in permutations(ordered)}
        return frozenset(f for f in forms if len(f) >= COMPACT_MIN)


@lru_cache(maxsize=100_000)
def _name(raw: str) -> Name:
    """Names are parsed once per process: an import checks every row against them all."""
    return Name.of(raw)


def _fields_holding(found: Mapping[str, tuple[set[str], str]], name: Name, own: bool) -> set[str]:
    """The fields that give this name away, or none."""
    every, joined = found[_ALL]
    if len(name.parts) > (0 if own else 1) and name.parts <= every:
        return {key for key, (tokens, _c) in found.items() if tokens & name.parts} - {_ALL}
    hits = {key for key, (tokens, _c) in found.items() if own and tokens & name.family}
    forms = name.compact_forms if own or len(name.parts) > 1 else frozenset()
    if any(form in joined for form in forms):
        hits |= {key for key, (_t, compact) in found.items() if any(f in compact for f in forms)}
    return hits - {_ALL}


def restricted_names(
    texts: Mapping[str, str], own: Iterable[str], others: Sequence[str] = ()
) -> Verdict:
    """Refuse public text that gives away a victim's name, naming each field that does.

    `own` are the names of this record's victims: all their parts together (in any
    order, across fields) or any part but the first (a family name) alone is refused.
    `others` are every other restricted name in the system: refused when all their
    parts appear, so a name of two parts or more. A given name alone is never refused:
    "May" and "Will" are words too. A numbered label standing for an unnamed victim
    ("Amnesty International #1") is refused only whole, number included: its words
    name the organisation, which may be public ("disclosed by Amnesty International").
    Case, accents, spacing, invisible characters and Cyrillic look-alikes make no
    difference; the refusal never repeats the name.
    """
    found = {
        key: (set(words(text)), "".join(words(text)))
        for key, text in texts.items()
        if text and str(text).strip()
    }
    if not found:
        return Verdict.of([])
    found[_ALL] = (
        set().union(*(tokens for tokens, _c in found.values())),
        " ".join(compact for _t, compact in found.values()),
    )
    hit: set[str] = set()
    for raw, is_own in [*((n, True) for n in own), *((n, False) for n in others)]:
        if raw and raw.strip():
            hit |= _fields_holding(found, _name(raw), is_own)
    ordered = [key for key in texts if key in hit]
    return Verdict.of(
        [Reason(NAME_IN_TEXT % {"field": _label(key)}, field=key) for key in ordered]
    )
