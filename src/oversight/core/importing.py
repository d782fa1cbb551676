"""The importer behind `oversight import KIND FILE`.

Each app registers importers for its kinds. A run reads CSV, JSON or NDJSON,
renames columns with `--map`, and hands the rows to the importer in batches of
`BATCH_SIZE`, one transaction and one audit entry a batch (docs/audit-log.md): a
bad row is rejected with its line number and reason and never aborts the good ones.
Importers key rows on a stable external id and write nothing when a row is
unchanged, so re-importing a file is a no-op (and a batch that changed nothing
appends no entry).

Files are read as a stream, in bounded memory whatever their size: one record of
at most `MAX_RECORD_CHARS` is held at a time (a JSON list is read record by record).
The encoding is detected, not guessed from the rows: UTF-8 with or without a BOM,
UTF-16 with a BOM, and the cp1252 of older spreadsheet exports; a file that is not
text is refused as a whole with one message (`FileError`).
"""

import codecs
import csv
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol, TextIO, runtime_checkable

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from oversight.core import audit
from oversight.core.serialise import FORMULA_TRIGGERS
from oversight.core.validators import text_reasons

Status = Literal["created", "updated", "unchanged"]
Row = dict[str, Any]
FORMATS = ("csv", "json", "ndjson")
MAX_RECORD_CHARS = 1_000_000  # one CSV field is capped lower, by csv.field_size_limit()
BATCH_SIZE = 1_000  # rows per transaction and per audit entry
MAX_REPORTED = 1_000  # rejections kept with their reason; the rest are counted
_SNIFF_BYTES = 64 * 1024
_CHUNK_CHARS = 64 * 1024
_NESTED = "nested too deeply (a record holds text, numbers and lists of them)"


class RowError(Exception):
    """A row that cannot be imported; the message names the field and the problem."""


class FileError(RowError):
    """The file cannot be read (further): not text, a duplicate header, broken JSON."""


class Importer(Protocol):
    kind: str
    help: str
    columns: Mapping[str, str]  # column -> what it holds, for --help

    def import_row(self, row: Row) -> Status: ...


@runtime_checkable
class BatchImporter(Importer, Protocol):
    """An importer that writes many rows at once: `prepare` checks one row and writes
    nothing (it raises `RowError`); `write_batch` writes prepared rows and returns their
    statuses in order. `import_row` stays, for a batch run again row by row."""

    def prepare(self, row: Row) -> Any: ...

    def write_batch(self, prepared: list[Any]) -> list[Status]: ...


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
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (where, reason), the first
    rejected_count: int = 0
    fatal: str = ""  # why reading stopped before the end of the file, if it did

    @property
    def accepted(self) -> int:
        return sum(self.counts.values())

    def reject(self, where: str, reason: str) -> None:
        self.rejected_count += 1
        if len(self.rejected) < MAX_REPORTED:
            self.rejected.append((where, reason))

    def line(self) -> str:
        counts = ", ".join(f"{self.counts[s]} {s}" for s in ("created", "updated", "unchanged"))
        return f"{self.accepted} accepted ({counts}), {self.rejected_count} rejected"


def guess_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("jsonl", "ndjson"):
        return "ndjson"
    return suffix if suffix in FORMATS else "csv"


# Encodings


def _looks_utf16(head: bytes) -> bool:
    """Text such as 'a,b' in UTF-16 has a NUL in every other byte."""
    pairs = len(head) // 2
    if pairs < 2:
        return False
    even, odd = head[0 : pairs * 2 : 2].count(0), head[1 : pairs * 2 : 2].count(0)
    return max(even, odd) > pairs * 0.4 and min(even, odd) < pairs * 0.05


def _is_binary(sample: str) -> bool:
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v")
    return controls > 1 and controls * 100 > len(sample)


