"""The conditions page through HTTP, JavaScript off: who may see and do what, errors on
the field they name with nothing changed, and the public register of conditions."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from oversight.accounts.tests.helpers import signed_in
from oversight.licensing.actions import conditions
from oversight.licensing.models import Licence, LicenceCondition, SuspensionProposal
from oversight.licensing.tests.helpers import World
from oversight.licensing.tests.test_conditions import issue, usage_report

pytestmark = pytest.mark.django_db


def url(licence: Licence, tail: str = "") -> str:
    return f"/staff/licensing/licences/{licence.number}/conditions/{tail}"


@pytest.fixture
def licence(world: World, clock: Any) -> Licence:
    return issue(world, clock)


def test_the_officer_sets_a_condition_through_the_form(world: World, licence: Licence) -> None:
    client = signed_in(world.officer)
    due = (timezone.localdate() + timedelta(days=60)).isoformat()
    form = {"kind": "end_use_certificate", "terms": "A signed certificate.", "evidence_due": due}
    response = client.post(url(licence), form)
    assert response.status_code == 302
    condition = LicenceCondition.objects.get()
    assert (condition.kind, condition.status, condition.created_by) == (
        "end_use_certificate", "pending", world.officer,
    )  # fmt: skip
    page = client.get(url(licence)).content.decode()
    assert "A signed certificate." in page and "Record the assessment" not in page


def test_a_bad_condition_comes_back_on_its_field_and_nothing_changes(
    world: World, licence: Licence
) -> None:
    client = signed_in(world.officer)
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    form = {"kind": "audit", "terms": "Audit it.", "evidence_due": past}
    response = client.post(url(licence), form)
    assert response.status_code == 400
    form_errors = response.context["form"].errors
    assert set(form_errors) == {"evidence_due", "auditor"}
    assert 'aria-invalid="true"' in response.content.decode() or "field-error" in (
        response.content.decode()
    )
    assert LicenceCondition.objects.count() == 0


def test_the_users_who_must_not_get_in_get_a_404(world: World, licence: Licence) -> None:
    due = (timezone.localdate() + timedelta(days=60)).isoformat()
    form = {"kind": "usage_report", "terms": "Report.", "evidence_due": due}
    for outsider in (world.officer_de, world.member_b, world.reviewer):
        client = signed_in(outsider)
        assert client.get(url(licence)).status_code == 404
        assert client.post(url(licence), form).status_code == 404
    # The holder sees its conditions but may not set one: the form is not there either.
    holder = signed_in(world.member)
    assert "Set the condition" not in holder.get(url(licence)).content.decode()
    assert holder.post(url(licence), form).status_code == 404
    assert Client().get(url(licence)).status_code in (302, 403)
    assert LicenceCondition.objects.count() == 0


def test_the_holder_evidences_and_the_officer_assesses(world: World, licence: Licence) -> None:
    condition = usage_report(world, licence)
    holder = signed_in(world.member)
    blank = holder.post(url(licence, f"{condition.pk}/evidence/"), {"evidence": " ", "version": 1})
    assert (
        blank.status_code == 400 and "evidence" in blank.context["rows"][0]["evidence_form"].errors
    )
    evidence = {"evidence": "Usage report UR-1, sent by post.", "version": condition.version}
    outsider = signed_in(world.member_b)
    assert outsider.post(url(licence, f"{condition.pk}/evidence/"), evidence).status_code == 404
    assert holder.post(url(licence, f"{condition.pk}/evidence/"), evidence).status_code == 302
    condition.refresh_from_db()
    assert condition.status == "submitted"
    verdict = {"met": "yes", "reasons": "Complete.", "version": condition.version}
    assert holder.post(url(licence, f"{condition.pk}/assess/"), verdict).status_code == 404
    officer = signed_in(world.officer)
    assert officer.post(url(licence, f"{condition.pk}/assess/"), verdict).status_code == 302
    assert LicenceCondition.objects.get(pk=condition.pk).status == "met"


def test_the_officer_decides_a_proposal_on_the_page(world: World, licence: Licence) -> None:
    condition = usage_report(world, licence, days=1)
    conditions.check_condition_deadlines(timezone.localdate() + timedelta(days=2))
    proposal = SuspensionProposal.objects.get()
    officer = signed_in(world.officer)
    page = officer.get(url(licence)).content.decode()
    assert f"Condition #{condition.pk}" in page and "Suspension proposals" in page
    target = f"/staff/licensing/licences/{licence.number}/proposals/{proposal.pk}/"
    assert (
        signed_in(world.member).post(target, {"suspend": "yes", "reasons": "x"}).status_code == 404
    )
    assert officer.post(target, {"suspend": "yes", "reasons": ""}).status_code == 400
    assert Licence.objects.get(pk=licence.pk).status == "active"
    assert (
        officer.post(target, {"suspend": "yes", "reasons": "Evidence missing."}).status_code == 302
    )
    assert Licence.objects.get(pk=licence.pk).status == "suspended"


def test_the_register_shows_met_and_overdue_but_never_the_evidence(
    world: World, licence: Licence
) -> None:
    met = usage_report(world, licence)
    conditions.submit_evidence(met, evidence="SECRET-EVIDENCE-TEXT", actor=world.member)
    conditions.assess_evidence(met, met=True, reasons=["Fine."], actor=world.officer)
    late = usage_report(world, licence, days=1)
    conditions.check_condition_deadlines(timezone.localdate() + timedelta(days=2))
    public = Client()
    page = public.get("/licence-conditions/").content.decode()
    assert "SECRET-EVIDENCE-TEXT" not in page
    data = public.get("/api/v1/datasets/licence-conditions").json()
    statuses = {row["id"]: row["status"] for row in data["results"]}
    assert statuses == {met.pk: "met", late.pk: "overdue"}
    assert "SECRET-EVIDENCE-TEXT" not in str(data)
    overdue = public.get("/api/v1/datasets/licence-conditions?status=overdue").json()
    assert [row["id"] for row in overdue["results"]] == [late.pk]


def test_the_page_makes_as_many_queries_for_one_condition_as_for_many(
    world: World, licence: Licence
) -> None:
    client = signed_in(world.officer)
    usage_report(world, licence)
    with CaptureQueriesContext(connection) as one:
        assert client.get(url(licence)).status_code == 200
    for days in (40, 50, 60):
        usage_report(world, licence, days=days)
    with CaptureQueriesContext(connection) as four:
        assert client.get(url(licence)).status_code == 200
    assert len(four) == len(one)
