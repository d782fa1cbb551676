"""Due diligence per product and stage, versioned commitments and the public company page."""

import json
from datetime import date
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client

from oversight.accounts.actions import issue_token
from oversight.accounts.models import User
from oversight.accounts.tests.helpers import signed_in
from oversight.companies import actions, rules
from oversight.companies.models import (
    AssessedRisk,
    ClauseCoverage,
    Consultation,
    HumanRightsCommitment,
    Right,
    StageAssessment,
)
from oversight.core import audit
from oversight.core.models import AuditEntry
from oversight.registry.models import Jurisdiction, Organisation, Technology

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)
STAFF = "/staff/companies/acme/"


def _risks(**mitigation: str) -> list[rules.RiskIn]:
    return [
        rules.RiskIn(r.value, 2, 3, mitigation.get(r.value, f"Mitigated: {r.label}"))
        for r in Right
    ]


def _assess(
    company: Organisation, technology: Technology, actor: Any, **overrides: Any
) -> StageAssessment:
    fields: dict[str, Any] = {
        "technology": technology,
        "stage": "sale",
        "assessed_on": date(2026, 5, 1),
        "review_by": date(2027, 4, 30),
        "summary": "Sale to law enforcement only, after a country risk review.",
        "features": ["geofencing", "remote_disable"],
        "risks": _risks(),
        "consultations": [
            rules.ConsultationIn("Access Now", date(2026, 4, 2), "Geofencing added for MX.")
        ],
    }
    return actions.record_assessment(company, **(fields | overrides), actor=actor)


def _element(company: Organisation, probe: Technology, today: date) -> rules.Element:
    (found,) = [
        e
        for e in rules.ungp_elements(company, [probe], today=today)
        if e.key == "overdue_due_diligence"
    ]
    return found


def _api(user: User) -> Client:
    return Client(headers={"authorization": f"Bearer {issue_token(user, 'test')[1]}"})


@time_machine.travel(TODAY, tick=False)
def test_it_records_an_assessment_with_its_risks_and_consultations_audited(
    company: Organisation, probe: Technology, member: User
) -> None:
    row = _assess(company, probe, member)
    assert row.risks.count() == 5 and row.consultations.get().held_with == "Access Now"
    entry = AuditEntry.objects.get(action="companies.stageassessment.created")
    assert entry.changes["risks"][1]["privacy"] == [2, 3]
    newer = _assess(company, probe, member, assessed_on=date(2026, 5, 20))
    assert list(StageAssessment.objects.current()) == [newer]  # the old one is history
    assert StageAssessment.objects.count() == 2 and audit.verify().ok


@time_machine.travel(TODAY, tick=False)
def test_it_refuses_a_bad_filing_naming_every_field_and_writes_nothing(
    company: Organisation, rival: Organisation, probe: Technology, member: User
) -> None:
    bad = {
        "stage": "marketing",
        "assessed_on": date(2026, 5, 1),
        "review_by": date(2027, 6, 1),  # more than a year on
        "summary": " ",
        "features": ["geofencing", "mind_reading"],
        "risks": [*_risks(privacy=" ")[1:], rules.RiskIn("privacy", 9, None, "")],
        "consultations": [rules.ConsultationIn("", None, "")],
    }
    logged = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        _assess(company, probe, member, **bad)
    assert set(error.value.message_dict) == {
        "stage",
        "review_by",
        "summary",
        "features",
        "privacy_likelihood",
        "privacy_severity",
        "privacy_mitigation",
        "consultation_1_held_with",
        "consultation_1_held_on",
        "consultation_1_outcome",
    }
    assert "on or before 2027-05-02" in error.value.message_dict["review_by"][0]
    twice = [*_risks(), rules.RiskIn("privacy", 1, 1, "Again.")]
    with pytest.raises(ValidationError) as error:
        _assess(company, probe, member, risks=twice)
    assert set(error.value.message_dict) == {"risks"}
    with pytest.raises(ValidationError) as error:  # another company's product
        _assess(rival, probe, None)
    assert set(error.value.message_dict) == {"technology"}
    assert not StageAssessment.objects.exists() and not AssessedRisk.objects.exists()
    assert not Consultation.objects.exists() and AuditEntry.objects.count() == logged


