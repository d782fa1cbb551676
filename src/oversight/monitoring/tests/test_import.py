"""`oversight import cases` with the real Pegasus file, the issue's --map, and bad rows."""

from pathlib import Path

import pytest

from oversight.core.models import AuditEntry
from oversight.monitoring.models import Case, VictimIdentity
from oversight.monitoring.tests.helpers import DATA, MAPPING, run

pytestmark = pytest.mark.usefixtures("registry")


def test_it_imports_the_real_pegasus_cases_and_reimports_as_a_no_op() -> None:
    first = run("import", "cases", str(DATA), *MAPPING)
    assert first.startswith("99 accepted (99 created, 0 updated, 0 unchanged), 0 rejected"), first
    assert Case.objects.published().count() == 99
    assert VictimIdentity.objects.count() == 99
    mexico = Case.objects.filter(operator_country_id="MX")
    assert mexico.count() == 20 and mexico.filter(country_id="MX").count() == 20
    khashoggi_era = Case.objects.filter(operator_country_id="SA").count()
    assert khashoggi_era == 4
    assert Case.objects.filter(attack_vectors__icontains="zero_click").count() == 35
    entries = AuditEntry.objects.count()
    again = run("import", "cases", str(DATA), *MAPPING)
    assert again.startswith("99 accepted (0 created, 0 updated, 99 unchanged), 0 rejected"), again
    assert AuditEntry.objects.count() == entries


def test_it_keeps_names_out_of_titles_summaries_and_the_audit_log() -> None:
    run("import", "cases", str(DATA), *MAPPING)
    titles = " ".join(Case.objects.values_list("title", "summary").values_list("title", flat=True))
    log = " ".join(str(row) for row in AuditEntry.objects.values_list("changes", "object_repr"))
    for name in ("Rafael Cabrera", "Carmen Aristegui", "Omar Radi"):
        assert name not in titles and name not in log


def test_it_reads_partial_and_multiple_dates() -> None:
    run("import", "cases", str(DATA), *MAPPING)
    case = Case.objects.filter(occurred_precision="year").order_by("pk").first()
    assert case is not None and case.occurred is not None and case.occurred.month == 1
    assert Case.objects.filter(first_activity_precision="month").exists()


def test_it_rejects_an_unknown_country_by_value_and_line_and_keeps_the_others(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(
        "name,role,operator,disclosed,occurred,sources\n"
        "A Person,Journalist,Mexico,2020-01-02,2019,https://example.org/a\n"
        "B Person,Lawyer,Atlantis,2020-01-02,2019,https://example.org/b\n"
        "C Person,Activist,India,2018-01-02,2019,https://example.org/c\n"
        "D Person,Activist,India,2021-01-02,2019,\n",
        encoding="utf-8",
    )
    out = run("import", "cases", str(path), *MAPPING)
    assert out.startswith("2 accepted (2 created, 0 updated, 0 unchanged), 2 rejected"), out
    assert "rejected line 3: operator_country: unknown country 'Atlantis'" in out
    assert (
        "rejected line 4: disclosed: disclosed (2018-01-02) is before occurred (2019-01-01)" in out
    )
    assert Case.objects.count() == 2


def test_it_refuses_over_long_names_and_titles_naming_the_column_instead_of_cutting(
    tmp_path: Path,
) -> None:
    long_name = "Ana " + "de la Cruz " * 30
    path = tmp_path / "cases.csv"
    path.write_text(
        "name,role,operator,disclosed,occurred,sources,title\n"
        f"{long_name},Journalist,Mexico,2020-01-02,2019,https://example.org/a,\n"
        f"B Person,Lawyer,Mexico,2020-01-02,2019,https://example.org/b,{'T' * 301}\n"
        "C Person,Activist,India,2020-01-02,2019,https://example.org/c,\n",
        encoding="utf-8",
    )
    out = run("import", "cases", str(path), *MAPPING)
    assert out.startswith("1 accepted (1 created, 0 updated, 0 unchanged), 2 rejected"), out
    assert "rejected line 2: victim_name: At most 300 characters (this has 333)." in out
    assert "rejected line 3: title: At most 300 characters (this has 301)." in out
    assert not VictimIdentity.objects.filter(name__startswith="Ana").exists()


def test_it_keeps_every_suspected_operator_state_of_a_cell_in_order(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(
        "name,role,operator,disclosed,occurred,sources\n"
        "A Person,Journalist,Mexico; El Salvador,2020-01-02,2019,https://example.org/a\n"
        "B Person,Lawyer,Mexico; Atlantis,2020-01-02,2019,https://example.org/b\n"
        "C Person,Activist,India,2020-01-02,2019,https://example.org/c\n",
        encoding="utf-8",
    )
    out = run("import", "cases", str(path), *MAPPING)
    assert out.startswith("2 accepted (2 created, 0 updated, 0 unchanged), 1 rejected"), out
    assert "rejected line 3: operator_country: unknown country 'Atlantis'" in out
    both = Case.objects.get(operator_countries=["MX", "SV"])
    assert both.operator_country_id == "MX" and both.country_id == "MX"
    assert Case.objects.get(operator_country_id="IN").operator_countries == ["IN"]
    again = run("import", "cases", str(path), *MAPPING)
    assert again.startswith("2 accepted (0 created, 0 updated, 2 unchanged)"), again
