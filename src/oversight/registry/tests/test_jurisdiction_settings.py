"""Administrators declare moratoria and record safeguards regimes, on the web and the API."""

import json
from typing import Any

import pytest
from django.test import Client

from oversight.accounts.actions import issue_token
from oversight.accounts.models import Role, User
from oversight.accounts.tests.helpers import make_user, signed_in
from oversight.core import audit
from oversight.core.models import AuditEntry
from oversight.registry.models import Jurisdiction

pytestmark = pytest.mark.django_db
URL = "/staff/jurisdictions/fr/"


@pytest.fixture(autouse=True)
def _no_device_throttle(settings: Any) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def admin() -> User:
    return make_user("ada", Role.ADMINISTRATOR)


@pytest.fixture
def officer() -> User:
    return make_user("olga", Role.LICENSING_OFFICER, jurisdiction="FR")


def _moratorium(**overrides: str) -> dict[str, Any]:
    data = {
        "form": "moratorium",
        "moratorium-in_force": "on",
        "moratorium-since": "2026-03-01",
        "moratorium-scope": ["export", "use"],
        "moratorium-reference": "https://example.org/decree-12",
        "moratorium-reasons": "Decree 12 of 1 March 2026\nParliament's resolution",
    }
    data.update(overrides)
    return data


def test_it_declares_a_moratorium_with_reasons_in_the_audit_log(admin: User) -> None:
    response = signed_in(admin).post(URL, _moratorium())
    assert response.status_code == 302
    france = Jurisdiction.objects.get(code="FR")
    assert france.moratorium_in_force and france.moratorium_scope == ["export", "use"]
    assert france.moratorium_facts().bites
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry is not None and entry.actor_label == "ada"
    assert entry.reasons == ["Decree 12 of 1 March 2026", "Parliament's resolution"]
    assert entry.changes["moratorium_in_force"] == [False, True]
    assert audit.verify().ok


def test_the_public_page_shows_the_moratorium(admin: User) -> None:
    signed_in(admin).post(URL, _moratorium())
    page = Client().get("/jurisdictions/FR/").content.decode()
    assert "2026-03-01" in page or "1 March 2026" in page or "March 1, 2026" in page


def test_it_refuses_a_moratorium_without_a_date_naming_the_field(admin: User) -> None:
    before = AuditEntry.objects.count()
    response = signed_in(admin).post(URL, _moratorium(**{"moratorium-since": ""}))
    assert response.status_code == 400
    assert "needs the date it took effect" in response.content.decode()
    assert not Jurisdiction.objects.get(code="FR").moratorium_in_force
    assert AuditEntry.objects.count() == before


def test_it_refuses_a_change_without_reasons(admin: User) -> None:
    response = signed_in(admin).post(URL, _moratorium(**{"moratorium-reasons": ""}))
    assert response.status_code == 400
    assert not Jurisdiction.objects.get(code="FR").moratorium_in_force


def test_a_certified_regime_needs_evidence(admin: User) -> None:
    data = {"form": "safeguards", "safeguards-status": "certified", "safeguards-reasons": "x"}
    response = signed_in(admin).post(URL, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "date of certification" in page and "link to the evidence" in page
    assert Jurisdiction.objects.get(code="FR").safeguards_status == "none"


def test_a_licensing_officer_may_not_change_settings(officer: User) -> None:
    client = signed_in(officer)
    assert client.get(URL).status_code == 403
    assert client.post(URL, _moratorium()).status_code == 403
    assert not Jurisdiction.objects.get(code="FR").moratorium_in_force


def test_an_anonymous_visitor_is_sent_to_sign_in() -> None:
    response = Client().post(URL, _moratorium())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Jurisdiction.objects.get(code="FR").moratorium_in_force


def _put(user: User, path: str, body: dict[str, Any]) -> Any:
    _row, token = issue_token(user, "test")
    return Client().put(
        path,
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_the_api_sets_a_moratorium_for_an_administrator(admin: User) -> None:
    body = {"in_force": True, "since": "2026-03-01", "scope": ["sale"], "reasons": ["Decree"]}
    response = _put(admin, "/api/v1/jurisdictions/FR/moratorium", body)
    assert response.status_code == 200, response.content
    assert response.json()["moratorium_scope"] == ["sale"]
    assert Jurisdiction.objects.get(code="FR").moratorium_in_force


def test_the_api_names_the_field_it_refuses(admin: User) -> None:
    body = {"in_force": True, "scope": ["export", "teleport"], "reasons": ["x"]}
    response = _put(admin, "/api/v1/jurisdictions/FR/moratorium", body)
    assert response.status_code == 422
    assert response.json()["status"] == 422
    errors = response.json()["errors"]
    assert "teleport" in errors["moratorium_scope"][0] and "moratorium_since" in errors
    assert not Jurisdiction.objects.get(code="FR").moratorium_in_force


def test_the_api_refuses_a_non_administrator(officer: User) -> None:
    body = {"status": "in_preparation", "reasons": ["x"]}
    response = _put(officer, "/api/v1/jurisdictions/FR/safeguards", body)
    assert response.status_code == 403 and "administrators" in response.json()["message"]
    assert Jurisdiction.objects.get(code="FR").safeguards_status == "none"


def test_the_api_needs_a_token() -> None:
    response = Client().put(
        "/api/v1/jurisdictions/FR/safeguards", "{}", content_type="application/json"
    )
    assert response.status_code == 401


def test_the_list_links_each_jurisdiction_for_administrators_only(
    admin: User, officer: User, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(admin)
    with django_assert_max_num_queries(12):
        page = client.get("/staff/jurisdictions/")
    assert page.status_code == 200 and 'href="/staff/jurisdictions/FR/"' in page.content.decode()
    assert signed_in(officer).get("/staff/jurisdictions/").status_code == 403


def test_the_admin_site_shows_moratorium_fields_read_only(admin: User) -> None:
    page = signed_in(admin).get("/admin/registry/jurisdiction/FR/change/").content.decode()
    assert 'name="moratorium_in_force"' not in page
    assert 'name="name"' in page
