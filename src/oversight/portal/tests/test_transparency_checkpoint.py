"""The public head is a daily checkpoint: nothing public narrows a complaint below its day.

A poller who reads the head, the entries or /healthz every second, or who knows the
exact time of an ordinary event from another public page, or who brute-forces an
entry's hash over the seconds of a day, must learn no more than the day a complaint
arrived.
"""

import re
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from oversight.core import audit, note, tlog
from oversight.core.models import GENESIS_HASH, AuditEntry
from oversight.portal.tests.clock import clock as _clock
from oversight.portal.tests.clock import midnight as _midnight

pytestmark = pytest.mark.django_db


def _yesterday_with_a_complaint() -> tuple[AuditEntry, AuditEntry, AuditEntry]:
    """An ordinary entry at 10:00 and a complaint at 14:32:07 yesterday; one entry today."""
    yesterday = _midnight() - timedelta(days=1)
    with _clock(yesterday + timedelta(hours=10)):
        ordinary = audit.record("registry.transfer.created")
    with _clock(yesterday + timedelta(hours=14, minutes=32, seconds=7)):
        complaint = audit.record("grievances.report_received", changes={"channel": "un"})
    today = audit.record("registry.transfer.created")
    return ordinary, complaint, today


def test_it_publishes_the_head_as_of_the_last_midnight_never_the_live_one() -> None:
    _, complaint, today = _yesterday_with_a_complaint()
    head = Client().get("/api/v1/transparency/log/head").json()
    assert head["count"] == 2 and head["hash"] == complaint.hash
    assert datetime.fromisoformat(head["time"].replace("Z", "+00:00")) == _midnight()
    assert head["origin"] and "updated_at" not in head
    page = Client().get("/transparency/log/").content.decode()
    assert f"2:{complaint.hash}" in page and today.hash not in page
    # The time the chain was last checked is now, not the time of any entry.
    page = re.sub(r'<p class="note">Checked at .*?</p>', "", page, flags=re.S)
    for moment in ("14:32", "10:00:00", today.at.strftime("%H:%M")):
        assert moment not in page, moment


def test_it_shows_no_entry_newer_than_the_checkpoint() -> None:
    *_, today = _yesterday_with_a_complaint()
    assert Client().get(f"/api/v1/transparency/log/entries/{today.seq}").status_code == 404
    assert "count" not in str(Client().get("/healthz").json())  # no live count to poll


def test_it_hides_the_kind_and_time_of_every_entry_on_a_day_with_a_complaint() -> None:
    ordinary, complaint, _ = _yesterday_with_a_complaint()
    for entry in (ordinary, complaint):
        data = Client().get(f"/api/v1/transparency/log/entries/{entry.seq}").json()
        assert data["action"] == "restricted" and data["hash"] == entry.hash
        assert datetime.fromisoformat(data["time"].replace("Z", "+00:00")) == _midnight() - (
            timedelta(days=1)
        )
    page = Client().get("/transparency/log/").content.decode()
    assert "registry.transfer.created" not in page and "grievances" not in page


def test_it_shows_the_kind_but_only_the_day_of_entries_on_a_quiet_day() -> None:
    with _clock(_midnight() - timedelta(hours=3, minutes=17)):
        entry = audit.record("registry.transfer.created")
    data = Client().get(f"/api/v1/transparency/log/entries/{entry.seq}").json()
    assert data["action"] == "registry.transfer.created"
    when = datetime.fromisoformat(data["time"].replace("Z", "+00:00"))
    assert when == _midnight() - timedelta(days=1)
    assert "20:43" not in Client().get("/transparency/log/").content.decode()


def test_it_salts_each_entry_so_its_time_cannot_be_found_from_its_hash() -> None:
    moment = _midnight() - timedelta(hours=5)
    with _clock(moment):
        first = audit.record("grievances.report_received", changes={"channel": "un"})
    # Everything but the salt is public or guessable: the hash must still not follow.
    guess = AuditEntry(**{f.attname: getattr(first, f.attname) for f in AuditEntry._meta.fields})
    guess.salt = ""
    assert audit.compute_hash(guess) != first.hash
    assert len(first.salt) >= 32 and audit.verify().ok


def test_it_never_lets_an_entry_time_go_back_when_the_clock_does() -> None:
    moment = _midnight() - timedelta(hours=2)
    with _clock(moment):
        first = audit.record("one")
    with _clock(moment - timedelta(hours=1)):
        second = audit.record("two")
    assert second.at == first.at and audit.verify().ok


def test_it_verifies_a_published_checkpoint_from_the_command_line() -> None:
    call_command("audit", "verify", "--expect", f"0:{GENESIS_HASH}", stdout=mock.Mock())
    _yesterday_with_a_complaint()
    checkpoint = audit.checkpoint()
    assert (checkpoint.count, checkpoint.time) == (2, _midnight())
    out = mock.Mock()
    recorded = f"{checkpoint.count}:{checkpoint.hash}"
    call_command("audit", "verify", "--expect", recorded, stdout=out)
    with pytest.raises(CommandError):
        call_command("audit", "verify", "--expect", f"2:{'1' * 64}", stdout=out)
    call_command("audit", "checkpoint", stdout=out)
    printed = out.write.call_args[0][0]
    # The signed note (c2sp.org/tlog-checkpoint): origin, count, Merkle root, signature.
    opened = note.open_note(printed, tlog.log_signer().verifier())
    assert note.parse_checkpoint(opened.text) == note.Checkpoint(
        checkpoint.origin, 2, tlog.tree_root(2)
    )


def test_it_shows_the_log_in_the_same_number_of_queries_however_long() -> None:
    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert Client().get("/transparency/log/").status_code == 200
        return len(captured)

    with _clock(_midnight() - timedelta(hours=20)):
        audit.record("grievances.report_received")
        audit.record("registry.transfer.created")
    few = queries()
    with _clock(_midnight() - timedelta(hours=4)):
        for _ in range(30):
            audit.record("registry.transfer.created")
    assert queries() == few
