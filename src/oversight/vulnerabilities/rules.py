"""Pure rules of the equities process: facts in, a `Verdict` whose reasons name their field.

No query here: the actions hand in what a rule needs.
"""

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import cvss
from cvss.exceptions import CVSSError
from django.utils.translation import gettext as _

from oversight.core.rules import Reason, Verdict
from oversight.core.validators import text_reasons
from oversight.vulnerabilities.models import MACHINE, Decision, Source, Status

MAX_REVIEW_DAYS = 366  # a restriction is reviewed at least once a year
SMALL = 5  # counts from 1 to SMALL - 1 are withheld from the public figures


@dataclass(frozen=True)
class Score:
    vector: str  # as the library writes it back
    score: Decimal
    severity: str


def score(vector: str) -> Score | None:
    """The base score of a CVSS 3.x or 4.0 vector, or None if it is not one."""
    vector = vector.strip()
    try:
        if vector.startswith("CVSS:4.0/"):
            four = cvss.CVSS4(vector)
            return Score(four.clean_vector(), Decimal(str(four.base_score)), str(four.severity))
        if vector.startswith(("CVSS:3.0/", "CVSS:3.1/")):
            three = cvss.CVSS3(vector)
            return Score(
                three.clean_vector(), Decimal(str(three.scores()[0])), three.severities()[0]
            )
    except (CVSSError, ValueError, KeyError, IndexError, TypeError):  # malformed, all of them
        return None
    return None


@dataclass(frozen=True)
class Record:
    """What an agency records of a vulnerability."""

    agency_reference: str
    product: str
    vendor: str
    cvss_vector: str
    source: str
    broker: str
    found_on: date | None
    summary: str = ""


def may_record(record: Record, today: date, *, agency_is_agency: bool, taken: bool) -> Verdict:
    reasons: list[Reason] = []

    def need(field: str, value: str, message: str, limit: int = 200) -> None:
        if bad := text_reasons(field, value, limit):
            reasons.extend(bad)
        elif not value.strip():
            reasons.append(Reason(message, field))

    if not agency_is_agency:
        reasons.append(Reason(_("Vulnerabilities are recorded by a government agency."), "agency"))
    need("agency_reference", record.agency_reference, _("Give the agency's reference."), 64)
    if taken:
        reasons.append(
            Reason(
                _("The agency already recorded a vulnerability with this reference."),
                "agency_reference",
            )
        )
    need("product", record.product, _("Name the affected product."))
    need("vendor", record.vendor, _("Name the product's vendor."))
    if bad := text_reasons("cvss_vector", record.cvss_vector, 200):
        reasons.extend(bad)
    elif score(record.cvss_vector) is None:
        reasons.append(
            Reason(
                _(
                    "Give a CVSS 3.1 or 4.0 vector, such as "
                    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H."
                ),
                "cvss_vector",
            )
        )
    if record.source not in Source.values:  # also refuses a NUL
        reasons.append(Reason(_("Choose how the agency came by it."), "source"))
    if record.source == Source.PURCHASED:
        need("broker", record.broker, _("Name the broker it was purchased from."))
    elif bad := text_reasons("broker", record.broker, 200):
        reasons.extend(bad)
    elif record.broker.strip():
        reasons.append(
            Reason(_("A broker is named only for a purchased vulnerability."), "broker")
        )
    if record.found_on is None:
        reasons.append(
            Reason(_("Give the date it was discovered, purchased or reported."), "found_on")
        )
    elif record.found_on > today:
        reasons.append(Reason(_("The date cannot be in the future."), "found_on"))
    reasons.extend(text_reasons("summary", record.summary, 5000))
    return Verdict.of(reasons)


OUTCOME_STATUS: dict[str, str] = {
    Decision.Outcome.DISCLOSE: Status.DISCLOSED,
    Decision.Outcome.RESTRICT: Status.RESTRICTED,
}


@dataclass(frozen=True)
class Deciding:
    """The board's decision as asked, and the facts of the vulnerability it is about."""

    status: str
    found_on: date
    outcome: str
    reasons: str
    review_by: date | None
    disclosed_on: date | None


def may_decide(deciding: Deciding, today: date) -> Verdict:
    out: list[Reason] = []
    target = OUTCOME_STATUS.get(deciding.outcome)
    if target is None:
        out.append(Reason(_("Choose to disclose or to restrict."), "outcome"))
    elif target not in MACHINE[deciding.status]:
        out.append(
            Reason(_("This vulnerability has been disclosed; that decision is final."), "outcome")
        )
    if bad := text_reasons("reasons", deciding.reasons, 20_000):
        out.extend(bad)
    elif not deciding.reasons.strip():
        out.append(Reason(_("Give the board's reasons."), "reasons"))
    if deciding.outcome == Decision.Outcome.RESTRICT:
        out.extend(_review_date(deciding.review_by, today))
        if deciding.disclosed_on is not None:
            out.append(
                Reason(_("A restricted vulnerability has no disclosure date."), "disclosed_on")
            )
    if deciding.outcome == Decision.Outcome.DISCLOSE:
        if deciding.review_by is not None:
            out.append(Reason(_("A disclosure has no review date."), "review_by"))
        when = deciding.disclosed_on
        if when is not None and when > today:
            out.append(Reason(_("The disclosure date cannot be in the future."), "disclosed_on"))
        elif when is not None and when < deciding.found_on:
            out.append(
                Reason(_("It cannot be disclosed before the agency came by it."), "disclosed_on")
            )
    return Verdict.of(out)


