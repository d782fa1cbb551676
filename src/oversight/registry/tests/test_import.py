"""`oversight import`: real excerpts, bad rows, encodings, --map, --dry-run, idempotence."""

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from oversight.core import audit
from oversight.core.models import AuditEntry
from oversight.registry.models import ControlEntry, LicenceStatistic, Organisation, Transfer
from oversight.registry.tests.excerpts import RATINGS, run, write, write_sii, write_uk

pytestmark = pytest.mark.django_db


def test_it_imports_sii_transfers_with_normalised_values(tmp_path: Path) -> None:
    output = run("import", "transfers", str(write_sii(tmp_path)))
    assert "3 accepted (3 created, 0 updated, 0 unchanged), 0 rejected" in output
    semptian = Transfer.objects.get(external_id="Semptian_Algeria_2010")
    assert semptian.supplier is not None and semptian.supplier.slug == "semptian"
    assert semptian.supplier.jurisdiction_id == "CN"
    assert (semptian.recipient_jurisdiction_id, semptian.year) == ("DZ", 2010)
    assert (semptian.goods, semptian.categories) == (
        ["Lawful interception"],
        ["lawful_interception"],
    )
    assert (semptian.completed, semptian.basis) == ("yes", "open_source")
    egypt = Transfer.objects.get(external_id="_Egypt_2014")
    assert egypt.supplier is None and egypt.end_user is not None
    assert (egypt.end_user.kind, egypt.end_user.jurisdiction_id) == ("end_user", "EG")
    gamma = Organisation.objects.get(slug="gamma-group")
    assert (gamma.name, gamma.aliases, gamma.jurisdiction_id) == (
        "Gamma Group",
        ["Gamma International, FinFisher"],
        "GB",
    )
    bahrain = Transfer.objects.get(external_id="Gamma_International_FinFisher_Bahrain_2010")
    assert bahrain.supplier_country_text == "United Kingdom, Germany"
    assert bahrain.source_links[0].startswith("https://bahrainwatch.org/blog/2014/08/07/United%20")


def test_it_imports_uk_licences_and_creates_missing_control_entries(tmp_path: Path) -> None:
    output = run("import", "uk-licences", str(write_uk(tmp_path)))
    assert "3 accepted (3 created" in output
    row = LicenceStatistic.objects.get(external_id="uk-8-5.A.2-HK")
    assert (row.control_entry.code, row.destination_id, row.value) == (
        "5.A.2",
        "HK",
        Decimal("10750000"),
    )
    assert row.destination_text == "Hong Kong Special Administrative Region"
    assert LicenceStatistic.objects.get(external_id="uk-19-5.A.2-KR").refused is False
    assert ControlEntry.objects.filter(code="5.A.2").count() == 1


def test_it_imports_control_entries_from_a_cp1252_csv(tmp_path: Path) -> None:
    path = write(tmp_path / "ratings.csv", RATINGS, encoding="cp1252")
    output = run("import", "control-entries", str(path))
    assert "3 accepted (3 created" in output
    assert ControlEntry.objects.get(code="ML10").description.startswith("\u2018Aircraft\u2019")
    assert ControlEntry.objects.get(code="ML10").military
    assert ControlEntry.objects.get(code="HR AIII").short_description == "restraint equipment"


def test_it_rejects_bad_rows_with_line_and_reason_and_keeps_the_good_ones(tmp_path: Path) -> None:
    path = write_uk(
        tmp_path,
        "20,2008-01-04,5A002,1,100,Narnia,0",
        "21,2008-13-04,5A002,1,100,France,0",
        "22,2008-01-04,5Z999,1,100,France,0",
        "23,2008-01-04,5A002,1,lots,France,0",
        "24,2008-01-04,5A002,1,100,France,maybe",
        "25,2008-01-04,5A002,1,100,France,0,extra",
    )
    output = run("import", "uk-licences", str(path))
    assert "3 accepted (3 created, 0 updated, 0 unchanged), 6 rejected" in output
    assert "rejected line 5: country: unknown country 'Narnia'" in output
    assert "rejected line 6: date: expected YYYY-MM-DD, got '2008-13-04'" in output
    assert "rejected line 7: rating: '5Z999' is not a Wassenaar code" in output
    assert "rejected line 8: value: expected an amount in GBP, got 'lots'" in output
    assert "rejected line 9: refused: expected 1 or 0" in output
    assert "rejected line 10: more values than there are column headers" in output
    assert LicenceStatistic.objects.count() == 3


