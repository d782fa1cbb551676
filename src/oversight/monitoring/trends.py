"""Counts behind the trend charts and the periodic report, from public rows by default."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from oversight.monitoring.models import Case, Communication
from oversight.monitoring.vocabulary import AttackVector, Verification, VictimGroup
from oversight.registry.models import Category, Jurisdiction


@dataclass(frozen=True)
class Series:
    """One chart's data: (label, value) rows, a title and the column headings."""

    slug: str
    title: str
    label_heading: str
    value_heading: str
    rows: list[tuple[str, float]]
    kind: str = "bar"  # bar | column | map
    codes: tuple[str, ...] = ()  # for the map: the ISO code of each row
    unit: str = ""


def _labelled(
    counts: Iterable[tuple[Any, int]], labels: dict[str, str]
) -> list[tuple[str, float]]:
    rows = [
        (labels.get(str(key), str(key)), float(n)) for key, n in counts if key not in (None, "")
    ]
    return sorted(rows, key=lambda row: (-row[1], row[0]))


def _by_field(cases: QuerySet[Case], path: str) -> list[tuple[Any, int]]:
    return list(cases.values_list(path).annotate(n=Count("id")).order_by())


def _by_list(cases: QuerySet[Case], path: str) -> list[tuple[Any, int]]:
    counter: Counter[str] = Counter()
    for values in cases.values_list(path, flat=True):
        counter.update(set(values or []))
    return list(counter.items())


def quarters(cases: QuerySet[Case]) -> list[tuple[str, float]]:
    """New cases per quarter of disclosure, every quarter between the first and the last."""
    dates = [d for d in cases.values_list("disclosed", flat=True) if d]
    if not dates:
        return []
    counter = Counter((d.year, (d.month - 1) // 3 + 1) for d in dates)
    (year, quarter), end = min(counter), max(counter)
    rows = []
    while (year, quarter) <= end:
        rows.append((f"{year} Q{quarter}", float(counter[(year, quarter)])))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return rows


def reply_rates(letters: QuerySet[Communication]) -> list[tuple[str, float]]:
    """Share of letters answered, by addressee kind and by addressee, in per cent."""
    rows = []
    grouped = letters.values_list(
        "addressee_kind", "addressee_state__name", "addressee_company__name", "reply_count"
    )
    totals: Counter[str] = Counter()
    answered: Counter[str] = Counter()
    for kind, state, company, replies in grouped:
        for key in (
            str(_("All States")) if kind == "state" else str(_("All companies")),
            company or state or "?",
        ):
            totals[key] += 1
            answered[key] += 1 if replies else 0
    for key in totals:
        rows.append((key, round(100 * answered[key] / totals[key], 1)))
    return sorted(rows, key=lambda row: (-row[1], row[0]))


def _state_names() -> dict[str, str]:
    """ISO code → name: a case counts once for each of its suspected operator States."""
    return dict(Jurisdiction.objects.values_list("code", "name"))


def _labels(choices: Any) -> dict[str, str]:
    return {str(value): str(label) for value, label in choices.choices}


def case_series(cases: QuerySet[Case]) -> list[Series]:
    countries = _by_field(cases, "country__name")
    codes = dict(cases.values_list("country__name", "country_id").distinct())
    by_country = _labelled(countries, {})
    return [
        Series(
            "quarters",
            str(_("New cases per quarter (by date of disclosure)")),
            str(_("Quarter")),
            str(_("Cases")),
            quarters(cases),
            "column",
        ),
        Series(
            "map",
            str(_("Cases by country concerned")),
            str(_("Country")),
            str(_("Cases")),
            by_country,
            "map",
            tuple(codes.get(name, "") for name, _n in by_country),
        ),
        Series(
            "countries",
            str(_("Cases by country concerned")),
            str(_("Country")),
            str(_("Cases")),
            by_country,
        ),
        Series(
            "operators",
            str(_("Suspected operators (States) with most cases")),
            str(_("State")),
            str(_("Cases")),
            _labelled(_by_list(cases, "operator_countries"), _state_names())[:15],
        ),
        Series(
            "vendors",
            str(_("Vendors with most cases")),
            str(_("Vendor")),
            str(_("Cases")),
            _labelled(_by_field(cases, "vendor__name"), {})[:15],
        ),
        Series(
            "categories",
            str(_("Cases by technology category")),
            str(_("Category")),
            str(_("Cases")),
            _labelled(_by_field(cases, "technology__category"), _labels(Category)),
        ),
        Series(
            "groups",
            str(_("Cases by victim group")),
            str(_("Group")),
            str(_("Cases")),
            _labelled(_by_list(cases, "victim_groups"), _labels(VictimGroup)),
        ),
        Series(
            "verification",
            str(_("Cases by verification level")),
            str(_("Level")),
            str(_("Cases")),
            _labelled(_by_field(cases, "verification"), _labels(Verification)),
        ),
        Series(
            "vectors",
            str(_("Cases by attack vector")),
            str(_("Attack vector")),
            str(_("Cases")),
            _labelled(_by_list(cases, "attack_vectors"), _labels(AttackVector)),
        ),
    ]


def all_series(cases: QuerySet[Case], letters: QuerySet[Communication]) -> list[Series]:
    rates = Series(
        "replies",
        str(_("Reply rates of States and companies")),
        str(_("Addressee")),
        str(_("Replied (%)")),
        reply_rates(letters),
        unit="%",
    )
    return [*case_series(cases), rates]


def public_series() -> list[Series]:
    return all_series(Case.objects.published(), Communication.objects.published())


def window_cases(start: date, end: date) -> QuerySet[Case]:
    return Case.objects.published().disclosed_between(start, end)
