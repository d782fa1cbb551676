"""Sessions end after SESSION_COOKIE_AGE of inactivity; activity renews them."""

import pytest
from django.conf import settings
from django.test import Client

from oversight.accounts.models import Role
from oversight.accounts.tests.helpers import Clock, make_user, sign_in

pytestmark = pytest.mark.usefixtures("world")


def test_it_expires_an_idle_session(client: Client, clock: Clock) -> None:
    sign_in(client, make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB"))
    assert client.get("/staff/").status_code == 200
    clock.advance(seconds=settings.SESSION_COOKIE_AGE + 1)
    response = client.get("/staff/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_it_renews_an_active_session(client: Client, clock: Clock) -> None:
    sign_in(client, make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB"))
    for _ in range(3):
        clock.advance(seconds=settings.SESSION_COOKIE_AGE - 60)
        assert client.get("/staff/").status_code == 200
