"""The handler's dashboard opens with what waits: reports to read, messages unanswered,
replies overdue. Counts and dates only, and only for the handler's own channels."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from oversight.accounts.tests.helpers import signed_in
from oversight.accounts.tests.helpers import waiting as dashboard_waiting
from oversight.grievances.models import Report
from oversight.grievances.tests.conftest import World
from oversight.grievances.tests.helpers import handler_client, open_status, receipt_of, submit

pytestmark = pytest.mark.django_db
SECRET = "words-only-the-report-holds"


def waiting(client: Client) -> dict[str, int]:
    assert SECRET not in client.get("/staff/").content.decode()  # counts only, never words
    return dashboard_waiting(client)


def test_it_shows_the_handler_what_waits_and_the_outsider_nothing(world: World) -> None:
    handler_client(world.handler)
    receipt = receipt_of(submit(Client(), what_happened=SECRET))
    report = Report.objects.get()
    client = handler_client(world.handler)
    assert waiting(client) == {"Reports to read and triage": 1}

    base = f"/staff/grievances/{report.reference}"
    client.post(f"{base}/triage/", {"decision": "admissible"})
    client.post(f"{base}/message/", {"text": "We are looking into it."})
    assert waiting(client) == {}
    open_status(Client(), receipt, action="reply", message="Here is more.")
    assert waiting(client) == {"Messages from complainants not yet answered": 1}

    with time_machine.travel(report.due_at + timedelta(days=1), tick=False):
        late = waiting(handler_client(world.handler))
    assert late["Replies overdue"] == 1
    assert timezone.now() < report.due_at  # the clock came back

    assert waiting(signed_in(world.outsider)) == {}  # another channel's handler
