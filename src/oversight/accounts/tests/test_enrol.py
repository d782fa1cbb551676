"""First sign-in of a role holder without an authenticator: enrol, confirm, backup codes."""

from base64 import b32encode

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from oversight.accounts.models import LoginThrottle, Role
from oversight.accounts.tests.helpers import PASSWORD, actions_logged, code_for, make_user

pytestmark = pytest.mark.usefixtures("world")


def _start(client: Client) -> None:
    response = client.post("/accounts/login/", {"username": "newbie", "password": PASSWORD})
    assert response["Location"] == "/accounts/login/enrol/"


def test_it_shows_the_secret_and_an_inline_qr_code(client: Client) -> None:
    make_user("newbie", Role.ANALYST, authenticator=False)
    _start(client)
    page = client.get("/accounts/login/enrol/").content.decode()
    device = TOTPDevice.objects.get(user__username="newbie", confirmed=False)
    secret = b32encode(device.bin_key).decode()
    assert secret[:4] + " " + secret[4:8] in page
    assert "<svg" in page and "<title>" in page
    assert "<script" not in page and "http://" not in page.split("<svg", 1)[1].split("</svg>")[0]


def test_it_confirms_with_a_code_and_shows_backup_codes_once(client: Client) -> None:
    newbie = make_user("newbie", Role.ANALYST, authenticator=False)
    _start(client)
    client.get("/accounts/login/enrol/")
    device = TOTPDevice.objects.get(user=newbie, confirmed=False)
    code = f"{totp(device.bin_key):06d}"
    response = client.post("/accounts/login/enrol/", {"code": code})
    assert response.status_code == 200
    codes = list(StaticToken.objects.filter(device__user=newbie).values_list("token", flat=True))
    assert len(codes) == 10 and all(c in response.content.decode() for c in codes)
    assert TOTPDevice.objects.get(user=newbie).confirmed
    assert client.get("/staff/").status_code == 200
    assert "accounts.totp_enrolled" in actions_logged()
    assert codes[0] not in str(actions_logged())


def test_it_refuses_a_wrong_enrolment_code_and_counts_it(client: Client) -> None:
    make_user("newbie", Role.ANALYST, authenticator=False)
    _start(client)
    client.get("/accounts/login/enrol/")
    response = client.post("/accounts/login/enrol/", {"code": "12345"})
    assert response.status_code == 200 and "code" in response.context["form"].errors
    device = TOTPDevice.objects.get(user__username="newbie")
    wrong = f"{(totp(device.bin_key) + 1) % 1_000_000:06d}"
    client.post("/accounts/login/enrol/", {"code": wrong})
    assert not TOTPDevice.objects.get(user__username="newbie").confirmed
    assert LoginThrottle.objects.get(username="newbie").failures == 1


def test_it_never_offers_enrolment_to_a_user_with_an_authenticator(client: Client) -> None:
    officer = make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})
    assert client.get("/accounts/login/enrol/")["Location"] == "/accounts/login/verify/"
    assert TOTPDevice.objects.filter(user=officer).count() == 1
    assert code_for(officer)


def test_it_needs_the_password_step_first(client: Client) -> None:
    make_user("newbie", Role.ANALYST, authenticator=False)
    assert client.get("/accounts/login/enrol/")["Location"] == "/accounts/login/"
    assert client.get("/accounts/login/verify/")["Location"] == "/accounts/login/"