def test_it_rejects_sii_records_naming_the_field(tmp_path: Path) -> None:
    bad: list[dict[str, Any]] = [
        {"unique_id": "x1", "recipient_country": None, "title": "No recipient"},
        {"unique_id": "x2", "recipient_country": "Oman", "source_links": ["Spy-tech firms"]},
        {"unique_id": "x3", "recipient_country": "Oman", "order_year": "soon"},
        {
            "unique_id": "x4",
            "recipient_country": "Oman",
            "transfer_to_enduser_reported_as_complete": "Maybe",
        },
    ]
    output = run("import", "transfers", str(write_sii(tmp_path, *bad)))
    assert "3 accepted" in output and "4 rejected" in output
    assert "rejected record 4: recipient_country: missing" in output
    assert (
        "rejected record 5: source_links: item 1 is not a web address: 'Spy-tech firms'" in output
    )
    assert "rejected record 6: order_year: expected a year such as 2015, got 'soon'" in output
    assert (
        "rejected record 7: transfer_to_enduser_reported_as_complete: 'Maybe' is not one of"
        in output
    )


def test_it_derives_a_stable_id_when_the_record_has_none(tmp_path: Path) -> None:
    record = {
        "unique_id": "",
        "recipient_country": "Oman",
        "title": "Sale",
        "order_year": "mid-2000s",
    }
    path = write(tmp_path / "one.json", json.dumps([record]))
    run("import", "transfers", str(path))
    transfer = Transfer.objects.get()
    assert transfer.external_id.startswith("sii-") and transfer.year_text == "mid-2000s"
    assert "1 unchanged" in run("import", "transfers", str(path))


def test_it_refuses_malformed_json_naming_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.json", '[\n{"unique_id": "a",\n "title": }\n]')
    with pytest.raises(CommandError, match=r"not valid JSON at line 3, column 11"):
        call_command("import", "transfers", str(path))


def test_it_reports_malformed_ndjson_lines_and_keeps_the_good_ones(tmp_path: Path) -> None:
    good = {
        "unique_id": "n1",
        "recipient_country": "Oman",
        "title": "Good",
        "goods": ["Biometrics"],
    }
    lines = [json.dumps(good), "{not json", "[1, 2]", ""]
    path = write(tmp_path / "t.ndjson", "\n".join(lines))
    output = run("import", "transfers", str(path))
    assert "1 accepted (1 created" in output and "2 rejected" in output
    assert "rejected line 2: not valid JSON (column 2" in output
    assert "rejected line 3: not a JSON object" in output
    assert Transfer.objects.get().categories == ["biometrics"]


def test_it_maps_columns_with_map(tmp_path: Path) -> None:
    text = (
        "licence_group,date,rating,count,value,destination,refused\n"
        "8,2008-01-02,5A002,1,10,Egypt,1\n"
    )
    path = write(tmp_path / "renamed.csv", text)
    output = run("import", "uk-licences", str(path), "--map", "destination=country")
    assert "1 accepted" in output
    assert LicenceStatistic.objects.get().destination_id == "EG"
    with pytest.raises(CommandError, match="--map: expected column=field"):
        call_command("import", "uk-licences", str(path), "--map", "destination")


