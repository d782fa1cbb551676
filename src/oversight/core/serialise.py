"""Stream rows as CSV, JSON or NDJSON, chunk by chunk (for exports and open data)."""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

FORMATS = ("csv", "json", "ndjson")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "ndjson": "application/x-ndjson",
}


def _json(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, default=str)


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def write_rows(columns: Iterable[str], rows: Iterable[dict[str, Any]], fmt: str) -> Iterator[str]:
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(list(columns))
        for row in rows:
            writer.writerow([_cell(value) for value in row.values()])
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
