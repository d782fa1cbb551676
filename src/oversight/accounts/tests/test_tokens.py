"""API tokens: bearer auth on /api/v1/me, and the account page that issues and revokes them."""

import re

import pytest
from django.test import Client

from oversight.accounts import actions
from oversight.accounts.models import APIToken, Role
from oversight.accounts.tests.helpers import actions_logged, make_user, signed_in

pytestmark = pytest.mark.usefixtures("world")


def test_it_requires_a_token(client: Client) -> None:
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer ovt_nonsense").status_code == 401


def test_it_answers_with_the_user_and_roles_for_a_valid_token(client: Client) -> None:
    officer = make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    row, token = actions.issue_token(officer, "cli")
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert response.json() == {
        "username": "officer",
        "roles": [{"role": "licensing_officer", "jurisdiction": "GB", "organisation": None}],
    }
    row.refresh_from_db()
    assert row.last_used_at is not None
    assert row.digest != token and token not in str(APIToken.objects.values())


def test_it_refuses_a_revoked_token(client: Client) -> None:
    officer = make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    row, token = actions.issue_token(officer, "cli")
    actions.revoke_token(row)
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_it_refuses_the_token_of_a_deactivated_user(client: Client) -> None:
    officer = make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    _row, token = actions.issue_token(officer, "cli")
    officer.is_active = False
    officer.save(update_fields=["is_active"])
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_it_creates_a_token_shown_once_and_revokes_it_by_post() -> None:
    client = signed_in(make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB"))
    response = client.post("/staff/account/tokens/", {"name": "nightly import"})
    token = re.search(r"ovt_[A-Za-z0-9_-]{40,}", response.content.decode())
    assert token is not None
    assert token.group(0) not in client.get("/staff/account/").content.decode()
    assert "accounts.token_created" in actions_logged()
    row = APIToken.objects.get(name="nightly import")
    assert client.get(f"/staff/account/tokens/{row.pk}/revoke/").status_code == 405
    assert client.post(f"/staff/account/tokens/{row.pk}/revoke/").status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert actions_logged()[-1] == "accounts.token_revoked"


def test_it_rejects_a_nameless_token() -> None:
    client = signed_in(make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB"))
    response = client.post("/staff/account/tokens/", {"name": ""})
    assert response.status_code == 200 and "name" in response.context["form"].errors
    assert not APIToken.objects.exists()


def test_it_does_not_let_one_user_revoke_anothers_token() -> None:
    owner = make_user("owner", Role.ANALYST)
    row, _token = actions.issue_token(owner, "mine")
    thief = signed_in(make_user("thief", Role.ANALYST))
    assert thief.post(f"/staff/account/tokens/{row.pk}/revoke/").status_code == 404
    row.refresh_from_db()
    assert row.revoked_at is None
