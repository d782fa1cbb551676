"""Licence conditions through the API: set, evidenced, assessed; overdue opens a proposal
that the officer decides; the wrong person gets a 404; bad input a 422 naming the field."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from oversight.licensing.actions import conditions
from oversight.licensing.models import Licence, LicenceCondition, SuspensionProposal
from oversight.licensing.tests.helpers import World
from oversight.licensing.tests.test_api import Api
from oversight.licensing.tests.test_conditions import issue
from oversight.registry.models import Organisation

pytestmark = pytest.mark.django_db


def test_a_condition_end_to_end_through_the_api(world: World, clock: Any) -> None:
    licence = issue(world, clock)
    base = f"/api/v1/licensing/licences/{licence.number}"
    officer, holder = Api(world.officer), Api(world.member)
    due = (timezone.localdate() + timedelta(days=20)).isoformat()
    body = {"kind": "post_shipment_verification", "terms": "Visit site.", "evidence_due": due}
    for outsider in (world.officer_de, world.member_b, world.member):
        Api(outsider).post(f"{base}/conditions", body, status=404)
    bad = officer.post(f"{base}/conditions", {**body, "kind": "wish", "terms": ""}, status=422)
    assert set(bad["errors"]) == {"kind", "terms"}
    assert LicenceCondition.objects.count() == 0

    made = officer.post(f"{base}/conditions", body, status=201)
    assert (made["status"], made["kind"]) == ("pending", "post_shipment_verification")
    listed = holder.client.get(f"{base}/conditions").json()
    assert [row["id"] for row in listed] == [made["id"]]
    assert Api(world.member_b).client.get(f"{base}/conditions").status_code == 404

    path = f"{base}/conditions/{made['id']}"
    officer.post(f"{path}/evidence", {"evidence": "x"}, status=404)
    holder.post(f"{path}/evidence", {"evidence": "Report VR-1", "version": 99}, status=409)
    evidenced = holder.post(f"{path}/evidence", {"evidence": "Report VR-1", "version": 1})
    holder.post(f"{path}/assessment", {"met": True, "reasons": ["ok"]}, status=404)
    assessed = officer.post(
        f"{path}/assessment", {"met": False, "reasons": ["Not the site."], "version": 2}
    )
    assert (evidenced["status"], assessed["status"]) == ("submitted", "pending")


def test_the_officer_decides_an_overdue_proposal_through_the_api(world: World, clock: Any) -> None:
    licence = issue(world, clock)
    conditions.set_condition(
        licence,
        kind="audit",
        terms="An audit of the deployment.",
        evidence_due=timezone.localdate() + timedelta(days=1),
        auditor=_auditor(),
        actor=world.officer,
    )
    conditions.check_condition_deadlines(timezone.localdate() + timedelta(days=2))
    proposal = SuspensionProposal.objects.get()
    path = f"/api/v1/licensing/licences/{licence.number}/proposals/{proposal.pk}/decision"
    Api(world.member).post(path, {"suspend": True, "reasons": ["x"]}, status=404)
    refused = Api(world.officer).post(path, {"suspend": True, "reasons": []}, status=422)
    assert "reasons" in refused["errors"]
    done = Api(world.officer).post(path, {"suspend": False, "reasons": ["Audit booked."]})
    assert done["state"] == "declined"
    assert Licence.objects.get(pk=licence.pk).status == "active"


def _auditor() -> Organisation:
    return Organisation.objects.update_or_create(
        slug="demo-auditor", defaults={"name": "Demo Audit LLP", "kind": "auditor"}
    )[0]
