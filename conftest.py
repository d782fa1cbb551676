"""Shared test set-up: fast password hashing (production uses Argon2, tested separately)."""

import os
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make beside it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="session")
def _no_api_rate_limit() -> None:
    """Tests make many API requests from one address (some in module-scoped fixtures,
    before any `settings` fixture); core.ratelimit's tests turn the limit on."""
    from django.conf import settings

    settings.API_REQUESTS_PER_MINUTE = 0
