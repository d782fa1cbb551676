"""oversight demo_companies: demo compliance records. Idempotent; run by `oversight demo`.

demo-exporter gets a complete record for each of its technologies; demo-exporter-b a
partial one (commitment and safeguards, no product due diligence), so the licensing
screening shows both outcomes.
"""

from datetime import date, timedelta
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from oversight.companies import actions, demo_diligence
from oversight.companies.models import ContractualSafeguard, DueDiligence, HumanRightsCommitment
from oversight.registry.models import Organisation, Technology

CLAUSES = (
    "End-use and end-user restrictions; no use against journalists, human rights "
    "defenders or political opponents; audit rights; suspension and termination on misuse."
)


def _commitment(company: Organisation, today: date) -> None:
    if not HumanRightsCommitment.objects.filter(company=company).exists():
        actions.file_commitment(
            company,
            url=f"https://example.org/{company.slug}/human-rights-policy",
            adopted_on=today - timedelta(days=400),
            last_reviewed_on=today - timedelta(days=30),
            actor=None,
        )


def _safeguards(company: Organisation, today: date) -> None:
    if not ContractualSafeguard.objects.filter(company=company, technology=None).exists():
        actions.record_safeguard(
            company,
            technology=None,
            description=CLAUSES,
            in_effect_since=today - timedelta(days=365),
            actor=None,
        )


def _due_diligence(company: Organisation, technology: Technology, today: date) -> None:
    if not DueDiligence.objects.filter(company=company, technology=technology).exists():
        actions.record_due_diligence(
            company,
            technology=technology,
            summary=(
                f"Human rights impact assessment of {technology.name}: risks to privacy, "
                "expression and assembly; mitigations in the end-user contract (demo)."
            ),
            completed_on=today - timedelta(days=60),
            valid_until=today + timedelta(days=305),
            actor=None,
        )


class Command(BaseCommand):
    help = "Give the demo exporters compliance records (complete for A, partial for B)."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        for slug, complete in (("demo-exporter", True), ("demo-exporter-b", False)):
            company = Organisation.objects.filter(slug=slug).first()
            if company is None:
                self.stderr.write(f"{slug} is missing: run demo_registry first.")
                continue
            _commitment(company, today)
            _safeguards(company, today)
            if complete:
                for technology in Technology.objects.filter(vendor=company):
                    _due_diligence(company, technology, today)
            demo_diligence.load(company, complete, today)
            self.stdout.write(f"{slug}: {'complete' if complete else 'partial'} record")
