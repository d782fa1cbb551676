"""The audit API end to end, the users who must not act, and refusals naming their field."""

import json
from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client

from oversight.accounts.actions import issue_token
from oversight.accounts.models import User
from oversight.companies import actions
from oversight.companies.models import CorrectiveAction, Engagement, Finding
from oversight.companies.tests.audit_world import Audits, build
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


def _api(user: User) -> Client:
    return Client(headers={"authorization": f"Bearer {issue_token(user, 'test')[1]}"})


def _post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post("/api/v1" + path, json.dumps(body), content_type="application/json")


def _body(probe: Technology, **more: Any) -> dict[str, Any]:
    return {
        "company": "acme", "firm": "firm", "auditor": "aud", "standard": "code", "version": 1,
        "products": [probe.slug], "period_start": "2025-01-01", "period_end": "2025-12-31",
        "access_until": "2026-06-30", "sample_cases": ["Contract 7"],
    } | more  # fmt: skip


def test_it_runs_an_audit_through_the_api(
    world: Audits, company: Organisation, member: User, probe: Technology
) -> None:
    company_api, auditor_api = _api(member), _api(world.auditor)
    created = _post(company_api, "/audits", _body(probe))
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert (
        _post(auditor_api, f"/audits/{pk}/independence", {"statement": "Independent"}).status_code
        == 200
    )
    requirements = auditor_api.get(f"/api/v1/audits/{pk}").json()["requirements"]
    ids = {row["identifier"]: row["id"] for row in requirements}
    for identifier, result in (("C1", "conforms"), ("D1", "major")):
        body = {"requirement": ids[identifier], "result": result, "evidence": "Seen"}
        assert _post(auditor_api, f"/audits/{pk}/findings", body).status_code == 200
    major = Finding.objects.get(result="major").pk
    plan = {"finding": major, "description": "Fix", "owner": "CEO", "due_on": "2026-04-01"}
    planned = _post(company_api, f"/audits/{pk}/corrective-actions", plan)
    assert planned.status_code == 201
    action = planned.json()["id"]
    published = _post(auditor_api, f"/audits/{pk}/publication", {"summary": "One major."})
    assert published.json()["status"] == "published"
    status = Client().get("/api/v1/companies/acme/audit-status").json()
    assert status["key"] == "open"
    assert (
        _post(
            company_api, f"/corrective-actions/{action}/completion", {"note": "Done"}
        ).status_code
        == 200
    )
    body = {"accepted": True, "note": "Checked"}
    verified = _post(auditor_api, f"/corrective-actions/{action}/verification", body)
    assert verified.json()["status"] == "verified"
    assert Client().get("/api/v1/companies/acme/audit-status").json()["key"] == "verified"


def test_it_keeps_everyone_else_out_of_an_engagement(
    world: Audits, company: Organisation, member: User, probe: Technology, outsider: User
) -> None:
    pk = _post(_api(member), "/audits", _body(probe)).json()["id"]
    for who in (outsider, world.colleague, world.other_auditor):
        client = _api(who)
        assert client.get(f"/api/v1/audits/{pk}").status_code == 404
        body = {"statement": "I am independent"}
        assert _post(client, f"/audits/{pk}/independence", body).status_code == 404
    assert _post(_api(member), f"/audits/{pk}/independence", {"statement": "x"}).status_code == 403
    assert Engagement.objects.get().status == Engagement.Status.PLANNED
    assert _post(_api(outsider), "/audits", _body(probe)).status_code == 404


def test_it_refuses_bad_input_naming_each_field_and_opens_nothing(
    world: Audits, company: Organisation, member: User, probe: Technology
) -> None:
    actions.declare_conflict(company, description="Family tie", actor=world.auditor)
    response = _post(_api(member), "/audits", _body(probe, period_end="2024-01-01"))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"auditor", "period_end"}
    response = _post(_api(member), "/audits", _body(probe, firm="nope", products=["ghost"]))
    assert set(response.json()["errors"]) == {"firm", "products"}
    assert not Engagement.objects.exists()


def test_it_refuses_a_finding_on_another_version_and_an_outsiders_vote(
    world: Audits, company: Organisation, member: User, probe: Technology, outsider: User
) -> None:
    pk = _post(_api(member), "/audits", _body(probe)).json()["id"]
    auditor = _api(world.auditor)
    _post(auditor, f"/audits/{pk}/independence", {"statement": "Independent"})
    draft = actions.draft_next_version(world.version.standard, actor=world.members[0])
    other = draft.requirements.get(identifier="C1").pk
    body = {"requirement": other, "result": "conforms", "evidence": "x"}
    response = _post(auditor, f"/audits/{pk}/findings", body)
    assert response.status_code == 422 and "requirement" in response.json()["errors"]
    assert not Finding.objects.exists() and not CorrectiveAction.objects.exists()
    vote = _post(_api(outsider), "/standards/code/versions/2/votes", {"choice": "for"})
    assert vote.status_code == 404
    assert (
        _post(
            _api(world.members[0]), "/standards/code/versions/2/votes", {"choice": "for"}
        ).status_code
        == 200
    )
    adoption = _post(_api(world.members[0]), "/standards/code/versions/2/adoption", {})
    assert adoption.status_code == 422 and "votes" in adoption.json()["errors"]
