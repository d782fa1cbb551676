"""The UN Guiding Principles check: one readable line per missing item, against real rows."""

from datetime import date

import pytest

from oversight.accounts.models import User
from oversight.companies import actions, rules
from oversight.core.rules import Verdict
from oversight.registry.models import Organisation, Technology

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


def _check(company: Organisation, *technologies: Technology) -> list[str]:
    return rules.ungp_compliance(company, technologies, today=TODAY).messages


def _complete(company: Organisation, probe: Technology, member: User) -> None:
    actions.file_commitment(
        company, url="https://acme.example/hr", adopted_on=date(2025, 6, 1), actor=member
    )
    actions.record_due_diligence(
        company,
        technology=probe,
        summary="Assessed.",
        completed_on=date(2026, 1, 1),
        valid_until=date(2027, 1, 1),
        actor=member,
    )
    actions.record_safeguard(
        company,
        technology=None,
        description="End-use clause; audit rights.",
        in_effect_since=date(2025, 1, 1),
        actor=member,
    )


def test_it_passes_a_complete_record(
    company: Organisation, probe: Technology, member: User
) -> None:
    _complete(company, probe, member)
    assert rules.ungp_compliance(company, [probe], today=TODAY) == Verdict(True, [])


def test_it_lists_everything_missing_from_an_empty_record(
    company: Organisation, probe: Technology, tracker: Technology
) -> None:
    assert _check(company, probe, tracker) == [
        "No public human rights commitment has been filed.",
        "No product due diligence for Probe.",
        "No contractual safeguards for Probe.",
        "No product due diligence for Tracker.",
        "No contractual safeguards for Tracker.",
    ]


def test_it_wants_a_commitment_reviewed_within_24_months(
    company: Organisation, member: User
) -> None:
    actions.file_commitment(
        company,
        url="https://acme.example/hr",
        adopted_on=date(2020, 1, 1),
        last_reviewed_on=date(2024, 5, 31),
        actor=member,
    )
    assert _check(company) == [
        "No current public human rights commitment: last adopted or reviewed on 2024-05-31, "
        "more than 24 months ago."
    ]
    actions.file_commitment(
        company, url="https://acme.example/hr2", adopted_on=date(2024, 6, 1), actor=member
    )
    assert _check(company) == []


def test_it_names_expired_due_diligence(
    company: Organisation, probe: Technology, member: User
) -> None:
    _complete(company, probe, member)
    actions.record_due_diligence(
        company,
        technology=probe,
        summary="Old.",
        completed_on=date(2024, 1, 1),
        valid_until=date(2025, 1, 1),
        actor=member,
    )
    assert rules.ungp_compliance(company, [probe], today=date(2027, 2, 1)).messages == [
        "Product due diligence for Probe expired on 2027-01-01."
    ]


def test_a_product_safeguard_covers_only_its_product(
    company: Organisation, probe: Technology, tracker: Technology, member: User
) -> None:
    actions.record_safeguard(
        company,
        technology=probe,
        description="Audit rights.",
        in_effect_since=date(2025, 1, 1),
        actor=member,
    )
    reasons = _check(company, probe, tracker)
    assert "No contractual safeguards for Tracker." in reasons
    assert "No contractual safeguards for Probe." not in reasons


def test_it_lists_an_unresolved_substantiated_misuse_report(
    company: Organisation, probe: Technology, member: User, analyst: User
) -> None:
    _complete(company, probe, member)
    end_user = Organisation.objects.create(slug="bad-police", name="Bad Police", kind="end_user")
    report = actions.report_misuse(
        company,
        technology=probe,
        end_user=end_user,
        description="Used on journalists.",
        actor=member,
    )
    assert _check(company, probe) == []  # only reported so far
    actions.change_misuse_status(
        report, status="substantiated", reasons=["Forensics"], actor=analyst
    )
    assert _check(company, probe) == [
        f"An unresolved substantiated misuse report #{report.pk} about Probe / Bad Police."
    ]
    actions.change_misuse_status(
        report,
        status="resolved",
        reasons=["Contract ended"],
        resolution="Licence ended.",
        actor=analyst,
    )
    assert _check(company, probe) == []


def test_the_pure_core_needs_no_database() -> None:
    record = rules.CompanyRecord(
        commitments=[], due_diligence=[], safeguards=[], misuse_reports=[]
    )
    verdict = rules.assess(record, [], today=TODAY)
    assert verdict == Verdict.of(["No public human rights commitment has been filed."])
