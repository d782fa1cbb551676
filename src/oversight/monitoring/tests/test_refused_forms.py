"""A refused staff form comes back as typed, each reason beside its field, as a 400."""

import re

import pytest

from oversight.core.models import AuditEntry
from oversight.monitoring.models import Communication
from oversight.monitoring.tests.test_staff import _analyst

pytestmark = pytest.mark.usefixtures("registry", "world")


def test_it_keeps_a_backwards_window_as_typed() -> None:
    analyst = _analyst()
    before = AuditEntry.objects.count(), list(Communication.objects.values())
    response = analyst.post(
        "/staff/monitoring/report/publish/", {"start": "2026-03-31", "end": "2026-01-01"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert re.search(
        r'name="start"[^>]*value="2026-03-31"|value="2026-03-31"[^>]*name="start"', page
    )
    end = re.search(r'<p class="field">\s*<label for="id_end">.*?</p>', page, re.S)
    assert end is not None and 'value="2026-01-01"' in end.group(0)
    assert "is before its start" in end.group(0)  # beside the field
    assert "To: The end of the window" in page  # and in the summary
    assert (AuditEntry.objects.count(), list(Communication.objects.values())) == before
