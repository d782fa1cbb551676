"""`oversight demo` gives a city's oversight board three proposals at different stages,
chained to the known transfer that let the approved technology in."""

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from oversight.accounts.tests import test_demo_twice
from oversight.procurement.models import Proposal

pytestmark = pytest.mark.django_db
small_data = test_demo_twice.small_data  # the shipped data, cut short


@pytest.mark.usefixtures("small_data")
def test_the_demo_has_three_proposals_and_a_chain(settings: Any, tmp_path: Path) -> None:
    settings.DEMO = True
    settings.VAR_DIR = tmp_path
    call_command("demo", stdout=StringIO())
    statuses = dict(Proposal.objects.values_list("technology__slug", "status"))
    assert statuses == {
        "stingray": "approved_with_conditions",
        "predator": "rejected",
        "ufed": "consultation",
    }
    approved = Proposal.objects.get(technology__slug="stingray")
    assert approved.holding is not None
    holding = approved.holding
    assert holding.status == "in_use" and holding.reports.count() == 1
    assert holding.policies.filter(status="approved").count() == 1
    page = Client().get(f"/procurement/inventory/{holding.chain}/").content.decode()
    assert "demo-stingray-to-demo-police-agency" in page
    assert Client().get("/transfers/demo-stingray-to-demo-police-agency/").status_code == 200
    assert "overdue" not in page.lower()
    city = approved.body.jurisdiction
    assert (city.code, city.kind, city.parent_id) == ("GB-DMC", "city", "GB")