def detect_encoding(head: bytes, *, whole: bool) -> str:
    """The encoding of a file that begins with `head` (all of it when `whole`)."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encoding = "utf-32"
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif _looks_utf16(head):
        raise FileError(
            "the file looks like UTF-16 without a byte-order mark; "
            "save it as UTF-8 (or UTF-16 with a byte-order mark) and import it again"
        )
    else:
        try:
            codecs.getincrementaldecoder("utf-8")().decode(head, final=whole)
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1252"  # older spreadsheet exports
    if _is_binary(head.decode(encoding, errors="replace")):
        raise FileError("not a text file (it holds control bytes); expected CSV, JSON or NDJSON")
    return encoding


def open_text(path: Path) -> TextIO:
    with path.open("rb") as raw:
        head = raw.read(_SNIFF_BYTES)
    encoding = detect_encoding(head, whole=len(head) < _SNIFF_BYTES)
    errors = "replace" if encoding == "cp1252" else "strict"
    return path.open(encoding=encoding, errors=errors, newline="")


# Readers


def read_rows(path: Path, fmt: str) -> Iterator[tuple[str, Row | RowError]]:
    """Yield (where, row) in file order; a row that cannot be parsed comes as a RowError.

    A problem with the file as a whole raises `FileError` (rows before it were yielded)."""
    readers = {"csv": _csv_rows, "ndjson": _ndjson_rows, "json": _json_list_rows}
    if fmt not in readers:
        raise FileError(f"--format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
    with open_text(path) as handle:
        try:
            yield from readers[fmt](handle)
        except UnicodeDecodeError:
            raise FileError(
                "the file is not UTF-8 throughout (a byte sequence further on cannot be read); "
                "save it as UTF-8 and import it again"
            ) from None


def _csv_rows(handle: TextIO) -> Iterator[tuple[str, Row | RowError]]:
    reader = csv.DictReader(handle)
    try:
        headers = [name.strip() for name in reader.fieldnames or []]
        duplicates = sorted({name for name in headers if headers.count(name) > 1})
        if duplicates:
            named = ", ".join(repr(name) for name in duplicates)
            raise FileError(f"duplicate column header {named}: which one holds the value?")
        start = 2
        for row in reader:
            if None in row:
                yield f"line {start}", RowError("more values than there are column headers")
            else:
                yield f"line {start}", {k.strip(): v for k, v in row.items()}
            start = reader.line_num + 1
    except csv.Error as exc:
        raise FileError(f"not valid CSV at line {reader.line_num}: {exc}") from None


def _ndjson_rows(handle: TextIO) -> Iterator[tuple[str, Row | RowError]]:
    number = 0
    while line := handle.readline(MAX_RECORD_CHARS + 1):
        number += 1
        if len(line) > MAX_RECORD_CHARS and not line.endswith(("\n", "\r")):
            while (rest := handle.readline(_CHUNK_CHARS)) and not rest.endswith(("\n", "\r")):
                pass
            yield f"line {number}", RowError(f"longer than {MAX_RECORD_CHARS:,} characters")
        elif line.strip():
            yield f"line {number}", _json_record(line)


def _json_record(line: str) -> Row | RowError:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return RowError(f"not valid JSON (column {exc.colno}: {exc.msg})")
    except RecursionError:
        return RowError(_NESTED)
    return record if isinstance(record, dict) else RowError("not a JSON object")


def _json_list_rows(handle: TextIO) -> Iterator[tuple[str, Row | RowError]]:
    for number, record in enumerate(JsonListReader(handle).records(), start=1):
        yield f"record {number}", record if isinstance(record, dict) else RowError("not an object")


_JSON_SPACE = re.compile(r"[^ \t\n\r]")


class JsonListReader:
    """The records of a JSON list, one at a time, holding at most about one record."""

    def __init__(self, handle: TextIO) -> None:
        self.handle = handle
        self.buffer = ""
        self.pos = 0  # next unread character of `buffer`
        self.line, self.column = 1, 1  # where buffer[0] is in the file
        self.eof = False
        self.decoder = json.JSONDecoder()

    def records(self) -> Iterator[Any]:
        if self._peek() != "[":
            raise FileError("a JSON file must hold a list of records")
        self.pos += 1
        number = 0
        while (char := self._peek()) != "]":
            if number:
                if char != ",":
                    raise self._error(self.pos, f"expected ',' or ']' after record {number}")
                self.pos += 1
                self._peek()
            number += 1
            yield self._record(number)
        self.pos += 1
        if self._peek():
            raise self._error(self.pos, "more data after the end of the list")

    def _record(self, number: int) -> Any:
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.pos)
            except RecursionError:
                raise FileError(f"record {number} is {_NESTED}") from None
            except json.JSONDecodeError as exc:
                if len(self.buffer) - self.pos <= MAX_RECORD_CHARS and self._fill():
                    continue  # the record may go on in the next chunk
                cut = exc.pos >= len(self.buffer) - 1 or exc.msg.startswith("Unterminated")
                if cut and not self.eof:
                    raise self._too_long(number) from None
                raise self._error(exc.pos, exc.msg) from None
            if end - self.pos > MAX_RECORD_CHARS:
                raise self._too_long(number)
            self.pos = end
            return value

    def _peek(self) -> str:
        """The next character that is not JSON white space ('' at the end of the file)."""
        while not (found := _JSON_SPACE.search(self.buffer, self.pos)):
            self.pos = len(self.buffer)
            if not self._fill():
                return ""
        self.pos = found.start()
        return self.buffer[self.pos]

    def _fill(self) -> bool:
        if self.eof:
            return False
        chunk = self.handle.read(_CHUNK_CHARS)
        if not chunk:
            self.eof = True
            return False
        if self.pos > _CHUNK_CHARS:  # forget what was read: memory stays bounded
            self.line, self.column = self._where(self.pos)
            self.buffer, self.pos = self.buffer[self.pos :], 0
        self.buffer += chunk
        return True

    def _where(self, index: int) -> tuple[int, int]:
        before = self.buffer[:index]
        newlines = before.count("\n")
        if not newlines:
            return self.line, self.column + len(before)
        return self.line + newlines, len(before) - before.rfind("\n")

    def _error(self, index: int, what: str) -> FileError:
        line, column = self._where(index)
        return FileError(f"not valid JSON at line {line}, column {column}: {what}")

    def _too_long(self, number: int) -> FileError:
        return FileError(f"record {number} is longer than {MAX_RECORD_CHARS:,} characters")


# Rows


def squash(value: str) -> str:
    """Runs of white space become one space, trimmed, except a leading tab or carriage
    return before a formula: a sender who wrote '\\t=1+2' protected it, and trimming
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


