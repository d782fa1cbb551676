"""Pure rules of monitoring: inputs in, a verdict and the reasons (naming fields) out."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from oversight.monitoring.vocabulary import CaseStatus

# Which status may follow which (core.transitions).
CASE_MACHINE: Mapping[str, frozenset[str]] = {
    CaseStatus.DRAFT: frozenset({CaseStatus.PUBLISHED}),
    CaseStatus.PUBLISHED: frozenset({CaseStatus.WITHDRAWN}),
    CaseStatus.WITHDRAWN: frozenset({CaseStatus.PUBLISHED}),
}

# (earlier field, later field): the later may not come before the earlier.
CASE_DATE_ORDER = (
    ("occurred", "disclosed"),
    ("first_activity", "last_activity"),
    ("first_activity", "disclosed"),
)


@dataclass
class Verdict:
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def reasons(self) -> list[str]:
        return [
            f"{name}: {message}" for name, messages in self.errors.items() for message in messages
        ]

    def add(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)


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
    verdict = Verdict()
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
            verdict.add(
                later,
                _("%(later)s (%(second)s) is before %(earlier)s (%(first)s).")
                % {
                    "later": _label(later),
                    "earlier": _label(earlier),
                    "first": first,
                    "second": second,
                },
            )
    return verdict


def source(citation: str, url: str) -> Verdict:
    verdict = Verdict()
    if not citation.strip() and not url.strip():
        verdict.add("citation", _("Give a citation or a web address for the source."))
    return verdict


def reply_date(sent_on: date, received_on: date) -> Verdict:
    verdict = Verdict()
    if received_on < sent_on:
        verdict.add(
            "received_on",
            _("The reply (%(received)s) cannot come before the letter was sent (%(sent)s).")
            % {"received": received_on, "sent": sent_on},
        )
    return verdict


def communication(
    addressee_kind: str, state: object, company: object, mandates: list[str], joint: bool
) -> Verdict:
    verdict = Verdict()
    if addressee_kind == "state" and state is None:
        verdict.add("addressee_state", _("A letter to a State needs the State."))
    if addressee_kind == "company" and company is None:
        verdict.add("addressee_company", _("A letter to a company needs the company."))
    if not mandates:
        verdict.add("mandates", _("Name at least one sending mandate."))
    elif joint and len(mandates) < 2:
        verdict.add("mandates", _("A joint communication has at least two sending mandates."))
    elif not joint and len(mandates) > 1:
        verdict.add("joint", _("Several mandates sign this letter: mark it as joint."))
    return verdict


def publisher(url: str) -> str:
    """The host a source was published on, without 'www.': public even when the path is not."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def reference(kind: str, code: str, number: int, year: int) -> str:
    """The OHCHR style: AL MEX 3/2026 (OTH for letters to companies)."""
    return f"{kind} {code} {number}/{year}"
