"""Public traces of private audit entries carry neither the time nor the kind of action."""

from datetime import timedelta

import pytest
from django.test import Client

from oversight.core import audit
from oversight.portal.tests.clock import clock, midnight, yesterday

pytestmark = pytest.mark.django_db


def test_it_shows_a_complaint_entry_only_as_restricted_on_its_day() -> None:
    with yesterday(9.5):
        public = audit.record("registry.transfer.created", reasons=["import"])
    with yesterday(15.25):
        private = audit.record("grievances.report_received")
    page = Client().get("/transparency/log/").content.decode()
    assert "registry.transfer.created" not in page  # its day had a complaint
    assert "grievances.report_received" not in page
    for entry in (public, private):
        row = page[page.index(f'<th scope="row">{entry.seq}</th>') :].split("</tr>")[0]
        assert "restricted" in row and entry.at.strftime("%H:%M") not in row
    entry = Client().get(f"/api/v1/transparency/log/entries/{private.seq}").json()
    assert entry["action"] == "restricted"
    assert entry["hash"] == private.hash
    assert entry["time"].endswith("T00:00:00Z") or entry["time"].endswith("T00:00:00+00:00")


def test_it_shows_the_kind_of_ordinary_entries_on_a_day_without_complaints() -> None:
    with clock(midnight() - timedelta(days=2, hours=-7)):
        audit.record("grievances.report_received")
    with yesterday(7):
        entry = audit.record("registry.transfer.created")
    data = Client().get(f"/api/v1/transparency/log/entries/{entry.seq}").json()
    assert data["action"] == "registry.transfer.created"
    assert data["time"].endswith("T00:00:00Z")