@time_machine.travel(TODAY, tick=False)
def test_the_member_of_another_company_cannot_file_on_the_web_the_api_or_the_action(
    company: Organisation, probe: Technology, outsider: User
) -> None:
    with pytest.raises(ValidationError) as error:
        _assess(company, probe, outsider)
    assert set(error.value.message_dict) == {"company"}
    assert signed_in(outsider).post(STAFF + "assessments/", {}).status_code == 404
    assert signed_in(outsider).post(STAFF + "contracts/", {}).status_code == 404
    api = _api(outsider)
    for path in ("assessments", "contracts"):
        response = api.post(f"/api/v1/companies/acme/{path}", "{}", "application/json")
        assert response.status_code in (404, 422)  # the schema may answer first
    assert api.get("/api/v1/companies/acme/contracts").status_code == 404
    assert not StageAssessment.objects.exists() and not ClauseCoverage.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="companies.").exists()


def test_the_ungp_check_flags_an_overdue_review_and_a_new_assessment_clears_it(
    company: Organisation, probe: Technology, member: User
) -> None:
    with time_machine.travel(TODAY, tick=False):
        assert _element(company, probe, TODAY).ok  # none yet: not overdue
        _assess(company, probe, member)
        element = _element(company, probe, TODAY)
        assert element.ok and element.link == "/companies/acme/#diligence"
    late = date(2027, 5, 1)
    element = _element(company, probe, late)
    assert not element.ok
    assert (
        element.reason == "Due diligence for Probe is overdue for review: Sale since 2027-04-30."
    )
    assert element.reason in rules.ungp_compliance(company, [probe], today=late).messages
    with time_machine.travel(late, tick=False):
        _assess(company, probe, member, assessed_on=late, review_by=date(2028, 4, 1))
    assert _element(company, probe, late).ok


@time_machine.travel(TODAY, tick=False)
def test_the_staff_form_files_an_assessment_and_names_the_field_in_error(
    company: Organisation, probe: Technology, member: User
) -> None:
    data = {
        "assessment-technology": "probe",
        "assessment-stage": "design",
        "assessment-assessed_on": "2026-05-01",
        "assessment-review_by": "2027-04-01",
        "assessment-summary": "Designed with geofencing.",
        "assessment-features": ["geofencing"],
        "assessment-consultation_1_held_with": "Privacy International",
        "assessment-consultation_1_held_on": "2026-03-01",
        "assessment-consultation_1_outcome": "Retention cut to 30 days.",
    }
    for right in Right:
        data |= {
            f"assessment-{right.value}_likelihood": "2",
            f"assessment-{right.value}_severity": "4",
            f"assessment-{right.value}_mitigation": "Contract and design limits.",
        }
    client = signed_in(member)
    missing = data | {"assessment-expression_mitigation": ""}
    response = client.post(STAFF + "assessments/", missing)
    assert response.status_code == 400
    refused = response.content.decode()
    assert "Say how the risk to Freedom of expression is mitigated" in refused
    assert "<legend>Risk to Freedom of expression</legend>" in refused
    assert not StageAssessment.objects.exists()
    assert client.post(STAFF + "assessments/", data).status_code == 302
    row = StageAssessment.objects.get()
    assert row.features == ["geofencing"] and row.consultations.count() == 1
    assert '<th scope="row">Probe</th><td>Design</td>' in client.get(STAFF).content.decode()


