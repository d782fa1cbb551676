"""The statutory annual report (Art. 26 of Regulation (EU) 2021/821, in the spirit of the
format of Recommendation (EU) 2024/214), computed from the public register's rows.

Pure: `build(year, rows)` takes the rows of the `licence-decisions` schema (public fields
only: the view reads them through the schema) and makes no query. A decision counts once
in the totals and under its destination; under the control-list entries it counts under
each entry it names, and its value goes to an entry only when it names one entry (a
decision naming several is counted apart, its value not split, since the register does
not say how it divides).
"""

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

# The cyber-surveillance items of Annex I (2021/821): intrusion software and its systems,
# IP-network surveillance, interception. A code given only to the entry above them
# (the UK statistics publish "5A001", "4E001") may or may not be one: shown apart.
CYBER = ("4A005", "4D004", "4E001C", "5A001F", "5A001J")
CYBER_PARENTS = ("4E001", "5A001", "5D001")
_CODE = re.compile(r"^(\d)\.?([A-E])\.?(\d{1,3})\.?([a-z])?", re.IGNORECASE)


def canonical(code: str) -> str:
    """'5.A.1.j', '5A001.j' and '5A001j' are one entry: '5A001J'."""
    found = _CODE.match(code.strip())
    if not found:
        return code.strip().upper()
    digit, letter, number, item = found.groups()
    return f"{digit}{letter.upper()}{int(number):03d}{(item or '').upper()}"


def cyber_kind(code: str) -> str:
    """'item' (a cyber-surveillance item), 'parent' (its entry, sub-item unknown) or ''."""
    entry = canonical(code)
    if entry.startswith(CYBER):
        return "item"
    return "parent" if entry in CYBER_PARENTS else ""


@dataclass
class Line:
    key: str
    label: str
    decisions: int = 0
    licences_issued: int = 0
    refusals: int = 0
    values: dict[str, Decimal] = field(default_factory=dict)  # issued, per currency

    def add(self, row: Mapping[str, Any], *, with_value: bool = True) -> None:
        self.decisions += 1
        if row["outcome"] == "issued":
            self.licences_issued += int(row["licences"] or 1)
            if with_value and row["value"] is not None:
                currency = row["currency"] or "?"
                self.values[currency] = self.values.get(currency, Decimal(0)) + row["value"]
        elif row["outcome"] == "refused":
            self.refusals += 1


@dataclass
class Report:
    year: int
    total: Line
    outcomes: dict[str, int]
    destinations: list[Line]
    entries: list[Line]
    several_entries: Line
    cyber_total: Line
    cyber_entries: list[Line]
    cyber_destinations: list[Line]
    cyber_parents: list[Line]
    cyber_outcomes: dict[str, int]
    criteria_cited: list[tuple[str, int]]
    cyber_criteria_cited: list[tuple[str, int]]
    sources: dict[str, int]


def _line(lines: dict[str, Line], key: str, label: str) -> Line:
    if key not in lines:
        lines[key] = Line(key, label)
    return lines[key]


def _sorted(lines: dict[str, Line]) -> list[Line]:
    return sorted(lines.values(), key=lambda line: (-line.decisions, line.key))


def _criteria(row: Mapping[str, Any]) -> list[str]:
    found = []
    for item in row.get("criteria") or []:
        if isinstance(item, dict):
            if item.get("cited") is False:  # assessed, not a ground of the refusal
                continue
            name = item.get("criterion") or item.get("code")
        else:
            name = item
        if name:
            found.append(str(name))
    return found