def test_it_keeps_nothing_on_a_dry_run(tmp_path: Path) -> None:
    before = audit.head()
    output = run("import", "transfers", str(write_sii(tmp_path)), "--dry-run")
    assert output.startswith("Dry run, nothing kept: 3 accepted (3 created")
    assert not Transfer.objects.exists() and not Organisation.objects.exists()
    assert audit.head() == before


def test_it_writes_nothing_when_the_same_file_is_imported_again(tmp_path: Path) -> None:
    sii, uk = write_sii(tmp_path), write_uk(tmp_path)
    run("import", "transfers", str(sii))
    run("import", "uk-licences", str(uk))
    entries = AuditEntry.objects.count()
    assert "3 accepted (0 created, 0 updated, 3 unchanged)" in run("import", "transfers", str(sii))
    assert "3 accepted (0 created, 0 updated, 3 unchanged)" in run(
        "import", "uk-licences", str(uk)
    )
    assert AuditEntry.objects.count() == entries
    assert audit.verify().ok


def test_it_audits_created_and_updated_records(tmp_path: Path) -> None:
    # One entry per batch (issue 16) names every row written, with its action.
    run("import", "uk-licences", str(write_uk(tmp_path)))
    first = AuditEntry.objects.filter(action="import.batch").get()
    actions = [row[2] for row in first.changes["rows"]]
    assert actions.count("registry.licencestatistic.created") == 3
    changed = write_uk(tmp_path, name="uk2.csv").read_text().replace("293260", "300000")
    output = run("import", "uk-licences", str(write(tmp_path / "uk3.csv", changed)))
    assert "(0 created, 1 updated, 2 unchanged)" in output
    entry = AuditEntry.objects.filter(action="import.batch").latest("seq")
    number = [row[2] for row in entry.changes["rows"]].index("registry.licencestatistic.updated")
    assert entry.changes["updates"][str(number)] == {"value": ["293260.00", "300000.00"]}
    assert entry.actor_label == "import uk-licences"
    assert audit.verify().ok


def test_it_lists_the_kinds_in_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        call_command("import", "--help")
    help_text = capsys.readouterr().out
    for kind in ("transfers", "uk-licences", "control-entries"):
        assert kind in help_text
    assert "recipient_country" in help_text


def test_it_names_an_unknown_kind(tmp_path: Path) -> None:
    with pytest.raises(
        CommandError, match="unknown kind 'spreadsheets'; known kinds: cases, control-entries"
    ):
        call_command("import", "spreadsheets", str(write_uk(tmp_path)))


def test_it_keeps_the_tab_that_protects_a_formula(tmp_path: Path) -> None:
    record = {"unique_id": "Tab_1", "title": "\t=1+2", "recipient_country": "France"}
    assert "4 accepted" in run("import", "transfers", str(write_sii(tmp_path, record)))
    assert Transfer.objects.get(external_id="Tab_1").title == "\t=1+2"
    record = {
        "unique_id": "Tab_2",
        "title": "  Sales  to\tAlgeria ",
        "recipient_country": "France",
    }
    run("import", "transfers", str(write_sii(tmp_path, record)))
    assert Transfer.objects.get(external_id="Tab_2").title == "Sales to Algeria"


def test_it_accepts_real_uk_names_and_rejects_places_without_an_iso_code(tmp_path: Path) -> None:
    path = write_uk(
        tmp_path,
        "30,2013-01-04,5A002,1,100,Aland Islands,0",
        '31,2013-01-04,5A002,1,100,"Sudan, South",0',
        "32,2013-01-04,5A002,1,100,Channel Islands,0",
        "33,2013-01-04,5A002,1,100,Continental Shelf: United Kingdom sector,0",
    )
    output = run("import", "uk-licences", str(path))
    assert "rejected line 7: country: unknown country 'Channel Islands'" in output
    assert "rejected line 8: country: unknown country 'Continental Shelf" in output
    assert "2 rejected" in output
    assert set(LicenceStatistic.objects.values_list("destination_id", flat=True)) >= {"AX", "SS"}
