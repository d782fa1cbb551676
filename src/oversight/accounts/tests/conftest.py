from typing import Any

import pytest
from django.utils import timezone

from oversight.accounts.tests.helpers import Clock, start_clock
from oversight.registry.models import Jurisdiction, Organisation, Technology, Transfer


@pytest.fixture(autouse=True)
def _no_device_throttle(settings: Any) -> None:
    """django-otp's own per-device delay would slow the tests; our lockout is tested."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fixed = start_clock()
    monkeypatch.setattr(timezone, "now", fixed)
    return fixed


@pytest.fixture
def world(db: None) -> None:
    """Two countries, two exporters with a draft each, and a secret transfer from each."""
    gb, de, ae = (
        Jurisdiction.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in [("GB", "United Kingdom"), ("DE", "Germany"), ("AE", "UAE")]
    )
    kinds = {
        "demo-exporter": Organisation.Kind.COMPANY,
        "demo-exporter-b": Organisation.Kind.COMPANY,
        "demo-agency": Organisation.Kind.AGENCY,
        "demo-oversight-board": Organisation.Kind.OVERSIGHT_BODY,
        "demo-auditor": Organisation.Kind.AUDITOR,
        "demo-standards-body": Organisation.Kind.OVERSIGHT_BODY,
        "un-working-group": Organisation.Kind.UN_BODY,
    }
    orgs = {
        slug: Organisation.objects.get_or_create(
            slug=slug, defaults={"name": slug.replace("-", " ").title(), "kind": kind}
        )[0]
        for slug, kind in kinds.items()
    }
    for slug, vendor, published in [
        ("exporter-draft", "demo-exporter", False),
        ("exporter-b-draft", "demo-exporter-b", False),
        ("public-probe", "demo-exporter-b", True),
    ]:
        Technology.objects.create(
            slug=slug,
            name=slug.replace("-", " ").title(),
            vendor=orgs[vendor],
            category="intrusion",
            published=published,
        )
    for external_id, supplier, published in [
        ("gb-secret", gb, False),
        ("de-secret", de, False),
        ("gb-public", gb, True),
    ]:
        Transfer.objects.create(
            external_id=external_id,
            title=external_id.replace("-", " ").title(),
            supplier_jurisdiction=supplier,
            recipient_jurisdiction=ae,
            published=published,
        )
