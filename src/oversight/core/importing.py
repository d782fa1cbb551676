"""The importer behind `oversight import KIND FILE`.

Each app registers importers for its kinds. A run reads CSV, JSON or NDJSON,
renames columns with `--map`, and hands each row to the importer in its own
transaction: a bad row is rejected with its line number and reason and never
aborts the good ones. Importers key rows on a stable external id and write
nothing when a row is unchanged, so re-importing a file is a no-op.
"""

import csv
import io
import json
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from django.core.exceptions import ValidationError
from django.db import transaction

from oversight.core.serialise import FORMULA_TRIGGERS

Status = Literal["created", "updated", "unchanged"]
Row = dict[str, Any]
FORMATS = ("csv", "json", "ndjson")


class RowError(Exception):
    """A row that cannot be imported; the message names the field and the problem."""


class Importer(Protocol):
    kind: str
    help: str
    columns: Mapping[str, str]  # column -> what it holds, for --help

    def import_row(self, row: Row) -> Status: ...


_importers: dict[str, Importer] = {}


def register(importer: Importer) -> Importer:
    _importers[importer.kind] = importer
    return importer


def get(kind: str) -> Importer:
    try:
        return _importers[kind]
    except KeyError:
        known = ", ".join(sorted(_importers))
        raise LookupError(f"unknown kind {kind!r}; known kinds: {known}") from None


def all_importers() -> list[Importer]:
    return [_importers[kind] for kind in sorted(_importers)]


@dataclass
class Summary:
    counts: Counter[str] = field(default_factory=Counter)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (where, reason)

    @property
    def accepted(self) -> int:
        return sum(self.counts.values())


def guess_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("jsonl", "ndjson"):
        return "ndjson"
    return suffix if suffix in FORMATS else "csv"


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # older spreadsheet exports


def read_rows(path: Path, fmt: str) -> Iterator[tuple[str, Row | RowError]]:
    """Yield (where, row) in file order; a row that cannot be parsed comes as a RowError."""
    text = _decode(path.read_bytes())
    if fmt == "csv":
        reader = csv.DictReader(io.StringIO(text, newline=""))
        start = 2
        for row in reader:
            if None in row:
                yield f"line {start}", RowError("more values than there are column headers")
            else:
                yield f"line {start}", {k.strip(): v for k, v in row.items()}
            start = reader.line_num + 1
    elif fmt == "ndjson":
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield f"line {number}", _json_record(line)
    elif fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            where = f"line {exc.lineno}, column {exc.colno}"
            raise RowError(f"not valid JSON at {where}: {exc.msg}") from None
        if not isinstance(data, list):
            raise RowError("a JSON file must hold a list of records")
        for number, record in enumerate(data, start=1):
            where = f"record {number}"
            yield where, record if isinstance(record, dict) else RowError("not an object")
    else:
        raise RowError(f"--format: expected one of {', '.join(FORMATS)}, got {fmt!r}")


def _json_record(line: str) -> Row | RowError:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return RowError(f"not valid JSON (column {exc.colno}: {exc.msg})")
    return record if isinstance(record, dict) else RowError("not a JSON object")


def squash(value: str) -> str:
    """Runs of white space become one space, trimmed, except a leading tab or carriage
    return before a formula: a sender who wrote '\t=1+2' protected it, and trimming
    would hand every later reader of the data the live formula '=1+2'."""
    squashed = " ".join(value.split())
    if value[:1] in ("\t", "\r") and squashed.startswith(FORMULA_TRIGGERS):
        return value[0] + squashed
    return squashed


def parse_mapping(items: list[str]) -> dict[str, str]:
    mapping = {}
    for item in items:
        column, sep, target = item.partition("=")
        if not sep or not column.strip() or not target.strip():
            raise RowError(f"--map: expected column=field, got {item!r}")
        mapping[column.strip()] = target.strip()
    return mapping


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError) and hasattr(exc, "message_dict"):
        return "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in exc.message_dict.items())
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


def run(
    importer: Importer,
    rows: Iterator[tuple[str, Row | RowError]],
    mapping: Mapping[str, str] | None = None,
) -> Summary:
    """Import every row, each in its own transaction; collect what was rejected."""
    summary = Summary()
    for where, row in rows:
        if isinstance(row, RowError):
            summary.rejected.append((where, str(row)))
            continue
        if mapping:
            row = {mapping.get(key, key): value for key, value in row.items()}
        try:
            with transaction.atomic():
                summary.counts[importer.import_row(row)] += 1
        except (RowError, ValidationError) as exc:
            summary.rejected.append((where, _error_text(exc)))
    return summary
