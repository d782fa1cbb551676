"""The statutory annual report (issue 14, section 6): generated from the register, for any
year, as HTML, PDF and CSV; the UK's 2008-2011 statistics make a sensible report."""

import csv
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from oversight.licensing import annual_report
from oversight.licensing.models import Decision

UK_DATA = (
    Path(__file__).resolve().parents[2] / "registry" / "data" / "uk-licences-surveillance.csv"
)


def _row(**given: Any) -> dict[str, Any]:
    row = {
        "outcome": "issued", "licences": 1, "value": Decimal(100), "currency": "EUR",
        "source": "oversight", "destination": "United Arab Emirates", "destination_code": "AE",
        "control_codes": ["5.A.1.j"], "criteria": [],
    }  # fmt: skip
    return row | given


def test_it_counts_cyber_surveillance_items_criteria_and_never_splits_a_value() -> None:
    report = annual_report.build(
        2026,
        [
            _row(),
            _row(
                outcome="refused", value=None, destination="Egypt", destination_code="EG",
                criteria=[{"criterion": "Criterion 2", "cited": True},
                          {"criterion": "Criterion 7", "cited": False}],
            ),
            _row(control_codes=["5.A.1.j", "5.A.2"], value=Decimal(50)),
            _row(control_codes=["5.A.1"], currency="GBP", value=Decimal(7)),
        ],
    )  # fmt: skip
    assert (report.total.decisions, report.total.licences_issued, report.total.refusals) == (
        4, 3, 1,
    )  # fmt: skip
    assert report.total.values == {"EUR": Decimal(150), "GBP": Decimal(7)}
    entries = {line.key: line for line in report.entries}
    assert entries["5A001J"].decisions == 3 and entries["5A001J"].values == {"EUR": Decimal(100)}
    assert report.several_entries.decisions == 1
    assert report.several_entries.values == {"EUR": Decimal(50)}
    assert report.cyber_total.decisions == 3 and report.cyber_outcomes == {
        "issued": 2,
        "refused": 1,
    }
    assert report.criteria_cited == [("Criterion 2", 1)]
    assert report.cyber_criteria_cited == [("Criterion 2", 1)]
    assert [line.key for line in report.cyber_parents] == ["5A001"]  # sub-item unknown


def test_it_reads_every_spelling_of_an_entry_as_one() -> None:
    assert {annual_report.canonical(c) for c in ("5.A.1.j", "5A001.j", "5a001j")} == {"5A001J"}
    assert annual_report.cyber_kind("4.E.1.c") == "item"
    assert annual_report.cyber_kind("5.A.2") == ""


@pytest.mark.django_db
def test_it_renders_the_art_26_report_from_the_uk_data() -> None:
    # One import for the four years, inside this test's transaction: a module-scoped
    # import outside it left its audit entries to every later test.
    call_command("import", "uk-licences", str(UK_DATA), stdout=io.StringIO())
    for year in (2008, 2009, 2010, 2011):
        _check_year(year)


def _check_year(year: int) -> None:
    expected = Decision.objects.current().filter(year=year).count()
    assert expected > 100
    page = Client().get(f"/licensing/annual-report/{year}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'<strong id="total-decisions">{expected}</strong>' in html
    assert "Cyber-surveillance items" in html and "By control-list entry" in html
    rows = list(
        csv.DictReader(
            io.StringIO(_body(Client().get(f"/licensing/annual-report/{year}/?format=csv")))
        )
    )
    total = next(row for row in rows if row["section"] == "total")
    assert int(total["decisions"]) == expected and total["currency"] == "GBP"
    refused = Decision.objects.current().filter(year=year, outcome="refused").count()
    assert int(total["refusals"]) == refused
    destinations = [row for row in rows if row["section"] == "destination"]
    assert sum(int(row["decisions"]) for row in destinations) == expected  # one row each


def _body(response: Any) -> str:
    return b"".join(response.streaming_content).decode()


@pytest.mark.django_db
def test_it_gives_the_pdf_and_refuses_an_unknown_format() -> None:
    pdf = Client().get("/licensing/annual-report/2010/?format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    bad = Client().get("/licensing/annual-report/2010/?format=xlsx")
    assert bad.status_code == 400 and "format" in bad.content.decode()
    assert Client().get("/licensing/annual-report/1900/").status_code == 404
    empty = Client().get("/licensing/annual-report/2020/")
    assert (
        empty.status_code == 200
        and '<strong id="total-decisions">0</strong>' in empty.content.decode()
    )
