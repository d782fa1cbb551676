from pathlib import Path
from typing import Any

import pytest

from oversight.accounts.models import Role, User
from oversight.accounts.tests.helpers import make_user
from oversight.consultations import actions
from oversight.consultations.models import Consultation
from oversight.registry.models import Organisation


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def admin(db: None) -> User:
    return make_user("ada", Role.ADMINISTRATOR)


@pytest.fixture
def officer(db: None) -> User:
    """Staff, but not a manager of these consultations (the matter has no hook)."""
    return make_user("olga", Role.LICENSING_OFFICER, jurisdiction="FR")


@pytest.fixture
def matter(db: None) -> Organisation:
    return Organisation.objects.create(slug="matter", name="A matter", kind="company")


@pytest.fixture
def consultation(matter: Organisation, admin: User) -> Consultation:
    return actions.open_consultation(
        matter,
        title="Export of Demo Interceptor X to Ruritania",
        notice={"Exporter": "Demo Exporter Ltd", "Destination": "Ruritania"},
        redactions=[{"field": "Value", "reason": "Commercially confidential"}],
        actor=admin,
    )
