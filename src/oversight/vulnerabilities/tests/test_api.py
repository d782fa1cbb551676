"""The register over the API: the agency records, the board decides, outsiders see nothing."""

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client

from oversight.accounts import actions as account_actions
from oversight.accounts.models import User
from oversight.core.models import AuditEntry
from oversight.vulnerabilities.models import Decision, Status, Vulnerability
from oversight.vulnerabilities.tests.conftest import HIGH

pytestmark = pytest.mark.django_db
URL = "/api/v1/vulnerabilities"


@pytest.fixture(autouse=True)
def _clock() -> Iterator[None]:
    with time_machine.travel(date(2026, 6, 1), tick=False):
        yield


def _token(user: User) -> str:
    return account_actions.issue_token(user, "cli")[1]


def _post(client: Client, url: str, body: dict[str, Any], token: str) -> Any:
    return client.post(
        url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


def _get(client: Client, url: str, token: str) -> Any:
    return client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")


BODY = {
    "agency": "gchq-x",
    "agency_reference": "X-7",
    "product": "Example Phone OS",
    "vendor": "Example Phones",
    "cvss_vector": HIGH,
    "source": "reported",
    "found_on": "2026-04-01",
}


def test_it_records_decides_and_tracks_the_fix_over_the_api(
    client: Client, holder: User, board: User
) -> None:
    made = _post(client, URL, BODY, _token(holder))
    assert made.status_code == 201, made.content
    reference = made.json()["reference"]
    assert made.json()["status"] == "awaiting" and made.json()["cvss_score"] == "9.8"
    board_token = _token(board)
    assert [v["reference"] for v in _get(client, URL, board_token).json()] == [reference]
    decided = _post(
        client,
        f"{URL}/{reference}/decisions",
        {"outcome": "restrict", "reasons": "Needed.", "review_by": "2026-12-01", "version": 1},
        board_token,
    )
    assert decided.status_code == 201 and decided.json()["status"] == "restricted"
    disclosed = _post(
        client,
        f"{URL}/{reference}/decisions",
        {"outcome": "disclose", "reasons": "Done."},
        board_token,
    )
    assert disclosed.json()["disclosed_on"] == "2026-06-01"
    fixed = _post(
        client,
        f"{URL}/{reference}/progress",
        {
            "vendor_acknowledged_on": "2026-06-01",
            "fixed_on": "2026-06-01",
            "fix_reference": "17.1",
        },
        _token(holder),
    )
    assert fixed.status_code == 200 and fixed.json()["fix_reference"] == "17.1"


def test_it_refuses_bad_input_naming_each_field_and_writes_nothing(
    client: Client, holder: User, board: User
) -> None:
    token = _token(holder)
    before = AuditEntry.objects.count()
    bad = {**BODY, "source": "purchased", "cvss_vector": "CVSS:3.1/AV:N", "vendor": "v\x00"}
    refused = _post(client, URL, bad, token)
    assert refused.status_code == 422
    assert set(refused.json()["errors"]) == {"broker", "cvss_vector", "vendor"}
    assert _post(client, URL, {**BODY, "agency": "bnd-x"}, token).json()["errors"].keys() == {
        "agency"
    }
    assert not Vulnerability.objects.exists() and AuditEntry.objects.count() == before
    reference = _post(client, URL, BODY, token).json()["reference"]
    again = _post(client, URL, BODY, token)
    assert again.status_code == 422 and "agency_reference" in again.json()["errors"]
    no_review = _post(
        client,
        f"{URL}/{reference}/decisions",
        {"outcome": "restrict", "reasons": "Needed."},
        _token(board),
    )
    assert no_review.status_code == 422 and list(no_review.json()["errors"]) == ["review_by"]
    assert Vulnerability.objects.get().status == Status.AWAITING
    assert not Decision.objects.exists()


def test_it_answers_outsiders_an_empty_list_and_404(
    client: Client, holder: User, outsiders: dict[str, User]
) -> None:
    reference = _post(client, URL, BODY, _token(holder)).json()["reference"]
    assert client.get(URL).status_code == 401
    for who, user in outsiders.items():
        token = _token(user)
        assert _get(client, URL, token).json() == [], who
        assert _get(client, f"{URL}/{reference}", token).status_code == 404, who
        decided = _post(
            client, f"{URL}/{reference}/decisions", {"outcome": "disclose", "reasons": "x"}, token
        )
        assert decided.status_code == 404, who
        recorded = _post(client, URL, {**BODY, "agency_reference": "Y"}, token)
        assert recorded.status_code == (422 if who == "other_agency" else 403), who
    assert Vulnerability.objects.count() == 1 and not Decision.objects.exists()


def test_it_lets_only_the_board_decide(client: Client, holder: User) -> None:
    token = _token(holder)
    reference = _post(client, URL, BODY, token).json()["reference"]
    body = {"outcome": "disclose", "reasons": "Mine."}
    assert _post(client, f"{URL}/{reference}/decisions", body, token).status_code == 403
    assert Vulnerability.objects.get().status == Status.AWAITING
