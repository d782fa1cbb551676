"""Issue 9, hole 4: a misuse report is assessed by the body it is addressed to, never the company.

The licensing authority of the company's State (its licensing officers) or the UN working
group (its analysts) substantiates and resolves it, with reasons; the company can only add
information, and only the body's resolution lifts the approval block.
"""

import json
from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from oversight.accounts.actions import issue_token
from oversight.accounts.models import Role, RoleAssignment, User
from oversight.accounts.tests.helpers import make_user, signed_in
from oversight.companies import actions, rules
from oversight.companies.models import MisuseReport
from oversight.registry.models import Jurisdiction, Organisation, Technology

pytestmark = pytest.mark.django_db


@pytest.fixture
def state(company: Organisation) -> Jurisdiction:
    gb = Jurisdiction.objects.update_or_create(code="GB", defaults={"name": "United Kingdom"})[0]
    Jurisdiction.objects.update_or_create(code="DE", defaults={"name": "Germany"})
    company.jurisdiction = gb
    company.save(update_fields=["jurisdiction"])
    return gb


@pytest.fixture
def officer(state: Jurisdiction) -> User:
    return make_user("olu", Role.LICENSING_OFFICER, jurisdiction="GB")


@pytest.fixture
def foreign_officer(state: Jurisdiction) -> User:
    return make_user("otto", Role.LICENSING_OFFICER, jurisdiction="DE")


def filed(company: Organisation, probe: Technology, member: User, **extra: Any) -> MisuseReport:
    return actions.report_misuse(
        company, technology=probe, description="Used on journalists.", actor=member, **extra
    )


def blockers(company: Organisation, probe: Technology) -> list[str]:
    return [m for m in rules.ungp_compliance(company, [probe], today=date.today()).messages
            if "misuse" in m]  # fmt: skip


def test_the_company_cannot_substantiate_or_resolve_its_own_report(
    company: Organisation, probe: Technology, member: User, officer: User
) -> None:
    report = filed(company, probe, member)
    assert report.addressed_to == MisuseReport.Addressee.AUTHORITY
    for status in ("under_investigation", "substantiated", "unsubstantiated"):
        with pytest.raises(ValidationError) as error:
            actions.change_misuse_status(report, status=status, reasons=["Ours."], actor=member)
        assert "licensing authority of United Kingdom" in " ".join(
            error.value.message_dict["status"]
        )
    assert MisuseReport.objects.get().status == "reported"
    actions.change_misuse_status(
        report, status="substantiated", reasons=["Forensics."], actor=officer
    )
    assert blockers(company, probe)
    with pytest.raises(ValidationError):
        actions.change_misuse_status(
            report, status="resolved", reasons=["Fixed."], resolution="Fixed.", actor=member
        )
    assert blockers(company, probe)  # the company's word does not lift the approval block
    actions.change_misuse_status(
        report, status="resolved", reasons=["Contract ended; verified."],
        resolution="The end user's access was revoked.", actor=officer,
    )  # fmt: skip
    assert blockers(company, probe) == []
    assert MisuseReport.objects.get().status_reasons == ["Contract ended; verified."]


def test_only_the_body_addressed_assesses_it(
    company: Organisation, probe: Technology, member: User, officer: User,
    foreign_officer: User, analyst: User,
) -> None:  # fmt: skip
    to_state = filed(company, probe, member)
    to_un = filed(company, probe, member, addressed_to="working_group")
    for who, report in ((foreign_officer, to_state), (analyst, to_state), (officer, to_un)):
        with pytest.raises(ValidationError):
            actions.change_misuse_status(report, status="substantiated", reasons=["x"], actor=who)
    with pytest.raises(ValidationError):
        actions.change_misuse_status(to_state, status="substantiated", reasons=["x"], actor=None)
    actions.change_misuse_status(
        to_un, status="substantiated", reasons=["UN finding."], actor=analyst
    )
    assert MisuseReport.objects.get(pk=to_un.pk).status == "substantiated"


