"""`oversight demo_companies`: A complete, B missing due diligence; running twice adds nothing."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from oversight.companies import rules
from oversight.core.models import AuditEntry
from oversight.core.rules import Verdict
from oversight.registry.models import Organisation, Technology

pytestmark = pytest.mark.django_db


def test_it_gives_a_complete_and_a_partial_record_idempotently() -> None:
    for slug in ("demo-exporter", "demo-exporter-b"):
        company = Organisation.objects.create(slug=slug, name=slug, kind="company")
        Technology.objects.create(
            slug=f"{slug}-x", name=f"{slug} X", vendor=company, category="intrusion"
        )
    call_command("demo_companies")
    entries = AuditEntry.objects.count()
    call_command("demo_companies")
    assert AuditEntry.objects.count() == entries
    today = timezone.localdate()

    def check(slug: str, to: str | None = None) -> Verdict:
        company = Organisation.objects.get(slug=slug)
        return rules.ungp_compliance(
            company, Technology.objects.filter(vendor=company), today=today, destination=to
        )

    assert check("demo-exporter").ok and check("demo-exporter", "AE").ok
    assert check("demo-exporter", "MX").messages == [
        "Contracts for demo-exporter X to MX: 1/2 carry Suspension and termination on misuse."
    ]
    overdue = (today - timedelta(days=35)).isoformat()
    assert check("demo-exporter-b").messages == [
        "No product due diligence for demo-exporter-b X.",
        f"Due diligence for demo-exporter-b X is overdue for review: Sale since {overdue}.",
    ]
