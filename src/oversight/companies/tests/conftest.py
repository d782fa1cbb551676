from typing import Any

import pytest

from oversight.accounts.models import Role, User
from oversight.accounts.tests.helpers import make_user
from oversight.registry.models import Organisation, Technology


@pytest.fixture(autouse=True)
def _fast_otp(settings: Any) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def company(db: None) -> Organisation:
    return Organisation.objects.create(slug="acme", name="Acme Intercept", kind="company")


@pytest.fixture
def rival(db: None) -> Organisation:
    return Organisation.objects.create(slug="rival", name="Rival Spyware", kind="company")


@pytest.fixture
def probe(company: Organisation) -> Technology:
    return Technology.objects.create(
        slug="probe", name="Probe", vendor=company, category="network"
    )


@pytest.fixture
def tracker(company: Organisation) -> Technology:
    return Technology.objects.create(
        slug="tracker", name="Tracker", vendor=company, category="location"
    )


@pytest.fixture
def member(company: Organisation) -> User:
    return make_user("mia", Role.COMPANY_MEMBER, organisation="acme")


@pytest.fixture
def outsider(rival: Organisation) -> User:
    return make_user("rex", Role.COMPANY_MEMBER, organisation="rival")


@pytest.fixture
def analyst(db: None) -> User:
    """A UN working-group analyst: assesses misuse reports addressed to the working group."""
    return make_user("ana", Role.ANALYST)
