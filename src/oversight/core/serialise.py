"""Stream rows as CSV, JSON or NDJSON, chunk by chunk (for exports and open data).

Every CSV this project writes goes through `csv_writer`: a text cell that a spreadsheet
would read as a formula (it begins with =, +, -, @, a tab or a carriage return) gets a
leading single quote (OWASP's advice on CSV injection), so a comment or an imported
record cannot run `=HYPERLINK(...)` or `=cmd|...` on a reader's machine. Numbers stay
numbers. JSON and NDJSON carry the values exactly.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any, Protocol

FORMATS = ("csv", "json", "ndjson")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "ndjson": "application/x-ndjson",
}
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def _json(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, default=str)


_TRIGGERS = frozenset(FORMULA_TRIGGERS)  # one character each


def csv_cell(value: Any) -> Any:
    """The value as a spreadsheet may safely read it: lists as JSON, formulas made text."""
    if type(value) is str:  # most cells: the fast path of a full export (bench/RESULTS.md)
        return "'" + value if value[:1] in _TRIGGERS else value
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float | Decimal):
        return value  # a number, even a negative one, is not a formula
    text = (
        json.dumps(value, ensure_ascii=False, default=str)
        if isinstance(value, list | dict)
        else str(value)
    )
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


class SafeCsvWriter:
    """`csv.writer` whose every cell goes through `csv_cell`."""

    def __init__(self, out: _Writable) -> None:
        self._writer = csv.writer(out)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([csv_cell(value) for value in row])


def csv_writer(out: _Writable) -> SafeCsvWriter:
    return SafeCsvWriter(out)


def write_rows(columns: Iterable[str], rows: Iterable[dict[str, Any]], fmt: str) -> Iterator[str]:
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv_writer(buffer)
        writer.writerow(list(columns))
        for row in rows:
            writer.writerow(row.values())
            if buffer.tell() > 64_000:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()
    elif fmt == "ndjson":
        for row in rows:
            yield _json(row) + "\n"
    elif fmt == "json":
        yield "["
        for index, row in enumerate(rows):
            yield ("," if index else "") + "\n" + _json(row)
        yield "\n]\n"
    else:
        raise ValueError(f"format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
