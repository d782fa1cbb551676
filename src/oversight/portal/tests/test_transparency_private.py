"""Public traces of private audit entries carry neither the time nor the kind of action."""

import pytest
from django.test import Client

from oversight.core import audit

pytestmark = pytest.mark.django_db


def test_it_shows_a_complaint_entry_only_as_restricted_on_its_day() -> None:
    public = audit.record("registry.transfer.created", reasons=["import"])
    private = audit.record("grievances.report_received")
    page = Client().get("/transparency/log/").content.decode()
    assert "registry.transfer.created" in page
    assert "grievances.report_received" not in page
    row = page[page.index(f'<th scope="row">{private.seq}</th>') :].split("</tr>")[0]
    assert "restricted" in row and private.at.strftime("%H:%M:%S") not in row
    assert public.at.strftime("%H:%M:%S") in page
    entry = Client().get(f"/api/v1/transparency/log/entries/{private.seq}").json()
    assert entry["action"] == "restricted"
    assert entry["hash"] == private.hash
    assert entry["time"].endswith("T00:00:00Z") or entry["time"].endswith("T00:00:00+00:00")


def test_it_shows_ordinary_entries_in_full() -> None:
    entry = audit.record("registry.transfer.created")
    data = Client().get(f"/api/v1/transparency/log/entries/{entry.seq}").json()
    assert data["action"] == "registry.transfer.created"
    assert not data["time"].endswith("T00:00:00Z")
