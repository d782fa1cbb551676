from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from oversight.accounts.tests.helpers import Clock, start_clock
from oversight.procurement.tests.helpers import World, build_world


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fixed = start_clock()
    monkeypatch.setattr(timezone, "now", fixed)
    return fixed
