"""Password reset by email (console backend in the demo) and change; both audited."""

import re

import pytest
from django.core import mail
from django.test import Client

from oversight.accounts.models import Role, User
from oversight.accounts.tests.helpers import actions_logged, make_user, sign_in

pytestmark = pytest.mark.usefixtures("world")
NEW = "a brand new long passphrase"


def test_it_mails_a_reset_link_that_sets_the_password(client: Client) -> None:
    make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    response = client.post("/accounts/password/reset/", {"email": "officer@example.org"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", str(mail.outbox[0].body))
    assert link is not None
    form_url = client.get(link.group(1))["Location"]
    response = client.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert response["Location"] == "/accounts/password/reset/complete/"
    assert User.objects.get(username="officer").check_password(NEW)
    assert "accounts.password_changed" in actions_logged()
    assert NEW not in str(actions_logged())


def test_it_sends_nothing_for_an_unknown_address_and_says_the_same(client: Client) -> None:
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_it_changes_the_password_of_a_verified_user(client: Client) -> None:
    officer = make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    assert client.get("/accounts/password/change/").status_code == 302
    sign_in(client, officer)
    response = client.post(
        "/accounts/password/change/",
        {
            "old_password": "correct horse battery staple",
            "new_password1": NEW,
            "new_password2": NEW,
        },
    )
    assert response["Location"] == "/accounts/password/change/done/"
    assert client.get("/staff/").status_code == 200  # still signed in, still verified
    assert actions_logged()[-1] == "accounts.password_changed"
