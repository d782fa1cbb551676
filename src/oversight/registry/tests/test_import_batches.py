"""`oversight import` in batches (issue 16): one transaction and one audit entry a batch."""

import hashlib
from collections.abc import Mapping
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from oversight.core import audit, importing
from oversight.core.models import AuditEntry
from oversight.registry.models import ControlEntry, LicenceStatistic
from oversight.registry.tests.excerpts import run, write

pytestmark = pytest.mark.django_db

UK = """licence_group,date,rating,count,value,country,refused
10,2010-01-02,5A002,1,3540,United Arab Emirates,0
11,2010-01-02,5A001,2,100,France,0
12,2010-01-02,5A002,1,50,Atlantis,0
13,2010-01-03,5A001,1,,Germany,1
14,2010-01-03,5A001,1,70,Spain,0
"""


def batches() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action="import.batch").order_by("seq"))


def test_a_bad_row_is_reported_by_line_and_the_good_ones_of_its_batch_stay(
    tmp_path: Path,
) -> None:
    source = write(tmp_path / "uk.csv", UK)
    output = run("import", "uk-licences", str(source))
    assert "4 accepted (4 created, 0 updated, 0 unchanged), 1 rejected" in output
    assert "rejected line 4: country:" in output
    groups = sorted(LicenceStatistic.objects.values_list("licence_group", flat=True))
    assert groups == ["10", "11", "13", "14"]
    [entry] = batches()  # one entry for the batch, not one a row
    assert entry.changes["file_sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    assert (entry.changes["first"], entry.changes["last"]) == ("line 2", "line 6")
    assert (entry.changes["created"], entry.changes["updated"]) == (4, 0)
    stats = [row for row in entry.changes["rows"] if row[0] == "registry.licencestatistic"]
    assert len(stats) == 4
    assert entry.changes["digest"] == audit.batch_digest(entry.changes["rows"])
    assert not AuditEntry.objects.filter(action="registry.licencestatistic.created").exists()
    assert audit.verify().ok


def test_rows_are_split_into_batches_with_their_line_ranges(tmp_path: Path) -> None:
    source = write(tmp_path / "uk.csv", UK)
    rows = importing.read_rows(source, "csv")
    summary = importing.run(importing.get("uk-licences"), rows, batch_size=2)
    assert summary.counts["created"] == 4 and summary.rejected_count == 1
    ranges = [(e.changes["first"], e.changes["last"], e.changes["created"]) for e in batches()]
    assert ranges == [("line 2", "line 3", 2), ("line 4", "line 5", 1), ("line 6", "line 6", 1)]


def test_re_importing_the_same_file_writes_no_entry(tmp_path: Path) -> None:
    source = write(tmp_path / "uk.csv", UK)
    run("import", "uk-licences", str(source))
    before = audit.head()
    output = run("import", "uk-licences", str(source))
    assert "4 accepted (0 created, 0 updated, 4 unchanged), 1 rejected" in output
    assert audit.head() == before


def test_verify_names_the_batch_of_a_row_altered_behind_the_actions(tmp_path: Path) -> None:
    run("import", "uk-licences", str(write(tmp_path / "uk.csv", UK)))
    [entry] = batches()
    stat = LicenceStatistic.objects.get(licence_group="11")
    LicenceStatistic.objects.filter(pk=stat.pk).update(count=99)  # no action, no entry
    verdict = audit.verify()
    assert not verdict.ok and verdict.bad_seq == entry.seq
    assert f"entry #{entry.seq} (import batch)" in verdict.problem
    assert f"registry.licencestatistic {stat.pk} no longer matches" in verdict.problem


def test_verify_accepts_a_row_changed_by_a_later_audited_import(tmp_path: Path) -> None:
    run("import", "uk-licences", str(write(tmp_path / "uk.csv", UK)))
    changed = UK.replace("11,2010-01-02,5A001,2,100", "11,2010-01-02,5A001,2,200")
    output = run("import", "uk-licences", str(write(tmp_path / "uk2.csv", changed)))
    assert "(0 created, 1 updated, 3 unchanged)" in output
    assert len(batches()) == 2
    assert audit.verify().ok
    LicenceStatistic.objects.filter(licence_group="10").delete()  # behind the actions
    verdict = audit.verify()
    assert not verdict.ok and verdict.bad_seq == batches()[0].seq
    assert "is missing" in verdict.problem


class Refusing:
    """An importer whose batch write fails in the database once a row is bad."""

    kind = "refusing"
    help = "test"
    columns: Mapping[str, str] = {}

    def prepare(self, row: importing.Row) -> str:
        return str(row["code"])

    def write_batch(self, prepared: list[str]) -> list[importing.Status]:
        for code in prepared:
            ControlEntry.objects.create(code=code)  # rolled back with the batch
        if "BAD" in prepared:
            raise IntegrityError("refused")
        return ["created"] * len(prepared)

    def import_row(self, row: importing.Row) -> importing.Status:
        if row["code"] == "BAD":
            raise ValidationError({"code": "refused by the database's rules"})
        ControlEntry.objects.create(code=row["code"])
        return "created"


def test_a_database_error_in_a_batch_runs_it_again_row_by_row(tmp_path: Path) -> None:
    source = write(tmp_path / "codes.csv", "code\nX1\nX2\nBAD\nX4\n")
    rows = importing.read_rows(source, "csv")
    summary = importing.run(Refusing(), rows)
    assert summary.counts["created"] == 3
    assert summary.rejected == [("line 4", "code: refused by the database's rules")]
    codes = sorted(
        ControlEntry.objects.filter(code__startswith="X").values_list("code", flat=True)
    )
    assert codes == ["X1", "X2", "X4"]
