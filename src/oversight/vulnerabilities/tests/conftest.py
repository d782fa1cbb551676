"""Named people for the equities register: the holder, the board, and those who must not get in."""

from datetime import date
from typing import Any

import pytest
import time_machine

from oversight.accounts.models import Role, User
from oversight.accounts.tests.helpers import make_user
from oversight.registry.models import Jurisdiction, Organisation
from oversight.vulnerabilities import actions, rules
from oversight.vulnerabilities.models import Vulnerability

HIGH = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"


@pytest.fixture(autouse=True)
def _otp(settings: Any) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def places(db: None) -> None:
    # Transactional tests (the browser's) flush the countries the migrations load.
    for code, name in (("GB", "United Kingdom"), ("DE", "Germany")):
        Jurisdiction.objects.get_or_create(code=code, defaults={"name": name})
    Jurisdiction.objects.create(code="GB-XC", name="Example City", kind="city", parent_id="GB")
    for slug, where in (("gchq-x", "GB"), ("city-police", "GB-XC"), ("bnd-x", "DE")):
        Organisation.objects.create(
            slug=slug, name=slug.upper(), kind="agency", jurisdiction_id=where
        )
    Organisation.objects.create(slug="acme", name="Acme", kind="company", jurisdiction_id="GB")


@pytest.fixture
def holder(places: None) -> User:
    return make_user("holder", Role.AGENCY_OFFICIAL, organisation="gchq-x")


@pytest.fixture
def board(places: None) -> User:
    return make_user("board", Role.EQUITIES_BOARD, jurisdiction="GB")


@pytest.fixture
def outsiders(places: None) -> dict[str, User]:
    """Everyone who must not see a GB vulnerability of gchq-x."""
    return {
        "board_de": make_user("board-de", Role.EQUITIES_BOARD, jurisdiction="DE"),
        "other_agency": make_user("police", Role.AGENCY_OFFICIAL, organisation="city-police"),
        "admin": make_user("admin", Role.ADMINISTRATOR),
        "officer": make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB"),
        "company": make_user("company", Role.COMPANY_MEMBER, organisation="acme"),
    }


def facts(**overrides: Any) -> rules.Record:
    values: dict[str, Any] = {
        "agency_reference": "X-1",
        "product": "Example Mail 4",
        "vendor": "Example Co",
        "cvss_vector": HIGH,
        "source": "purchased",
        "broker": "Example Brokers",
        "found_on": date(2025, 3, 1),
        "summary": "Remote code execution in the parser.",
    }
    return rules.Record(**{**values, **overrides})


@pytest.fixture
def vulnerability(holder: User) -> Vulnerability:
    agency = Organisation.objects.get(slug="gchq-x")
    return actions.record_vulnerability(agency, facts(), actor=holder)


@pytest.fixture
def year_2025(holder: User, board: User) -> None:
    """Eleven of 2025 (six disclosed, five restricted) and two of 2026."""
    agency = Organisation.objects.get(slug="gchq-x")
    with time_machine.travel(date(2026, 6, 1), tick=False):
        for i in range(13):
            found = date(2025, 1 + i, 1) if i < 11 else date(2026, 1, 1 + i)
            v = actions.record_vulnerability(
                agency, facts(agency_reference=f"P-{i}", found_on=found), actor=holder
            )
            if i < 6:
                actions.decide(
                    v,
                    outcome="disclose",
                    reasons="r",
                    actor=board,
                    disclosed_on=date(2025, 1 + i, 11),
                )
            elif i < 12:
                actions.decide(
                    v, outcome="restrict", reasons="r", actor=board, review_by=date(2026, 9, 1)
                )