@time_machine.travel(TODAY, tick=False)
def test_the_api_registers_contracts_and_files_assessments(
    company: Organisation, probe: Technology, member: User
) -> None:
    Jurisdiction.objects.get_or_create(code="MX", defaults={"name": "Mexico"})
    api = _api(member)

    def post(path: str, body: dict[str, Any]) -> Any:
        return api.post(f"/api/v1/companies/acme/{path}", json.dumps(body), "application/json")

    contract = {
        "technology": "probe",
        "customer": "Unit 7",
        "destination": "mx",
        "signed_on": "2026-02-01",
        "clauses": ["audit_rights"],
    }
    assert post("contracts", contract).status_code == 201
    bad = post("contracts", contract | {"destination": "XX", "signed_on": "2027-01-01"})
    assert bad.status_code == 422 and set(bad.json()["errors"]) == {"destination", "signed_on"}
    (row,) = api.get("/api/v1/companies/acme/contracts").json()
    assert row["customer"] == "Unit 7" and row["destination"] == "MX"
    assert ClauseCoverage.objects.get().carrying["audit_rights"] == 1
    body = {
        "technology": "probe",
        "stage": "servicing",
        "assessed_on": "2026-05-01",
        "review_by": "2027-05-01",
        "summary": "Remote support only through logged sessions.",
        "features": ["customer_audit_logging"],
        "risks": [
            {"right": r.value, "likelihood": 1, "severity": 2, "mitigation": "Logged."}
            for r in Right
        ],
    }
    assert post("assessments", body).status_code == 201
    refused = post("assessments", body | {"risks": body["risks"][:4]})
    assert refused.status_code == 422
    assert set(refused.json()["errors"]) == {
        "life_security_likelihood",
        "life_security_severity",
        "life_security_mitigation",
    }
    check = api.get("/api/v1/companies/acme/ungp").json()
    keys = {e["key"] for e in check["elements"]}
    assert {"commitment", "overdue_due_diligence"} <= keys
    assert all(e["reason"] for e in check["elements"])


@time_machine.travel(TODAY, tick=False)
def test_it_versions_the_commitment_and_the_public_page_shows_every_version(
    company: Organisation, probe: Technology, member: User
) -> None:
    for n, day in enumerate((date(2025, 1, 1), date(2026, 3, 1)), start=1):
        actions.file_commitment(
            company,
            url=f"https://acme.example/policy-v{n}.pdf",
            adopted_on=day,
            text=f"We respect human rights (version {n}).",
            signatory="Ada Chief, CEO",
            actor=member,
        )
    assert list(HumanRightsCommitment.objects.values_list("version", flat=True)) == [2, 1]
    page = Client().get("/companies/acme/").content.decode()
    assert "Version 2, adopted 2026-03-01" in page and "Version 1, adopted 2025-01-01" in page
    assert "(version 1)" in page and "Ada Chief, CEO" in page


@time_machine.travel(TODAY, tick=False)
def test_the_public_page_shows_the_check_the_diligence_and_the_coverage_not_the_customer(
    company: Organisation, probe: Technology, member: User, django_assert_max_num_queries: Any
) -> None:
    probe.published = True
    probe.save(update_fields=["published"])
    mexico = Jurisdiction.objects.get_or_create(code="MX", defaults={"name": "Mexico"})[0]
    _assess(company, probe, member)
    for clauses in (["prohibited_use", "audit_rights", "suspension"], ["audit_rights"]):
        actions.register_contract(
            company,
            technology=probe,
            customer="Secret Police Unit 7",
            destination=mexico,
            signed_on=date(2026, 1, 1),
            clauses=clauses,
            actor=member,
        )
    with django_assert_max_num_queries(30):
        response = Client().get("/companies/acme/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Secret Police" not in page
    assert "Mexico" in page and "1/2" in page and "2/2" in page
    assert "Access Now" in page and "Geofencing added for MX." in page
    assert "No public human rights commitment has been filed." in page
    assert 'href="/companies/acme/#diligence"' in page
    assert Client().get("/companies/nobody/").status_code == 404
    Organisation.objects.create(slug="ngo", name="An NGO", kind="ngo")
    assert Client().get("/companies/ngo/").status_code == 404


@time_machine.travel(TODAY, tick=False)
def test_a_draft_products_diligence_stays_off_the_public_page(
    company: Organisation, probe: Technology, member: User
) -> None:
    _assess(company, probe, member, summary="Secret draft product plans.")
    assert not probe.published
    assert "Secret draft product plans." not in Client().get("/companies/acme/").content.decode()
