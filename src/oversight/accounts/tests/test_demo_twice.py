"""`oversight demo` end to end, twice: the second run changes nothing anywhere."""

import re
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from oversight.core import audit
from oversight.core.models import AuditEntry
from oversight.registry.management.commands import demo_registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped files, with the UK licences cut to 300 rows to keep the test quick."""
    for _kind, name in demo_registry.SHIPPED:
        shutil.copy(demo_registry.DATA_DIR / name, tmp_path / name)
    uk = tmp_path / "uk-licences-surveillance.csv"
    uk.write_text("".join(uk.read_text().splitlines(keepends=True)[:301]))
    monkeypatch.setattr(demo_registry, "DATA_DIR", tmp_path)
    return tmp_path


def test_it_runs_twice_without_writing_anything_the_second_time(
    settings: Any, small_data: Path, tmp_path: Path
) -> None:
    settings.DEMO = True
    settings.VAR_DIR = tmp_path  # the demo's escrow keys go under var/escrow/
    call_command("demo", stdout=StringIO())
    first = audit.head()
    # Imports append one entry per batch of rows (issue 16), the rest one per change.
    assert first.count > 100
    assert AuditEntry.objects.filter(action="import.batch").count() >= 3
    # The demo handlers' first unlock made the channels' keys: both take reports.
    assert Client().get("/report/").status_code == 200
    assert Client().get("/report/to/demo-exporter/").status_code == 200
    assert_whole_cycle()
    call_command("demo", stdout=StringIO())
    assert audit.head() == first
    assert audit.verify().ok


def assert_whole_cycle() -> None:
    """What the demo shows of a whole cycle, each step produced by the real actions."""
    from oversight.companies.models import MisuseReport
    from oversight.grievances.models import Report
    from oversight.licensing.models import Application, Licence
    from oversight.monitoring.models import Communication

    licence = Licence.objects.get(application__creation_key="demo-licensing-cycle")
    app = licence.application
    assert licence.status == "suspended"
    misuse = MisuseReport.objects.get(company=app.exporter, description__startswith="Demo:")
    assert misuse.status == "resolved" and misuse.resolution
    assert app.reviews.exists() and app.decisions.exists()
    decided = app.decisions.get().decided_on
    assert app.submitted_at is not None  # weeks apart, under a controlled clock:
    assert (decided - app.submitted_at.date()).days >= 20
    refused = Application.objects.get(creation_key="demo-licensing-refused")
    assert refused.status == "refused"
    assert list(refused.appeals.values_list("state", flat=True)) == ["dismissed"]
    assert Communication.objects.filter(reply_count=1, published_on__isnull=False).exists()
    grievance = Report.objects.get()
    assert (grievance.status, grievance.outcome) == ("closed", "resolved")
    assert grievance.remedied_at is not None and grievance.assignments.count() == 2
    home = Client().get("/").content.decode()
    for title in ("Export licences", "Consultations", "Communications"):
        after = home.split(f">{title}</a>", 1)[1]
        count = re.search(r'class="count">([\d,]+) record', after)
        assert count is not None and int(count.group(1).replace(",", "")) > 0, title
