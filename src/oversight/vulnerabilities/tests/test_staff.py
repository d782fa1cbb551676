"""The staff pages through HTTP: who gets in, who does not, and refusals that change nothing."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from oversight.accounts.models import User
from oversight.accounts.tests.helpers import signed_in
from oversight.core.models import AuditEntry
from oversight.registry.models import Organisation
from oversight.vulnerabilities import actions
from oversight.vulnerabilities.models import Decision, Status, Vulnerability
from oversight.vulnerabilities.tests.conftest import HIGH, facts

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


def _url(v: Vulnerability, action: str = "") -> str:
    return f"/staff/vulnerabilities/{v.reference}/{action + '/' if action else ''}"


def _form(**extra: str) -> dict[str, str]:
    return {
        "agency": str(Organisation.objects.get(slug="gchq-x").pk),
        "agency_reference": "X-9",
        "product": "Example Router",
        "vendor": "Example Networks",
        "cvss_vector": HIGH,
        "source": "discovered",
        "broker": "",
        "found_on": "2026-05-01",
        **extra,
    }


@time_machine.travel(TODAY, tick=False)
def test_it_lets_the_agency_record_a_vulnerability_for_its_state(holder: User) -> None:
    client = signed_in(holder)
    assert client.get("/staff/vulnerabilities/new/").status_code == 200
    response = client.post("/staff/vulnerabilities/new/", _form())
    made = Vulnerability.objects.get(agency_reference="X-9")
    assert response.status_code == 302 and response["Location"] == _url(made)
    assert (made.jurisdiction_id, made.status, made.severity) == ("GB", "awaiting", "Critical")
    entry = AuditEntry.objects.get(action="vulnerabilities.vulnerability.recorded")
    assert entry.object_repr == made.reference  # never the product
    assert "Example Router" not in str(entry.changes)
    page = client.get(_url(made)).content.decode()
    assert "Example Router" in page and "Decide" not in page  # the agency does not decide


@time_machine.travel(TODAY, tick=False)
def test_it_refuses_a_bad_record_naming_every_field_and_writes_nothing(holder: User) -> None:
    client = signed_in(holder)
    bad = _form(product=" ", cvss_vector="CVSS:3.1/AV:N", broker="Someone", found_on="2026-07-01")
    before = AuditEntry.objects.count()
    response = client.post("/staff/vulnerabilities/new/", bad)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"product", "cvss_vector", "broker", "found_on"}
    assert not Vulnerability.objects.exists() and AuditEntry.objects.count() == before


def test_it_shows_nothing_to_those_who_must_not_get_in(
    vulnerability: Vulnerability, outsiders: dict[str, User], client: Client
) -> None:
    assert client.get(_url(vulnerability))["Location"].startswith("/accounts/login/")
    for who, user in outsiders.items():
        other = signed_in(user)
        assert other.get(_url(vulnerability)).status_code == 404, who
        assert (
            other.post(
                _url(vulnerability, "decide"), {"outcome": "disclose", "reasons": "x"}
            ).status_code
            == 404
        )
        listing = other.get("/staff/vulnerabilities/")
        # The other State's board and the other agency have a register, without this one.
        expected = 200 if who in ("board_de", "other_agency") else 403
        assert listing.status_code == expected, who
        assert vulnerability.reference not in listing.content.decode(), who
        recording = other.get("/staff/vulnerabilities/new/").status_code
        assert recording == (200 if who == "other_agency" else 403), who
    vulnerability.refresh_from_db()
    assert vulnerability.status == Status.AWAITING and not Decision.objects.exists()


def test_it_keeps_the_agency_from_deciding_on_its_own_vulnerability(
    vulnerability: Vulnerability, holder: User
) -> None:
    response = signed_in(holder).post(
        _url(vulnerability, "decide"), {"outcome": "disclose", "reasons": "Fine."}
    )
    assert response.status_code == 403
    vulnerability.refresh_from_db()
    assert vulnerability.status == Status.AWAITING and not Decision.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_it_refuses_a_restriction_without_a_review_date_and_changes_nothing(
    vulnerability: Vulnerability, board: User
) -> None:
    client = signed_in(board)
    before = AuditEntry.objects.count()
    response = client.post(_url(vulnerability, "decide"), {"outcome": "restrict", "reasons": ""})
    assert response.status_code == 400
    errors = response.context["decision_form"].errors
    assert set(errors) == {"review_by", "reasons"}
    assert "review date" in errors["review_by"][0]
    vulnerability.refresh_from_db()
    assert vulnerability.status == Status.AWAITING and vulnerability.review_by is None
    assert not Decision.objects.exists() and AuditEntry.objects.count() == before


def test_it_flags_a_restriction_past_its_review_and_takes_the_review(
    vulnerability: Vulnerability, board: User
) -> None:
    with time_machine.travel(TODAY, tick=False):
        response = signed_in(board).post(
            _url(vulnerability, "decide"),
            {
                "outcome": "restrict",
                "reasons": "Needed.",
                "review_by": "2026-09-01",
                "version": "1",
            },
        )
        assert response.status_code == 302
    with time_machine.travel(date(2026, 9, 2), tick=False):
        client = signed_in(board)
        listing = client.get("/staff/vulnerabilities/").content.decode()
        assert "1 restriction is past its review date." in listing
        assert "due for review on 2026-09-01" in client.get(_url(vulnerability)).content.decode()
        response = client.post(
            _url(vulnerability, "decide"),
            {"outcome": "disclose", "reasons": "No longer needed.", "version": "2"},
        )
        assert response.status_code == 302
        assert "past its review" not in client.get("/staff/vulnerabilities/").content.decode()
    vulnerability.refresh_from_db()
    assert (vulnerability.status, vulnerability.disclosed_on) == ("disclosed", date(2026, 9, 2))
    assert [d.outcome for d in vulnerability.decisions.all()] == ["restrict", "disclose"]
    moves = AuditEntry.objects.filter(action__startswith="vulnerabilities.vulnerability.")
    assert moves.count() == 3


@time_machine.travel(TODAY, tick=False)
def test_it_refuses_a_decision_on_a_page_loaded_before_another_one(
    vulnerability: Vulnerability, board: User
) -> None:
    actions.decide(vulnerability, outcome="disclose", reasons="Now.", actor=board)
    response = signed_in(board).post(
        _url(vulnerability, "decide"),
        {"outcome": "restrict", "reasons": "Late.", "review_by": "2026-09-01", "version": "1"},
    )
    assert response.status_code == 400
    assert "reload the page" in response.content.decode()
    assert Decision.objects.count() == 1


@time_machine.travel(TODAY, tick=False)
def test_it_records_the_vendors_acknowledgement_and_fix_after_disclosure(
    vulnerability: Vulnerability, board: User, holder: User
) -> None:
    client = signed_in(holder)
    early = client.post(_url(vulnerability, "progress"), {"fixed_on": "2026-05-30"})
    assert early.status_code == 400 and "Only a disclosed" in early.content.decode()
    actions.decide(
        vulnerability,
        outcome="disclose",
        reasons="Now.",
        actor=board,
        disclosed_on=date(2026, 5, 20),
    )
    before = AuditEntry.objects.count()
    bad = client.post(
        _url(vulnerability, "progress"),
        {"vendor_acknowledged_on": "2026-05-01", "fix_reference": "CVE-2026-1"},
    )
    assert bad.status_code == 400
    assert set(bad.context["progress_form"].errors) == {"vendor_acknowledged_on", "fixed_on"}
    assert AuditEntry.objects.count() == before
    good = client.post(
        _url(vulnerability, "progress"),
        {
            "vendor_acknowledged_on": "2026-05-22",
            "fixed_on": "2026-05-30",
            "fix_reference": "CVE-2026-1",
        },
    )
    assert good.status_code == 302
    vulnerability.refresh_from_db()
    assert (vulnerability.fixed_on, vulnerability.fix_reference) == (
        date(2026, 5, 30),
        "CVE-2026-1",
    )


def test_it_lists_in_the_same_number_of_queries_whatever_the_rows(
    holder: User, board: User
) -> None:
    agency = Organisation.objects.get(slug="gchq-x")
    client = signed_in(board)
    counts = []
    for n in (1, 6):
        while Vulnerability.objects.count() < n:
            ref = f"X-{Vulnerability.objects.count() + 10}"
            actions.record_vulnerability(agency, facts(agency_reference=ref), actor=holder)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/staff/vulnerabilities/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts  # 11 on SQLite, with 1 row or 6


def test_it_gives_a_city_agency_to_its_countrys_board(places: None) -> None:
    agency = Organisation.objects.get(slug="city-police")
    state = actions.state_of(agency)
    assert state is not None and state.code == "GB"


def test_it_counts_the_boards_work_on_the_staff_dashboard(
    vulnerability: Vulnerability, board: User, outsiders: dict[str, User]
) -> None:
    page = signed_in(board).get("/staff/").content.decode()
    assert "Vulnerabilities equities" in page and "/staff/vulnerabilities/" in page
    assert (
        "Vulnerabilities equities"
        not in signed_in(outsiders["admin"]).get("/staff/").content.decode()
    )


@time_machine.travel(TODAY, tick=False)
def test_it_refuses_a_reference_taken_at_the_same_moment_naming_it(
    vulnerability: Vulnerability, holder: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    agency = Organisation.objects.get(slug="gchq-x")
    # The other request committed between our check and our insert: the check saw nothing.
    monkeypatch.setattr(actions, "has_nul", lambda value: True)
    with pytest.raises(ValidationError) as refused:
        actions.record_vulnerability(agency, facts(), actor=holder)
    assert list(refused.value.message_dict) == ["agency_reference"]
    assert Vulnerability.objects.count() == 1
