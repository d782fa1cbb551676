"""Pure rules of monitoring: inputs in, a verdict and the reasons (naming fields) out."""

from collections.abc import Mapping
from datetime import date
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from oversight.core.rules import Reason, Verdict
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
