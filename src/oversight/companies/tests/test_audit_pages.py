"""The audit pages, through HTTP with JavaScript off: who may do what, and what they see."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from oversight.accounts.models import User
from oversight.accounts.tests.helpers import signed_in, waiting
from oversight.companies import actions
from oversight.companies.models import AuditFirm, Engagement, Finding, StandardVersion
from oversight.companies.tests.audit_world import Audits, build, engagement
from oversight.registry.models import Organisation, Technology

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _clock() -> object:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def world(company: Organisation) -> Audits:
    return build(TODAY)


def _open_form(world: Audits, probe: Technology, **overrides: str) -> dict[str, str]:
    data = {
        "acme-firm": str(world.firm.pk),
        "acme-auditor": world.auditor.username,
        "acme-version": str(world.version.pk),
        "acme-products": probe.slug,
        "acme-period_start": "2025-01-01",
        "acme-period_end": "2025-12-31",
        "acme-access_until": "2026-06-30",
        "acme-sample_cases": "Contract 7\nContract 9",
    }
    return data | overrides


def test_it_lets_the_company_commission_an_audit_on_the_web(
    world: Audits, company: Organisation, member: User, probe: Technology
) -> None:
    response = signed_in(member).post("/staff/audits/new/acme/", _open_form(world, probe))
    assert response.status_code == 302
    row = Engagement.objects.get()
    assert row.sample_cases == ["Contract 7", "Contract 9"]
    assert list(row.products.all()) == [probe]


def test_it_refuses_a_conflicted_auditor_on_the_form_and_opens_nothing(
    world: Audits, company: Organisation, member: User, probe: Technology
) -> None:
    actions.declare_conflict(company, description="Former employee", actor=world.auditor)
    response = signed_in(member).post("/staff/audits/new/acme/", _open_form(world, probe))
    assert response.status_code == 400
    assert "declared a conflict of interest" in response.content.decode()
    assert not Engagement.objects.exists()


def test_it_lets_no_outsider_commission_an_audit_for_the_company(
    world: Audits, company: Organisation, outsider: User, probe: Technology
) -> None:
    response = signed_in(outsider).post("/staff/audits/new/acme/", _open_form(world, probe))
    assert response.status_code == 404
    assert not Engagement.objects.exists()


def test_it_lets_the_auditor_run_fieldwork_and_no_one_else(
    world: Audits, company: Organisation, member: User, probe: Technology, outsider: User
) -> None:
    row = engagement(world, company, member, [probe])
    url = f"/staff/audits/{row.pk}/"
    for who in (world.colleague, world.other_auditor, outsider):
        assert signed_in(who).get(url).status_code == 404
    assert (
        signed_in(member).post(url + "independence/", {"independence-statement": "x"}).status_code
        == 403
    )
    auditor = signed_in(world.auditor)
    response = auditor.post(url + "independence/", {"independence-statement": "Independent"})
    assert response.status_code == 302
    c1 = world.version.requirements.get(identifier="C1")
    finding = {"finding-requirement": c1.pk, "finding-result": "minor", "finding-evidence": "Seen"}
    assert signed_in(member).post(url + "finding/", finding).status_code == 403
    assert signed_in(outsider).post(url + "finding/", finding).status_code == 404
    assert not Finding.objects.exists()
    assert auditor.post(url + "finding/", finding).status_code == 302
    page = auditor.get(url).content.decode()
    assert "Minor nonconformity" in page and "record in scope" in page


def test_it_names_the_field_of_a_bad_finding_and_records_nothing(
    world: Audits, company: Organisation, member: User, probe: Technology
) -> None:
    row = engagement(world, company, member, [probe])
    row = actions.declare_independence(row, statement="Independent", actor=world.auditor)
    draft = actions.draft_next_version(world.version.standard, actor=world.members[0])
    other = draft.requirements.get(identifier="C1")
    data = {"finding-requirement": other.pk, "finding-result": "conforms", "finding-evidence": "x"}
    response = signed_in(world.auditor).post(f"/staff/audits/{row.pk}/finding/", data)
    assert response.status_code == 400
    assert "not in the audited standard version" in response.content.decode()
    assert not Finding.objects.exists()


def test_it_lets_members_vote_and_adopt_and_shows_who_voted(world: Audits, outsider: User) -> None:
    draft = actions.draft_next_version(world.version.standard, actor=world.members[0])
    url = f"/staff/standards/code/{draft.number}/"
    assert signed_in(outsider).post(url + "vote/", {"vote-choice": "for"}).status_code == 404
    for member in world.members:
        assert signed_in(member).post(url + "vote/", {"vote-choice": "for"}).status_code == 302
    assert signed_in(world.members[2]).post(url + "adoption/", {}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == StandardVersion.Status.ADOPTED
    page = signed_in(outsider).get(url).content.decode()
    assert "Who voted for its adoption" in page and "cyd, ivy, sam" in page


def test_it_lets_only_a_seated_member_accredit_a_firm(world: Audits, outsider: User) -> None:
    data = {
        "accredit-organisation": "firm-2", "accredit-body": "sb", "accredit-reference": "ACC-2",
        "accredit-accredited_on": "2026-01-01", "accredit-accredited_until": "2027-01-01",
    }  # fmt: skip
    for who in (outsider, world.auditor):
        assert signed_in(who).post("/staff/standards/accreditations/", data).status_code == 404
    assert not AuditFirm.objects.filter(organisation__slug="firm-2").exists()
    bad = signed_in(world.members[0]).post(
        "/staff/standards/accreditations/", data | {"accredit-accredited_until": "2025-01-01"}
    )
    assert bad.status_code == 400 and "cannot end before it starts" in bad.content.decode()
    assert not AuditFirm.objects.filter(organisation__slug="firm-2").exists()
    ok = signed_in(world.members[0]).post("/staff/standards/accreditations/", data)
    assert ok.status_code == 302
    assert AuditFirm.objects.get(organisation__slug="firm-2").reference == "ACC-2"


def test_it_lists_engagements_in_the_same_queries_whatever_their_number(
    world: Audits, company: Organisation, member: User, probe: Technology
) -> None:
    client = signed_in(world.auditor)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/staff/audits/").status_code == 200
        return len(captured)

    engagement(world, company, member, [probe])
    one = queries()
    for _ in range(3):
        engagement(world, company, member, [probe])
    assert queries() == one


def _waiting(user: User) -> dict[str, int]:
    return waiting(signed_in(user))


def test_it_opens_the_auditors_and_the_companys_dashboard_with_their_audit_work(
    world: Audits, company: Organisation, member: User, probe: Technology, outsider: User
) -> None:
    row = engagement(world, company, member, [probe])
    assert _waiting(world.auditor) == {"Engagements awaiting your declaration of independence": 1}
    assert _waiting(world.colleague) == {}  # the same firm, not on the engagement
    auditor = signed_in(world.auditor)
    auditor.post(f"/staff/audits/{row.pk}/independence/", {"independence-statement": "Yes"})
    assert _waiting(world.auditor) == {
        "Audits in fieldwork: findings to record, summary to publish": 1
    }
    votes = _waiting(world.members[0])
    assert votes.get("Draft standards awaiting your vote", 0) == 0  # the version is adopted
