"""A company's members keep its record on the web and the API; nobody else reaches it."""

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from oversight.accounts.actions import issue_token
from oversight.accounts.models import User
from oversight.accounts.tests.helpers import signed_in
from oversight.companies import actions, signals
from oversight.companies.models import HumanRightsCommitment, MisuseReport
from oversight.core import audit, publication
from oversight.registry.models import Organisation, Technology

pytestmark = pytest.mark.django_db
URL = "/staff/companies/acme/"


def _commitment(**overrides: str) -> dict[str, str]:
    data = {"commitment-url": "https://acme.example/hr", "commitment-adopted_on": "2026-01-05"}
    return data | overrides


def _api(user: User) -> Client:
    _, token = issue_token(user, "test")
    return Client(headers={"authorization": f"Bearer {token}"})


def test_it_files_a_commitment_with_an_audit_entry(company: Organisation, member: User) -> None:
    response = signed_in(member).post(URL + "commitment/", _commitment())
    assert response.status_code == 302
    assert HumanRightsCommitment.objects.get().adopted_on == date(2026, 1, 5)
    assert audit.verify().ok


def test_it_names_the_field_in_error(company: Organisation, member: User) -> None:
    data = _commitment(**{"commitment-last_reviewed_on": "2025-01-01"})
    response = signed_in(member).post(URL + "commitment/", data)
    assert response.status_code == 400
    assert "A review cannot precede adoption." in response.content.decode()
    assert not HumanRightsCommitment.objects.exists()


def test_a_member_of_another_company_is_refused(
    company: Organisation, probe: Technology, member: User, outsider: User
) -> None:
    client = signed_in(outsider)
    assert client.get(URL).status_code == 404
    assert client.post(URL + "commitment/", _commitment()).status_code == 404
    report = actions.report_misuse(company, technology=probe, description="x", actor=member)
    status = {"status": "unsubstantiated", "reasons": "mine now"}
    assert client.post(f"{URL}misuse/{report.pk}/status/", status).status_code == 404
    body = {"url": "https://x.example", "adopted_on": "2026-01-01"}
    api = _api(outsider).post("/api/v1/companies/acme/commitments", body, "application/json")
    assert api.status_code == 404
    assert not HumanRightsCommitment.objects.exists()
    assert MisuseReport.objects.get().status == "reported"


def test_the_page_shows_the_ungp_check(
    company: Organisation, probe: Technology, member: User
) -> None:
    page = signed_in(member).get(URL).content.decode()
    assert "No product due diligence for Probe." in page
    assert "No public human rights commitment has been filed." in page


def test_it_changes_a_misuse_status_only_along_allowed_moves(
    company: Organisation, probe: Technology, member: User, analyst: User
) -> None:
    report = actions.report_misuse(company, technology=probe, description="x", actor=member)
    client = signed_in(analyst)  # the working group: the company has no State on file
    url = f"/staff/misuse-reports/{report.pk}/"
    response = client.post(url, {"status": "resolved", "reasons": "done", "resolution": "ok"})
    assert response.status_code == 400 and "cannot go from" in response.content.decode()
    response = client.post(url, {"status": "under_investigation", "reasons": ""})
    assert response.status_code == 400
    assert (
        client.post(url, {"status": "under_investigation", "reasons": "Opened"}).status_code == 302
    )
    assert MisuseReport.objects.get().status == "under_investigation"


def test_the_signal_fires_on_commit_only(
    company: Organisation,
    probe: Technology,
    member: User,
    analyst: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    heard: list[MisuseReport] = []

    def listener(sender: Any, report: MisuseReport, **kwargs: Any) -> None:
        heard.append(report)

    signals.misuse_substantiated.connect(listener)
    try:
        report = actions.report_misuse(company, technology=probe, description="x", actor=member)
        with (
            django_capture_on_commit_callbacks(execute=True),
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            actions.change_misuse_status(
                report, status="substantiated", reasons=["Proof"], actor=analyst
            )
            raise RuntimeError("rolled back")
        assert heard == [] and MisuseReport.objects.get().status == "reported"
        with django_capture_on_commit_callbacks(execute=False) as pending:
            actions.change_misuse_status(
                report, status="substantiated", reasons=["Proof"], actor=analyst
            )
            assert heard == []  # not before the commit
        for callback in pending:
            callback()
        assert [r.pk for r in heard] == [report.pk]
    finally:
        signals.misuse_substantiated.disconnect(listener)


def test_the_api_writes_and_checks(
    company: Organisation, probe: Technology, member: User, analyst: User
) -> None:
    api = _api(member)

    def post(path: str, body: dict[str, Any]) -> Any:
        return api.post(f"/api/v1/companies/acme/{path}", json.dumps(body), "application/json")

    assert (
        post("commitments", {"url": "https://a.example", "adopted_on": "2026-01-01"}).status_code
        == 201
    )
    bad = post(
        "due-diligence",
        {
            "technology": "nope",
            "summary": "s",
            "completed_on": "2026-01-01",
            "valid_until": "2027-01-01",
        },
    )
    assert bad.status_code == 422 and "technology" in bad.json()["errors"]
    assert (
        post(
            "due-diligence",
            {
                "technology": "probe",
                "summary": "s",
                "completed_on": "2026-01-01",
                "valid_until": "2099-01-01",
            },
        ).status_code
        == 201
    )
    assert (
        post(
            "safeguards", {"description": "Audit rights", "in_effect_since": "2026-01-01"}
        ).status_code
        == 201
    )
    verdict = api.get("/api/v1/companies/acme/ungp").json()
    assert (verdict["ok"], verdict["reasons"]) == (True, [])
    assert all(element["ok"] for element in verdict["elements"])
    created = post("misuse-reports", {"technology": "probe", "description": "Found abuse"})
    report = created.json()["id"]
    moved = _api(analyst).post(
        f"/api/v1/misuse-reports/{report}/assessment",
        json.dumps({"status": "substantiated", "reasons": ["Logs"]}),
        "application/json",
    )
    assert moved.status_code == 200 and moved.json()["status"] == "substantiated"
    assert api.get("/api/v1/companies/acme/ungp").json()["ok"] is False


def test_the_public_misuse_register_lists_only_substantiated_without_reporter(
    company: Organisation, probe: Technology, member: User, analyst: User
) -> None:
    kept = actions.report_misuse(company, technology=probe, description="PUBLIC", actor=member)
    actions.change_misuse_status(kept, status="substantiated", reasons=["Proof"], actor=analyst)
    actions.report_misuse(company, technology=probe, description="UNPROVEN", actor=member)
    schema = publication.get("misuse-reports")
    assert "reported_by" not in str(schema.fields)
    assert [row["id"] for row in schema.rows()] == [kept.pk]
    page = Client().get("/misuse-reports/").content.decode()
    api = Client().get("/api/v1/datasets/misuse-reports").content.decode()
    for text in (page, api):
        assert "UNPROVEN" not in text and "mia" not in text
