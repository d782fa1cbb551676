"""The public side: yearly counts only, small ones withheld, nothing before a year is over."""

import csv
import io
from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from oversight.core import jobs
from oversight.core.models import AuditEntry
from oversight.portal import transparency
from oversight.vulnerabilities import actions
from oversight.vulnerabilities.models import YearStatistics

pytestmark = pytest.mark.django_db
NOW = date(2026, 6, 1)


def _body(response: Any) -> str:
    return b"".join(response.streaming_content).decode()


def test_it_publishes_counts_of_past_years_only(year_2025: None, client: Client) -> None:
    with time_machine.travel(NOW, tick=False):
        assert actions.publish_statistics() == 1
        assert actions.publish_statistics() == 0  # nothing changed: nothing written
    row = YearStatistics.objects.get()
    assert (row.key, row.recorded, row.disclosed, row.restricted) == ("GB-2025", 11, 6, 5)
    assert str(row.median_days_to_disclosure) == "10.0" and str(row.share_disclosed) == "54.5"
    page = client.get("/vulnerability-statistics/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "GB-2025" in text and "Example Mail" not in text and "Example Brokers" not in text
    record = client.get("/vulnerability-statistics/GB-2025/")
    assert record.status_code == 200 and "54.5" in record.content.decode()
    api = client.get("/api/v1/datasets/vulnerability-statistics").json()
    assert api["count"] == 1 and api["results"][0]["restricted"] == 5
    assert set(api["results"][0]) >= {"share_disclosed", "restrictions_past_review"}
    download = client.get("/vulnerability-statistics/", {"format": "csv"})
    body = _body(download)
    [row_2025] = list(csv.DictReader(io.StringIO(body)))
    assert (row_2025["disclosed"], row_2025["restricted"]) == ("6", "5")
    assert "Example" not in body and "X-" not in body and "P-1" not in body


def test_it_counts_restrictions_past_review_as_the_days_pass(year_2025: None) -> None:
    with time_machine.travel(NOW, tick=False):
        actions.publish_statistics()
    assert YearStatistics.objects.get().restrictions_past_review == 0
    with time_machine.travel(date(2026, 9, 2), tick=False):
        assert actions.publish_statistics() == 1  # the daily job, with no one acting
    row = YearStatistics.objects.get()
    assert (row.restrictions_past_review, row.as_of) == (5, date(2026, 9, 2))
    published = AuditEntry.objects.filter(action="vulnerabilities.statistics.published")
    assert published.last().changes["restrictions_past_review"] == [0, 5]  # type: ignore[union-attr]


def test_it_keeps_the_registers_audit_entries_private_in_the_public_log(
    year_2025: None, client: Client
) -> None:
    entries = AuditEntry.objects.filter(action__startswith="vulnerabilities.")
    assert entries.count() == 13 + 12
    last = entries.last()
    assert last is not None and last.action == "vulnerabilities.vulnerability.recorded"
    rows = entries.values_list(*transparency.PUBLIC_ENTRY_FIELDS)
    shown = {entry["action"] for entry in transparency.public_entries(list(rows))}
    assert shown == {transparency.RESTRICTED}


def test_it_publishes_through_the_daily_job(year_2025: None) -> None:
    job = jobs.get("vulnerabilities.publish_statistics")
    assert job is not None and job.every == timedelta(days=1)
    with time_machine.travel(NOW, tick=False):
        assert job.run(timezone.now()) == {"years_changed": 1}
        assert job.run(timezone.now()) == {"years_changed": 0}
