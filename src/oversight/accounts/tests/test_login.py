"""Two-step sign-in: password, then a code; one generic error; logout by POST."""

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from oversight.accounts import actions
from oversight.accounts.access import is_verified
from oversight.accounts.models import Role
from oversight.accounts.tests.helpers import (
    PASSWORD,
    Clock,
    actions_logged,
    code_for,
    make_user,
    sign_in,
)
from oversight.accounts.views.login import GENERIC_ERROR
from oversight.core.models import AuditEntry

pytestmark = pytest.mark.usefixtures("world")
GENERIC = str(GENERIC_ERROR)


def test_it_signs_in_with_password_then_code(client: Client) -> None:
    officer = make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    response = client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})
    assert response["Location"] == "/accounts/login/verify/"
    assert client.get("/staff/").status_code == 302  # not signed in between the steps
    response = client.post("/accounts/login/verify/", {"code": code_for(officer)})
    assert response["Location"] == "/staff/"
    page = client.get("/staff/")
    assert page.status_code == 200
    assert is_verified(page.wsgi_request.user)


def test_it_gives_one_generic_error_for_unknown_user_and_wrong_password(client: Client) -> None:
    make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    wrong = client.post("/accounts/login/", {"username": "officer", "password": "nope"})
    unknown = client.post("/accounts/login/", {"username": "nobody", "password": "nope"})
    assert wrong.status_code == unknown.status_code == 200
    for response in (wrong, unknown):
        errors = response.context["form"].errors.as_data()
        assert list(errors) == ["__all__"]
        assert [str(e.message) for e in errors["__all__"]] == [GENERIC]


def test_it_refuses_a_wrong_code_with_the_generic_error(client: Client) -> None:
    officer = make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})
    wrong = "000000" if code_for(officer) != "000000" else "111111"
    response = client.post("/accounts/login/verify/", {"code": wrong})
    assert response.status_code == 200
    assert GENERIC in response.content.decode()
    assert client.get("/staff/").status_code == 302


def test_it_accepts_a_backup_code_once_and_audits_it(client: Client) -> None:
    officer = make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    device = StaticDevice.objects.create(user=officer, name="backup", confirmed=True)
    StaticToken.objects.create(device=device, token="abcd2345")
    client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})
    response = client.post("/accounts/login/verify/", {"code": "ABCD 2345"})
    assert response["Location"] == "/staff/"
    assert "accounts.backup_code_used" in actions_logged()
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})
    again = client.post("/accounts/login/verify/", {"code": "abcd2345"})
    assert again.status_code == 200 and GENERIC in again.content.decode()


def test_it_forgets_the_password_step_after_five_minutes(client: Client, clock: Clock) -> None:
    officer = make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})
    clock.advance(minutes=6)
    response = client.post("/accounts/login/verify/", {"code": code_for(officer)})
    assert response["Location"] == "/accounts/login/"


def test_it_follows_a_local_next_but_not_another_host(client: Client) -> None:
    officer = make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    for target, expected in [
        ("/staff/account/", "/staff/account/"),
        ("https://evil.example/", "/staff/"),
    ]:
        client.post(
            "/accounts/login/", {"username": "officer", "password": PASSWORD, "next": target}
        )
        response = client.post("/accounts/login/verify/", {"code": code_for(officer)})
        assert response["Location"] == expected
        client.post("/accounts/logout/")


def test_it_refuses_inactive_users_generically(client: Client) -> None:
    officer = make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    officer.is_active = False
    officer.save(update_fields=["is_active"])
    response = client.post("/accounts/login/", {"username": "officer", "password": PASSWORD})
    assert GENERIC in response.content.decode()


def test_it_logs_out_only_by_post(client: Client) -> None:
    officer = make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    sign_in(client, officer)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.get("/staff/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/staff/").status_code == 302


def test_it_renders_the_form_with_labels(client: Client) -> None:
    page = client.get("/accounts/login/").content.decode()
    assert '<label for="id_username">' in page and '<label for="id_password">' in page
    assert "<script" not in page and "style=" not in page


def test_it_writes_no_secret_to_the_audit_log(client: Client) -> None:
    officer = make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    sign_in(client, officer)
    _row, token = actions.issue_token(officer, "cli")
    dumped = str(list(AuditEntry.objects.values()))
    assert PASSWORD not in dumped and token not in dumped
