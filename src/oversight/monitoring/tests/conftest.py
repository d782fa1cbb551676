"""Named users (analyst, company member, nobody) and the registry rows cases link to."""

from typing import Any

import pytest

from oversight.accounts.tests.conftest import _no_device_throttle, world  # noqa: F401 - fixtures
from oversight.registry.models import Jurisdiction, Organisation, Technology


@pytest.fixture
def registry(db: None) -> None:
    """NSO Group and Pegasus, as the demo registry has them."""
    nso = Organisation.objects.get_or_create(
        slug="nso-group",
        defaults={"name": "NSO Group", "kind": "company", "jurisdiction_id": "IL"},
    )[0]
    Technology.objects.get_or_create(
        slug="pegasus",
        defaults={"name": "Pegasus", "vendor": nso, "category": "intrusion", "published": True},
    )
    assert Jurisdiction.objects.filter(code="MX").exists()


@pytest.fixture
def no_throttle(settings: Any) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
