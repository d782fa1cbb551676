"""Sign-in lockout per username *and device*, so that nobody can lock a handler out.

Anyone can type a handler's username and fail five times. Those failures lock only
the "unknown devices" of that name: the handler's own browser, which signed in
before and holds a device cookie, keeps its own count. And even an unknown device
signs in with the right password and a valid authenticator code once the lock has
stood for the cooling-off period (OWASP "device cookies", with a second-factor way out).
"""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from oversight.accounts import throttle
from oversight.accounts.models import LoginThrottle, Role, User
from oversight.accounts.tests.helpers import PASSWORD, Clock, code_for, make_user, sign_in
from oversight.accounts.views.login import GENERIC_ERROR

pytestmark = pytest.mark.usefixtures("world")
LOGIN = "/accounts/login/"


@pytest.fixture
def officer(clock: Clock) -> User:
    return make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")


def _fail(client: Client, times: int, username: str = "officer") -> None:
    for _ in range(times):
        client.post(LOGIN, {"username": username, "password": "wrong"})


def _password_step(client: Client) -> str:
    response = client.post(LOGIN, {"username": "officer", "password": PASSWORD})
    return "ok" if response.status_code == 302 else "refused"


def test_it_remembers_the_device_after_a_full_sign_in(officer: User) -> None:
    client = Client()
    sign_in(client, officer)
    cookie = client.cookies[throttle.DEVICE_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/"
    assert "officer" not in cookie.value  # the cookie does not name its user


def test_an_attacker_cannot_lock_the_handler_out_of_their_own_device(
    officer: User, clock: Clock
) -> None:
    mine = Client()
    sign_in(mine, officer)
    mine.post("/accounts/logout/")
    _fail(Client(), 20)  # someone else, anywhere
    assert _password_step(Client()) == "refused"  # unknown devices are locked …
    sign_in(mine, officer)  # … the handler's own is not


def test_failures_on_a_known_device_lock_that_device_only(officer: User, clock: Clock) -> None:
    mine = Client()
    sign_in(mine, officer)
    mine.post("/accounts/logout/")
    _fail(mine, 5)
    assert _password_step(mine) == "refused"
    assert _password_step(Client()) == "ok"


def test_a_device_cookie_counts_only_for_its_own_user(officer: User, clock: Clock) -> None:
    other = make_user("other", Role.LICENSING_OFFICER, jurisdiction="GB")
    theirs = Client()
    sign_in(theirs, other)
    _fail(Client(), 5)  # unknown devices of "officer" are locked
    assert _password_step(theirs) == "refused"  # other's device is unknown for officer


def _override(client: Client, user: User, password: str = PASSWORD, code: str = "") -> Any:
    data = {"username": user.username, "password": password, "code": code or code_for(user)}
    return client.post(LOGIN, data)


def test_the_right_password_and_code_sign_in_after_the_cooling_off(
    officer: User, clock: Clock, settings: Any
) -> None:
    attacker = Client()
    _fail(attacker, 5)
    refused = _override(Client(), officer)  # too early: the lock holds for everyone
    assert refused.status_code == 200 and str(GENERIC_ERROR) in refused.content.decode()
    for _ in range(6):  # the attacker keeps renewing the lock as soon as it ends
        clock.advance(seconds=settings.LOGIN_COOLING_OFF_SECONDS / 6 + 1)
        _fail(attacker, 1)
    assert throttle.is_locked("officer")
    response = _override(Client(), officer)
    assert response.status_code == 302 and response["Location"] == "/staff/"
    assert not LoginThrottle.objects.filter(username="officer", device="").exists()


def test_the_way_out_needs_both_factors_and_says_nothing_else(
    officer: User, clock: Clock, settings: Any
) -> None:
    _fail(Client(), 5)
    clock.advance(seconds=settings.LOGIN_COOLING_OFF_SECONDS + 1)
    wrong = "000000" if code_for(officer) != "000000" else "111111"
    answers = [
        _override(Client(), officer, password="wrong"),
        _override(Client(), officer, code=wrong),
        Client().post(LOGIN, {"username": "officer", "password": PASSWORD}),  # no code
    ]
    for response in answers:
        assert response.status_code == 200
        assert str(GENERIC_ERROR) in response.content.decode()
    assert throttle.is_locked("officer")
    assert _override(Client(), officer).status_code == 302


def test_the_cooling_off_starts_at_the_first_lock_not_the_latest(
    officer: User, clock: Clock, settings: Any
) -> None:
    attacker = Client()
    _fail(attacker, 5)
    first = LoginThrottle.objects.get(username="officer", device="").locked_since
    clock.advance(minutes=1, seconds=1)
    _fail(attacker, 1)  # a new, longer lock
    row = LoginThrottle.objects.get(username="officer", device="")
    assert row.locked_since == first
    assert row.locked_until == clock.now + timedelta(minutes=2)