def test_a_company_without_a_state_on_file_addresses_the_working_group(
    company: Organisation, probe: Technology, member: User
) -> None:
    assert filed(company, probe, member).addressed_to == MisuseReport.Addressee.WORKING_GROUP
    with pytest.raises(ValidationError) as error:
        filed(company, probe, member, addressed_to="authority")
    assert "addressed_to" in error.value.message_dict


def test_the_company_can_add_information(
    company: Organisation, probe: Technology, member: User, officer: User
) -> None:
    report = filed(company, probe, member)
    actions.add_misuse_information(report, text="The end user's contract ended.", actor=member)
    report.refresh_from_db()
    assert report.status == "reported"
    assert [row["text"] for row in report.information] == ["The end user's contract ended."]
    with pytest.raises(ValidationError) as error:
        actions.add_misuse_information(report, text=" ", actor=member)
    assert "text" in error.value.message_dict


def test_the_company_page_refuses_its_own_status_change_with_the_reason(
    company: Organisation, probe: Technology, member: User, officer: User
) -> None:
    report = filed(company, probe, member)
    client = signed_in(member)
    page = client.get("/staff/companies/acme/").content.decode()
    assert "Change the status" not in page and "Add information" in page
    response = client.post(
        f"/staff/companies/acme/misuse/{report.pk}/status/",
        {"status": "substantiated", "reasons": "Ours.", "resolution": ""},
    )
    assert response.status_code == 400
    assert "licensing authority of United Kingdom" in response.content.decode()
    assert MisuseReport.objects.get().status == "reported"


def _api(user: User) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(user, 'test')[1]}")


def test_the_api_refuses_the_company_and_lets_the_body_assess(
    company: Organisation, probe: Technology, member: User, officer: User,
    foreign_officer: User,
) -> None:  # fmt: skip
    report = filed(company, probe, member)
    body = json.dumps({"status": "substantiated", "reasons": ["Ours."]})
    own = _api(member).post(
        f"/api/v1/companies/acme/misuse-reports/{report.pk}/status", body, "application/json"
    )
    assert own.status_code == 422 and "status" in own.json()["errors"]
    path = f"/api/v1/misuse-reports/{report.pk}/assessment"
    assert _api(foreign_officer).post(path, body, "application/json").status_code == 404
    assert _api(member).post(path, body, "application/json").status_code == 404
    queue = _api(officer).get("/api/v1/misuse-reports").json()
    assert [row["id"] for row in queue] == [report.pk]
    done = _api(officer).post(path, body, "application/json")
    assert done.status_code == 200 and done.json()["status"] == "substantiated"


def test_the_assessing_body_has_its_page_and_dashboard_section(
    company: Organisation, probe: Technology, member: User, officer: User,
    foreign_officer: User,
) -> None:  # fmt: skip
    report = filed(company, probe, member)
    dashboard = signed_in(officer).get("/staff/").content.decode()
    assert "/staff/misuse-reports/" in dashboard
    queue = signed_in(officer).get("/staff/misuse-reports/").content.decode()
    assert f"/staff/misuse-reports/{report.pk}/" in queue
    detail = f"/staff/misuse-reports/{report.pk}/"
    assert signed_in(foreign_officer).get(detail).status_code == 404
    assert signed_in(member).get(detail).status_code == 404
    form = {"status": "substantiated", "reasons": "Forensic evidence.", "resolution": ""}
    assert signed_in(member).post(detail, form).status_code == 404
    response = signed_in(officer).post(detail, form)
    assert response.status_code == 302
    assert MisuseReport.objects.get().status == "substantiated"


def test_an_officer_who_is_a_member_of_the_company_cannot_assess_its_report(
    company: Organisation, probe: Technology, member: User, officer: User
) -> None:
    report = filed(company, probe, member)
    RoleAssignment.objects.create(user=officer, role=Role.COMPANY_MEMBER, organisation=company)
    with pytest.raises(ValidationError) as error:
        actions.change_misuse_status(
            report, status="unsubstantiated", reasons=["x"], actor=officer
        )
    assert "member of" in " ".join(error.value.message_dict["status"])
    assert MisuseReport.objects.get().status == "reported"
