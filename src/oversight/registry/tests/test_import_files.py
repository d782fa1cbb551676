"""`oversight import` with hostile or odd files: encodings, binary, duplicate headers, NULs,
over-long values, deep nesting, huge records, and files read as a stream."""

import codecs
import json
import random
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from oversight.core.importing import MAX_RECORD_CHARS
from oversight.registry.models import ControlEntry, LicenceStatistic, Organisation, Transfer
from oversight.registry.tests.excerpts import (
    RATINGS,
    UK_HEADER,
    UK_ROWS,
    run,
    write,
    write_uk,
)

pytestmark = pytest.mark.django_db


def _record(n: int, **extra: Any) -> dict[str, Any]:
    return {"unique_id": f"s{n}", "recipient_country": "Oman", "title": f"Sale {n}", **extra}


def _refused(path: Path, kind: str = "uk-licences") -> str:
    with pytest.raises(CommandError) as refused:
        call_command("import", kind, str(path))
    return str(refused.value)


def test_it_refuses_a_duplicate_header_naming_it(tmp_path: Path) -> None:
    header = "licence_group,date,rating,count,value,country, country ,refused"
    path = write(tmp_path / "dup.csv", header + "\n8,2008-01-04,5A002,1,1,France,Oman,0\n")
    message = _refused(path)
    assert "duplicate column header" in message and "'country'" in message
    assert not LicenceStatistic.objects.exists()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig"])
def test_it_reads_utf16_with_a_bom_and_utf8_with_or_without(tmp_path: Path, encoding: str) -> None:
    text = "\n".join([UK_HEADER, *UK_ROWS]) + "\n"
    data = text.encode(encoding)
    if encoding == "utf-16-le":
        data = codecs.BOM_UTF16_LE + data
    path = tmp_path / "uk.csv"
    path.write_bytes(data)
    assert "3 accepted (3 created" in run("import", "uk-licences", str(path))
    assert LicenceStatistic.objects.get(external_id="uk-8-5.A.2-HK").destination_text == (
        "Hong Kong Special Administrative Region"
    )


def test_it_refuses_utf16_without_a_bom_with_one_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "uk.csv"
    path.write_bytes(("\n".join([UK_HEADER, *UK_ROWS]) + "\n").encode("utf-16-le"))
    message = _refused(path)
    assert "UTF-16 without a byte-order mark" in message and "missing" not in message
    assert not LicenceStatistic.objects.exists()


def test_it_refuses_a_binary_file_and_exits_non_zero(tmp_path: Path) -> None:
    noise = random.Random(17).randbytes(50_000)
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + noise)
    message = _refused(path)
    assert "not a text file" in message and "missing" not in message


def test_it_exits_non_zero_when_nothing_was_accepted(tmp_path: Path) -> None:
    path = write_uk(tmp_path, name="x.csv")
    path.write_text(UK_HEADER + "\n20,2008-01-04,5A002,1,100,Narnia,0\n", encoding="utf-8")
    message = _refused(path)
    assert "nothing was accepted" in message and "1 rejected" in message


def test_it_rejects_a_nul_character_naming_the_column_and_keeps_the_rest(tmp_path: Path) -> None:
    text = RATINGS.replace("restraint equipment,", "restraint\x00equipment,", 1)
    output = run("import", "control-entries", str(write(tmp_path / "r.csv", text)))
    assert "2 accepted" in output and "1 rejected" in output
    assert "rejected line 4: full_description: " in output and "NUL" in output
    records = [_record(1, enduser="Police\u0000"), _record(2)]
    output = run("import", "transfers", str(write(tmp_path / "t.json", json.dumps(records))))
    assert "rejected record 1: enduser: " in output and "NUL" in output
    assert list(Transfer.objects.values_list("external_id", flat=True)) == ["s2"]


def test_it_refuses_over_long_values_naming_the_column_instead_of_cutting(tmp_path: Path) -> None:
    records = [_record(1, title="T" * 301), _record(2, enduser="E" * 301), _record(3)]
    output = run("import", "transfers", str(write(tmp_path / "t.json", json.dumps(records))))
    assert "rejected record 1: title: " in output and "300" in output
    assert "rejected record 2: enduser: " in output
    assert list(Transfer.objects.values_list("external_id", flat=True)) == ["s3"]
    assert not Organisation.objects.filter(name__startswith="EEE").exists()


def test_it_refuses_deeply_nested_json_with_a_clear_error(tmp_path: Path) -> None:
    deep = "[" + '{"a": [' * 50_000 + "]}" * 50_000 + "]"
    message = _refused(write(tmp_path / "deep.json", deep), "transfers")
    assert "nested too deeply" in message
    lines = [json.dumps(_record(1)), '{"a": ' + "[" * 50_000 + "]" * 50_000 + "}"]
    output = run("import", "transfers", str(write(tmp_path / "deep.ndjson", "\n".join(lines))))
    assert "1 accepted" in output and "rejected line 2: nested too deeply" in output


def test_it_rejects_a_record_larger_than_the_limit_and_reads_on(tmp_path: Path) -> None:
    huge = _record(2, sources="s" * (MAX_RECORD_CHARS + 10))
    lines = [json.dumps(r) for r in (_record(1), huge, _record(3))]
    output = run("import", "transfers", str(write(tmp_path / "big.ndjson", "\n".join(lines))))
    assert "2 accepted" in output and "rejected line 2: longer than" in output
    message = _refused(write(tmp_path / "big.json", json.dumps([_record(1), huge])), "transfers")
    assert "record 2 is longer than" in message


def test_it_reads_a_json_list_as_a_stream_across_chunk_boundaries(tmp_path: Path) -> None:
    records = [_record(n, title=f"Vente n° {n} — « Überwachung »") for n in range(1, 2001)]
    path = write(tmp_path / "many.json", json.dumps(records, ensure_ascii=False, indent=2))
    assert path.stat().st_size > 200_000
    assert "2000 accepted (2000 created" in run("import", "transfers", str(path))
    assert Transfer.objects.get(external_id="s1234").title == "Vente n° 1234 — « Überwachung »"


def test_it_keeps_the_records_before_a_syntax_error_and_names_where(tmp_path: Path) -> None:
    text = json.dumps([_record(1), _record(2)], indent=1)[:-2] + ',\n {"unique_id": }\n]'
    message = _refused(write(tmp_path / "cut.json", text), "transfers")
    assert "not valid JSON at line 12, column 16" in message
    assert "2 accepted" in message
    assert Transfer.objects.count() == 2


def test_it_still_reads_a_cp1252_spreadsheet_export(tmp_path: Path) -> None:
    path = write(tmp_path / "ratings.csv", RATINGS, encoding="cp1252")
    assert "3 accepted" in run("import", "control-entries", str(path))
    assert ControlEntry.objects.get(code="ML10").description.startswith("\u2018Aircraft")


def test_it_needs_a_json_list(tmp_path: Path) -> None:
    path = write(tmp_path / "one.json", json.dumps(_record(1)))
    assert "must hold a list of records" in _refused(path, "transfers")
