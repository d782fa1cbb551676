"""The hostile-files corpus through the anonymous form: each refused or cleaned, no report lost."""

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from oversight.core.tests.hostile import SAFE_SUFFIXES, corpus
from oversight.grievances.models import Report
from oversight.grievances.tests.conftest import World
from oversight.grievances.tests.helpers import handler_client, receipt_of, submit, token_of

WORDS = "A van parked outside our office every night of the campaign."


def _report_despite(client: Client, response: Any, name: str, settings: Any) -> Any:
    """A refused file: the words come back with the file named, and send without it."""
    html = response.content.decode()
    assert response.status_code == 400, html[:2000]
    assert WORDS in html and f"“{name}”" in html
    assert not Report.objects.exists()
    assert not [p for p in settings.GRIEVANCE_FILES_DIR.rglob("*") if p.is_file()]
    fields = {"form_token": token_of(response), "what_happened": WORDS, "contact": "receipt"}
    return client.post("/report/", fields)


@pytest.mark.parametrize("name", sorted(corpus()))
def test_no_hostile_file_costs_a_report(world: World, settings: Any, name: str) -> None:
    hostile = corpus()[name]
    handler_client(world.handler)
    client = Client()
    upload = SimpleUploadedFile(hostile.name, hostile.data)
    response = submit(client, what_happened=WORDS, evidence=[upload])
    if hostile.refused:
        response = _report_despite(client, response, hostile.name, settings)
    assert receipt_of(response)
    report = Report.objects.get()
    assert report.files.count() == (0 if hostile.refused else 1)
    staff = handler_client(world.handler)
    for row in report.files.all():
        download = staff.get(f"/staff/grievances/{report.reference}/files/{row.pk}/")
        data = b"".join(download.streaming_content)  # type: ignore[attr-defined]
        assert [token for token in hostile.absent if token in data] == []
        filename = re.search(r'filename="([^"]+)"', download["Content-Disposition"])
        assert filename and filename.group(1).endswith(SAFE_SUFFIXES)
        assert download["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in download["Content-Security-Policy"]
