"""Lockout per username with exponential backoff, same message, audited."""

from datetime import timedelta

import pytest
from django.test import Client

from oversight.accounts.models import LoginThrottle, Role
from oversight.accounts.rules import lock_duration
from oversight.accounts.tests.helpers import PASSWORD, Clock, actions_logged, code_for, make_user
from oversight.accounts.views.login import GENERIC_ERROR

pytestmark = pytest.mark.usefixtures("world")


def _fail(client: Client, times: int, username: str = "officer") -> None:
    for _ in range(times):
        client.post("/accounts/login/", {"username": username, "password": "wrong"})


def _try(client: Client) -> str:
    response = client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})
    return "ok" if response.status_code == 302 else "refused"


def test_it_doubles_the_lock_up_to_an_hour() -> None:
    assert [lock_duration(n, 5) for n in (1, 4)] == [None, None]
    assert [lock_duration(n, 5) for n in (5, 6, 7, 8)] == [
        timedelta(minutes=m) for m in (1, 2, 4, 8)
    ]
    assert lock_duration(11, 5) == timedelta(hours=1)
    assert lock_duration(500, 5) == timedelta(hours=1)


def test_it_locks_after_max_failures_with_the_same_message(
    client: Client, clock: Clock, settings: object
) -> None:
    make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    _fail(client, 4)
    assert _try(client) == "ok"  # below the threshold nothing is locked
    _fail(client, 1)  # the success above did not reset: only a full sign-in does
    _fail(client, 4)
    response = client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})
    assert response.status_code == 200
    assert str(GENERIC_ERROR) in response.content.decode()
    assert actions_logged().count("accounts.login_locked") == 1


def test_it_unlocks_after_a_minute_then_doubles(client: Client, clock: Clock) -> None:
    make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    _fail(client, 5)
    assert _try(client) == "refused"
    clock.advance(seconds=61)
    assert _try(client) == "ok"
    _fail(client, 1)  # sixth failure: two minutes
    row = LoginThrottle.objects.get(username="officer")
    assert row.failures == 6 and row.locked_until == clock.now + timedelta(minutes=2)
    clock.advance(seconds=90)
    assert _try(client) == "refused"
    clock.advance(seconds=31)
    assert _try(client) == "ok"


def test_it_counts_wrong_codes_and_resets_on_a_full_sign_in(client: Client, clock: Clock) -> None:
    officer = make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})
    wrong = "000000" if code_for(officer) != "000000" else "111111"
    for _ in range(5):
        client.post("/accounts/login/verify/", {"code": wrong})
    response = client.post("/accounts/login/verify/", {"code": code_for(officer)})
    assert response.status_code == 200  # locked: even the right code is refused
    clock.advance(minutes=1, seconds=1)
    client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})
    response = client.post("/accounts/login/verify/", {"code": code_for(officer)})
    assert response["Location"] == "/staff/"
    assert not LoginThrottle.objects.filter(username="officer").exists()


def test_it_locks_unknown_names_too_without_auditing_what_was_typed(client: Client) -> None:
    _fail(client, 5, username="hunter2-typed-in-the-wrong-box")
    assert LoginThrottle.objects.get(username="hunter2-typed-in-the-wrong-box").locked_until
    assert "accounts.login_locked" not in actions_logged()


def test_it_locks_whatever_the_case_of_the_username(client: Client) -> None:
    make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    _fail(client, 3, username="Officer")
    _fail(client, 2, username="OFFICER")
    assert _try(client) == "refused"
