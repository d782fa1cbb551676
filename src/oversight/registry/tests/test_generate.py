"""`oversight generate` (issue 16 §4): synthetic licence decisions, through the bulk path.

A smoke test at a tiny size; the speed belongs to bench/ (bench/RESULTS.md)."""

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from oversight.core import audit
from oversight.core.models import AuditEntry, SearchDocument
from oversight.licensing.models import Decision
from oversight.registry import synthetic
from oversight.registry.models import LicenceStatistic

pytestmark = pytest.mark.django_db


def test_it_generates_decisions_through_the_importer_with_one_audit_entry_a_batch() -> None:
    out = StringIO()
    call_command("generate", licences=30, seed=7, batch_size=20, stdout=out)
    stats = LicenceStatistic.objects.filter(licence_group__startswith="SYN-7-")
    assert stats.count() >= 30
    assert "0 rejected" in out.getvalue()
    decisions = Decision.objects.filter(reference__startswith="GB-SIEL-SYN-7-")
    assert decisions.count() == 30  # one per synthetic licence group and destination
    searched = SearchDocument.objects.filter(dataset="licence-decisions", key__contains="SYN-7-")
    assert searched.count() == 30  # indexed in the same batch
    entries = AuditEntry.objects.filter(action="import.batch")
    assert entries.count() == -(-stats.count() // 20)
    assert audit.verify().ok


def test_it_is_deterministic_and_a_second_run_writes_nothing() -> None:
    call_command("generate", licences=10, seed=3, stdout=StringIO())
    before = AuditEntry.objects.count()
    out = StringIO()
    call_command("generate", licences=10, seed=3, stdout=out)
    assert AuditEntry.objects.count() == before
    assert "0 created" in out.getvalue()
    assert list(synthetic.rows(25, 3)) == list(synthetic.rows(25, 3))
    assert list(synthetic.rows(25, 3)) != list(synthetic.rows(25, 4))


def test_it_follows_the_real_statistics() -> None:
    rows = list(synthetic.rows(3000, 1))
    groups = {row["licence_group"] for row in rows}
    assert len(groups) == 3000
    assert 1.1 < len(rows) / len(groups) < 1.4  # ratings per decision, 1.25 in the data
    ratings = [row["rating"] for row in rows]
    assert ratings.count("5A002") / len(ratings) > 0.5  # 64 % in the data
    refused = {row["licence_group"] for row in rows if row["refused"] == "1"}
    assert 0 < len(refused) / len(groups) < 0.03  # 0.6 % in the data
    years = {row["date"][:4] for row in rows}
    assert min(years) == "2008"
    assert all(row["value"] == "" for row in rows if row["refused"] == "1")


def test_it_writes_the_same_rows_as_a_csv_for_oversight_import(tmp_path: Path) -> None:
    target = tmp_path / "synthetic.csv"
    call_command("generate", licences=12, seed=5, csv=target, stdout=StringIO())
    with target.open(newline="") as handle:
        written = list(csv.DictReader(handle))
    assert written == list(synthetic.rows(12, 5))
    assert not LicenceStatistic.objects.exists()


@pytest.mark.parametrize(
    ("options", "named"),
    [({"licences": 0}, "--licences"), ({"licences": 5, "seed": -1}, "--seed")],
)
def test_it_refuses_a_bad_size_naming_the_option(options: dict[str, int], named: str) -> None:
    with pytest.raises(CommandError, match=named):
        call_command("generate", stdout=StringIO(), **options)
    assert not LicenceStatistic.objects.exists()
