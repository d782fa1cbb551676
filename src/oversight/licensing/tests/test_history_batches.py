"""Historical decisions derived for a whole import batch (issue 16), as row by row."""

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from oversight.core.models import AuditEntry, SearchDocument
from oversight.licensing.actions import history
from oversight.licensing.models import Decision

pytestmark = pytest.mark.django_db

UK = """licence_group,date,rating,count,value,country,refused
1,2008-01-02,5A002,1,3540,United Arab Emirates,0
1,2008-01-02,5A001,2,100,United Arab Emirates,0
1,2008-01-02,5A002,1,50,France,0
2,2008-01-03,5A001,1,,United Arab Emirates,1
2,2008-01-05,5A002,1,,United Arab Emirates,1
"""
FIELDS = (
    "reference",
    "outcome",
    "control_codes",
    "licences",
    "value",
    "decided_on",
    "parts",
    "year",
    "control_codes_text",
)


def decisions() -> list[tuple[Any, ...]]:
    rows = Decision.objects.filter(source="uk-secd").order_by("reference")
    return list(rows.values_list(*FIELDS))


def test_the_batch_derives_the_decisions_that_row_by_row_would(tmp_path: Path) -> None:
    source = tmp_path / "uk.csv"
    source.write_text(UK)
    call_command("import", "uk-licences", str(source))
    batched = decisions()
    assert [row[:4] for row in batched] == [
        ("GB-SIEL-1-AE", "issued", ["5.A.1", "5.A.2"], 3),
        ("GB-SIEL-1-FR", "issued", ["5.A.2"], 1),
        ("GB-SIEL-2-AE", "refused", ["5.A.1", "5.A.2"], 2),
    ]
    # No entry a decision: the batch's entry names them.
    assert not AuditEntry.objects.filter(action="licensing.decision.imported").exists()
    entry = AuditEntry.objects.get(action="import.batch")
    named = [row[1] for row in entry.changes["rows"] if row[2] == "licensing.decision.imported"]
    pks = sorted(Decision.objects.values_list("pk", flat=True))
    assert sorted(int(pk) for pk in named) == pks
    # Written in bulk, yet in the one search.
    assert SearchDocument.objects.filter(dataset="licence-decisions").count() == 3
    Decision.objects.all().delete()
    history.derive_all()  # one statistic at a time
    assert decisions() == batched


def test_a_batch_that_changes_a_part_updates_its_decision(tmp_path: Path) -> None:
    source = tmp_path / "uk.csv"
    source.write_text(UK)
    call_command("import", "uk-licences", str(source))
    changed = tmp_path / "uk2.csv"
    changed.write_text(
        UK.replace("1,2008-01-02,5A002,1,50,France,0", "1,2008-01-02,5A002,4,50,France,0")
    )
    call_command("import", "uk-licences", str(changed))
    france = Decision.objects.get(reference="GB-SIEL-1-FR")
    assert france.licences == 4
    entry = AuditEntry.objects.filter(action="import.batch").latest("seq")
    actions = [row[2] for row in entry.changes["rows"]]
    assert actions == ["registry.licencestatistic.updated", "licensing.decision.reimported"]
    assert entry.changes["updates"]["1"] == {"licences": [1, 4]}
