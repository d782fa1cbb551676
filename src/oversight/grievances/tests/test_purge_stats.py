"""Retention really deletes; statistics count without content and hide small counts."""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from oversight.core import audit
from oversight.core.models import AuditEntry
from oversight.grievances import limiter, rules
from oversight.grievances.actions.retention import delete_files
from oversight.grievances.models import EvidenceFile, Report, Statistic
from oversight.grievances.tests.conftest import World
from oversight.grievances.tests.helpers import receipt_of, submit
from oversight.registry.models import Jurisdiction


def _stored_files(settings: Any) -> list[Path]:
    return [p for p in Path(settings.GRIEVANCE_FILES_DIR).rglob("*") if p.is_file()]


def test_it_purges_expired_reports_and_their_files(
    world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    for words in ("keep-me", "purge-me"):
        receipt_of(submit(Client(), what_happened=words,
                          evidence=[SimpleUploadedFile("a.txt", b"evidence")]))  # fmt: skip
    old, kept = Report.objects.order_by("pk")
    old.close_clock(timezone.now() - timedelta(days=400))
    old.status = "closed"
    old.save()
    assert len(_stored_files(settings)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        call_command("grievances", "purge")
    assert list(Report.objects.all()) == [kept]
    assert EvidenceFile.objects.count() == 1 and len(_stored_files(settings)) == 1
    entry = AuditEntry.objects.get(action="grievances.report_purged")
    assert entry.object_id == str(old.pk) and "purge-me" not in str(entry.changes)
    assert "retention of 365 days" in entry.reasons[0]
    assert audit.verify().ok


def test_it_removes_orphaned_uploads_after_a_day(world: World, settings: Any) -> None:
    orphan = Path(settings.GRIEVANCE_FILES_DIR) / "incoming" / "deadbeef"
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"ciphertext of an interrupted submit")
    os.utime(orphan, (0, 0))
    delete_files([], None)
    assert not orphan.exists()


def test_it_suppresses_small_counts_and_one_more() -> None:
    assert rules.suppress({"GB": 9, "DE": 2, "FR": 6, "US": 7}) == {
        "GB": 9, "DE": None, "FR": None, "US": 7,
    }  # fmt: skip
    assert rules.suppress({"GB": 9, "DE": 2, "FR": 1}) == {"GB": 9, "DE": None, "FR": None}
    assert rules.suppress({"GB": 9, "FR": 6}) == {"GB": 9, "FR": 6}


def test_it_publishes_statistics_without_content(world: World) -> None:
    for code, name in (("DE", "Germany"), ("FR", "France")):
        Jurisdiction.objects.get_or_create(code=code, defaults={"name": name})
    client = Client()
    for code, count in (("GB", 6), ("FR", 5), ("DE", 1)):
        for i in range(count):
            limiter.submissions.reset()  # this test is not about floods
            receipt_of(submit(client, what_happened=f"secret-{code}-{i}", country=code))
    call_command("grievances", "statistics")
    rows = {(s.dimension, s.value): s for s in Statistic.objects.all()}
    assert rows[("country", "GB")].reports == 6
    assert rows[("country", "DE")].suppressed and rows[("country", "DE")].reports is None
    assert rows[("country", "FR")].suppressed  # else DE = total - GB - FR
    assert rows[("status", "received")].reports == 12
    page = Client().get("/grievance-statistics/?dimension=country")
    assert page.status_code == 200
    html = page.content.decode()
    assert "United Kingdom" in html and "secret" not in html
    api = Client().get("/api/v1/datasets/grievance-statistics").json()
    assert "secret" not in str(api) and any(r.get("reports") == 6 for r in api["results"])
