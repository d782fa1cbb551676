"""demo_vulnerabilities runs the real actions, and a second run writes nothing."""

from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from oversight.core import audit
from oversight.registry.demo_records import DEMO_CITY, DEMO_ORGANISATIONS
from oversight.registry.management.commands import demo
from oversight.registry.models import Jurisdiction, Organisation
from oversight.vulnerabilities.models import Status, Vulnerability, YearStatistics

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_users(db: None) -> None:
    """The demo's city, its police agency and the two demo users the command acts as."""
    Jurisdiction.objects.create(code=DEMO_CITY[0], **DEMO_CITY[1])
    slug, fields = next(item for item in DEMO_ORGANISATIONS if item[0] == "demo-agency")
    Organisation.objects.create(slug=slug, **fields)
    for spec in demo.DEMO_USERS:
        if spec.username in ("demo-agency", "demo-equities"):
            demo.ensure_user(spec)


@time_machine.travel(date(2026, 6, 1), tick=False)
def test_it_records_the_demo_register_once(demo_users: None, client: Client) -> None:
    call_command("demo_vulnerabilities", stdout=StringIO())
    first = audit.head()
    assert Vulnerability.objects.count() == 16
    assert Vulnerability.objects.filter(status=Status.AWAITING).count() == 1
    by_year = {row.year: row for row in YearStatistics.objects.all()}
    assert set(by_year) == {2024, 2025}  # this year is not published yet
    assert by_year[2024].recorded is None  # three: fewer than five
    assert (by_year[2025].recorded, by_year[2025].disclosed, by_year[2025].restricted) == (
        11,
        6,
        5,
    )
    page = client.get("/vulnerability-statistics/").content.decode()
    assert "Demo Phone OS" not in page and "Demo Exploit Brokers" not in page
    call_command("demo_vulnerabilities", stdout=StringIO())
    assert audit.head() == first
    assert audit.verify().ok
