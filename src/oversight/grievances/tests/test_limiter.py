"""Flood limits that nobody can turn against other complainants.

Receipts have 83 bits: guessing one online is hopeless, so the limits guard the
server against floods (each check costs an Argon2id hash), not against guessing.
They are site-wide ceilings counted in the database, shared by every worker process,
and know nothing of the client: behind a proxy or on Tor, one complainant's mistakes
or an attacker's flood never make another complainant's right receipt wait.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client

from oversight.grievances import crypto, limiter
from oversight.grievances.models import Report
from oversight.grievances.tests.conftest import World
from oversight.grievances.tests.helpers import open_status, receipt_of, submit

WRONG = "11111 22222 33333 44444 55555"
EXIT = "203.0.113.9"  # one address for many people: a proxy, a Tor exit


def _shared() -> Client:
    return Client(REMOTE_ADDR=EXIT, HTTP_X_FORWARDED_FOR=EXIT)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000_020.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(limiter, "clock", fake, raising=False)
    return fake


@pytest.fixture
def argon2_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = crypto.receipt_material

    def counted(receipt: str, salt: bytes) -> tuple[bytes, bytes]:
        calls.append(receipt)
        return real(receipt, salt)

    monkeypatch.setattr(crypto, "receipt_material", counted)
    return calls


def test_others_mistakes_behind_one_address_never_delay_a_right_receipt(
    world: World, clock: FakeClock
) -> None:
    receipt = receipt_of(submit(_shared()))
    stranger = _shared()
    for _ in range(12):
        assert open_status(stranger, WRONG).status_code == 400
    mine = open_status(_shared(), receipt)
    assert mine.status_code == 200, mine.content.decode()[-800:]


def test_the_site_wide_ceiling_stops_a_flood_before_any_argon2_work(
    world: World, clock: FakeClock, settings: Any, argon2_calls: list[str]
) -> None:
    settings.GRIEVANCE_RECEIPT_CHECKS_PER_MINUTE = 3
    receipt = receipt_of(submit(Client()))
    argon2_calls.clear()
    for _ in range(3):  # from three "different" clients: the ceiling is site-wide
        assert open_status(Client(), WRONG).status_code == 400
    busy = open_status(Client(), receipt)
    assert busy.status_code == 429
    assert "Many people are opening reports right now" in busy.content.decode()
    assert len(argon2_calls) == 3  # the fourth was refused before hashing
    clock.now += 60  # a new minute, a new budget
    assert open_status(Client(), receipt).status_code == 200


def test_the_ceiling_of_reports_is_site_wide_and_loses_nothing_accepted(
    world: World, clock: FakeClock, settings: Any
) -> None:
    settings.GRIEVANCE_REPORTS_PER_MINUTE = 5
    answers = [submit(Client(), what_happened=f"words-{i}") for i in range(7)]
    assert [answer.status_code for answer in answers] == [200] * 5 + [429, 429]
    assert "words-6" in answers[6].content.decode()  # refused, but the words are kept
    assert Report.objects.count() == 5
    clock.now += 60
    assert submit(Client(), what_happened="later").status_code == 200


def test_the_counts_live_in_the_database_for_every_worker(world: World, clock: FakeClock) -> None:
    open_status(_shared(), WRONG)
    cache = caches[limiter.CACHE]
    assert type(cache).__name__ == "DatabaseCache"  # shared by worker processes
    table = cache._table  # type: ignore[attr-defined]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key, value FROM {table}")  # noqa: S608 - our own name
        rows = cursor.fetchall()
    assert rows, "nothing counted in the database"
    for key, value in rows:
        assert EXIT not in key + str(value)  # no client, not even hashed


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # as test_privacy
def test_the_ceiling_holds_exactly_under_concurrent_workers(settings: Any) -> None:
    """Eight threads (each with its own database connection, as worker processes have)
    race for a budget of ten: exactly ten uses are granted."""
    settings.GRIEVANCE_RECEIPT_CHECKS_PER_MINUTE = 10
    limiter.receipts.reset()
    start = threading.Barrier(8)

    def worker() -> list[bool]:
        try:
            start.wait()
            return [limiter.receipts.allow() for _ in range(4)]
        finally:
            connection.close()

    with ThreadPoolExecutor(8) as pool:
        granted = [ok for result in pool.map(lambda _: worker(), range(8)) for ok in result]
    assert granted.count(True) == 10
    limiter.receipts.reset()