def build(year: int, rows: Iterable[Mapping[str, Any]]) -> Report:
    total = Line("total", "")
    outcomes: Counter[str] = Counter()
    sources: Counter[str] = Counter()
    destinations: dict[str, Line] = {}
    entries: dict[str, Line] = {}
    several = Line("several", "")
    cyber_total = Line("cyber", "")
    cyber_entries: dict[str, Line] = {}
    cyber_destinations: dict[str, Line] = {}
    cyber_parents: dict[str, Line] = {}
    cyber_outcomes: Counter[str] = Counter()
    criteria: Counter[str] = Counter()
    cyber_criteria: Counter[str] = Counter()
    for row in rows:
        total.add(row)
        outcomes[row["outcome"]] += 1
        sources[row["source"]] += 1
        where = row["destination_code"] or "—"
        _line(destinations, where, row["destination"] or "—").add(row)
        codes = sorted({canonical(code) for code in row["control_codes"] or []})
        for code in codes:
            _line(entries, code, code).add(row, with_value=len(codes) == 1)
        if len(codes) > 1:
            several.add(row)
        cited = _criteria(row)
        if row["outcome"] == "refused":
            criteria.update(cited)
        kinds = {code: cyber_kind(code) for code in codes}
        items = [code for code, kind in kinds.items() if kind == "item"]
        for code in [code for code, kind in kinds.items() if kind == "parent"]:
            _line(cyber_parents, code, code).add(row, with_value=len(codes) == 1)
        if not items:
            continue
        cyber_total.add(row)
        cyber_outcomes[row["outcome"]] += 1
        _line(cyber_destinations, where, row["destination"] or "—").add(row)
        for code in items:
            _line(cyber_entries, code, code).add(row, with_value=len(codes) == 1)
        if row["outcome"] == "refused":
            cyber_criteria.update(cited)
    return Report(
        year=year,
        total=total,
        outcomes=dict(outcomes),
        destinations=_sorted(destinations),
        entries=_sorted(entries),
        several_entries=several,
        cyber_total=cyber_total,
        cyber_entries=_sorted(cyber_entries),
        cyber_destinations=_sorted(cyber_destinations),
        cyber_parents=_sorted(cyber_parents),
        cyber_outcomes=dict(cyber_outcomes),
        criteria_cited=criteria.most_common(),
        cyber_criteria_cited=cyber_criteria.most_common(),
        sources=dict(sources),
    )


CSV_COLUMNS = [
    "year",
    "section",
    "key",
    "label",
    "decisions",
    "licences_issued",
    "refusals",
    "currency",
    "value_issued",
]


def csv_rows(report: Report) -> list[dict[str, Any]]:
    """The report as one table: a row per line and currency (one with no value if none)."""
    sections = [
        ("total", [report.total]),
        ("destination", report.destinations),
        ("control_entry", report.entries),
        ("several_control_entries", [report.several_entries]),
        ("cyber_total", [report.cyber_total]),
        ("cyber_control_entry", report.cyber_entries),
        ("cyber_destination", report.cyber_destinations),
        ("cyber_parent_entry_subitem_unknown", report.cyber_parents),
    ]
    out: list[dict[str, Any]] = []
    for section, lines in sections:
        for line in lines:
            priced: list[tuple[str, Decimal | None]] = sorted(line.values.items())
            for currency, value in priced or [("", None)]:
                out.append(
                    {
                        "year": report.year,
                        "section": section,
                        "key": line.key,
                        "label": line.label,
                        "decisions": line.decisions,
                        "licences_issued": line.licences_issued,
                        "refusals": line.refusals,
                        "currency": currency,
                        "value_issued": "" if value is None else f"{value:.2f}",
                    }
                )
    for outcome, count in sorted(report.outcomes.items()):
        out.append(_count_row(report.year, "outcome", outcome, count))
    for outcome, count in sorted(report.cyber_outcomes.items()):
        out.append(_count_row(report.year, "cyber_outcome", outcome, count))
    for criterion, count in report.criteria_cited:
        out.append(_count_row(report.year, "criterion_cited_in_refusals", criterion, count))
    for criterion, count in report.cyber_criteria_cited:
        out.append(_count_row(report.year, "cyber_criterion_cited_in_refusals", criterion, count))
    return out


def _count_row(year: int, section: str, key: str, count: int) -> dict[str, Any]:
    return {
        "year": year, "section": section, "key": key, "label": key, "decisions": count,
        "licences_issued": "", "refusals": "", "currency": "", "value_issued": "",
    }  # fmt: skip