def _refuse_nul(row: Row) -> None:
    """Name the file's column that holds a NUL, before a model names its own field."""
    for column, value in row.items():
        for reason in text_reasons(str(column), value, None):
            raise RowError(f"{column}: {reason}")


def file_sha256(path: Path) -> str:
    """The SHA-256 of the file's bytes, read in chunks (memory stays bounded)."""
    digest = hashlib.sha256()
    with path.open("rb") as raw:
        while chunk := raw.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def run(
    importer: Importer,
    rows: Iterator[tuple[str, Row | RowError]],
    mapping: Mapping[str, str] | None = None,
    *,
    sha256: str = "",
    batch_size: int = BATCH_SIZE,
) -> Summary:
    """Import the rows in batches of `batch_size`, each batch in one transaction with
    one audit entry; collect what was rejected.

    Each row of a batch runs in its own savepoint: a row refused (`RowError`,
    `ValidationError`) leaves the others of its batch. A database error rolls the batch
    back and it is run again row by row, each row its own transaction, as before.
    When the file cannot be read further, what was read stays imported and
    `summary.fatal` says why reading stopped."""
    summary = Summary()
    batch: list[tuple[str, Row | RowError]] = []
    try:
        for item in rows:
            batch.append(item)
            if len(batch) >= batch_size:
                _import_batch(importer, batch, mapping, summary, sha256)
                batch = []
    except FileError as exc:
        summary.fatal = str(exc)
    if batch:
        _import_batch(importer, batch, mapping, summary, sha256)
    return summary


def _import_batch(
    importer: Importer,
    batch: list[tuple[str, Row | RowError]],
    mapping: Mapping[str, str] | None,
    summary: Summary,
    sha256: str,
) -> None:
    counts: Counter[str] = Counter()
    rejected: list[tuple[str, str]] = []
    label = getattr(importer, "actor_label", "") or f"import {importer.kind}"
    try:
        with transaction.atomic():
            with audit.collecting() as changed:
                if isinstance(importer, BatchImporter) and len(batch) > 1:
                    _write_batch(importer, batch, mapping, counts, rejected)
                else:
                    for where, row in batch:
                        mark = len(changed.changed)
                        try:
                            prepared = _prepared(row, mapping)
                            with transaction.atomic():
                                counts[importer.import_row(prepared)] += 1
                        except (RowError, ValidationError) as exc:
                            del changed.changed[mark:]  # its savepoint was rolled back
                            rejected.append((where, _error_text(exc)))
            content = {
                "kind": importer.kind,
                "file_sha256": sha256,
                "first": batch[0][0],
                "last": batch[-1][0],
                "created": counts["created"],
                "updated": counts["updated"],
            }
            audit.record_batch(changed, actor_label=label, changes=content)
    except (DatabaseError, _BatchRefused):
        if len(batch) == 1:
            raise  # one row that the database refuses: as before, it stops the import
        for item in batch:
            _import_batch(importer, [item], mapping, summary, sha256)
        return
    summary.counts.update(counts)
    for where, reason in rejected:
        summary.reject(where, reason)


class _BatchRefused(Exception):
    """A batch written at once was refused as a whole: run it again row by row."""


def _write_batch(
    importer: "BatchImporter",
    batch: list[tuple[str, Row | RowError]],
    mapping: Mapping[str, str] | None,
    counts: Counter[str],
    rejected: list[tuple[str, str]],
) -> None:
    """Check every row first (`prepare`, no writes), then write the good ones at once."""
    good = []
    for where, row in batch:
        try:
            good.append(importer.prepare(_prepared(row, mapping)))
        except (RowError, ValidationError) as exc:
            rejected.append((where, _error_text(exc)))
    if not good:
        return
    try:
        counts.update(importer.write_batch(good))
    except (RowError, ValidationError) as exc:
        raise _BatchRefused(str(exc)) from exc  # the rows one by one name the bad one


def _prepared(row: Row | RowError, mapping: Mapping[str, str] | None) -> Row:
    if isinstance(row, RowError):
        raise row
    _refuse_nul(row)
    if mapping:
        row = {mapping.get(key, key): value for key, value in row.items()}
    return row