def _review_date(review_by: date | None, today: date) -> list[Reason]:
    if review_by is None:
        return [Reason(_("A restriction needs a review date."), "review_by")]
    if review_by <= today:
        return [Reason(_("The review date must be after today."), "review_by")]
    if review_by > today + timedelta(days=MAX_REVIEW_DAYS):
        return [
            Reason(
                _("A restriction is reviewed within %(n)d days.") % {"n": MAX_REVIEW_DAYS},
                "review_by",
            )
        ]
    return []


@dataclass(frozen=True)
class Progress:
    status: str
    disclosed_on: date | None
    vendor_acknowledged_on: date | None
    fixed_on: date | None
    fix_reference: str


def may_record_progress(progress: Progress, today: date) -> Verdict:
    """The vendor's acknowledgement and the fix, recorded once it has been disclosed."""
    out: list[Reason] = []
    if progress.status != Status.DISCLOSED or progress.disclosed_on is None:
        return Verdict.of(
            [
                Reason(
                    _("Only a disclosed vulnerability has a vendor's acknowledgement or a fix."),
                    "status",
                )
            ]
        )
    for field, when in (
        ("vendor_acknowledged_on", progress.vendor_acknowledged_on),
        ("fixed_on", progress.fixed_on),
    ):
        if when is not None and when > today:
            out.append(Reason(_("The date cannot be in the future."), field))
        elif when is not None and when < progress.disclosed_on:
            out.append(Reason(_("The date cannot be before the disclosure."), field))
    if progress.fix_reference.strip() and progress.fixed_on is None:
        out.append(Reason(_("Give the date of the fix."), "fixed_on"))
    out.extend(text_reasons("fix_reference", progress.fix_reference, 200))
    return Verdict.of(out)


@dataclass(frozen=True)
class Fact:
    """What the public figures need of one vulnerability, and nothing more."""

    status: str
    found_on: date
    disclosed_on: date | None
    review_by: date | None


COUNTS = ("disclosed", "restricted", "awaiting")


def year_figures(facts: Iterable[Fact], today: date) -> dict[str, object]:
    """The public figures of one year's vulnerabilities, small counts withheld.

    A count from 1 to SMALL - 1 is withheld (null), and so is what would let anyone work
    it out: when one of the three counts that add up to the total is withheld, the
    smallest other one is too; the share disclosed needs both of its counts, the median
    days to disclosure needs the disclosed count. A year with fewer than SMALL
    vulnerabilities shows nothing but that.
    """
    rows = list(facts)
    counts = {
        "disclosed": sum(f.status == Status.DISCLOSED for f in rows),
        "restricted": sum(f.status == Status.RESTRICTED for f in rows),
        "awaiting": sum(f.status == Status.AWAITING for f in rows),
    }
    overdue = sum(
        f.status == Status.RESTRICTED and f.review_by is not None and f.review_by < today
        for f in rows
    )
    days = [(f.disclosed_on - f.found_on).days for f in rows if f.disclosed_on is not None]
    figures: dict[str, object] = {
        "recorded": len(rows),
        **counts,
        "share_disclosed": _share(counts["disclosed"], counts["restricted"]),
        "median_days_to_disclosure": _median(days),
        "restrictions_past_review": overdue,
    }
    if 0 < len(rows) < SMALL:
        return {name: None for name in figures} | {"withheld": ", ".join(figures)}
    withheld = {name for name in COUNTS if _small(counts[name])}
    if len(withheld) == 1:
        rest = sorted((counts[n], n) for n in COUNTS if n not in withheld)
        withheld.add(rest[0][1])
    if withheld & {"disclosed", "restricted"}:
        withheld.add("share_disclosed")
    if "disclosed" in withheld or not days:
        withheld.add("median_days_to_disclosure")
    if _small(overdue):
        withheld.add("restrictions_past_review")
    hidden = [name for name in figures if name in withheld and figures[name] is not None]
    return figures | {name: None for name in withheld} | {"withheld": ", ".join(hidden)}


def _small(count: int) -> bool:
    return 0 < count < SMALL


def _share(disclosed: int, restricted: int) -> Decimal | None:
    decided = disclosed + restricted
    if not decided:
        return None
    return (Decimal(100 * disclosed) / decided).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _median(days: list[int]) -> Decimal | None:
    if not days:
        return None
    return Decimal(str(statistics.median(days))).quantize(Decimal("0.1"), ROUND_HALF_UP)
