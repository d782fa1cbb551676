"""An engagement runs to findings, corrective actions, verification and a published summary;
the auditor sees the record in scope only, only while access lasts; nobody else acts."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from oversight.accounts import actions as accounts
from oversight.accounts.models import Role, User
from oversight.companies import access, actions, audit_rules, rules
from oversight.companies.models import CorrectiveAction, Engagement, Finding
from oversight.companies.tests.audit_world import Audits, build, engagement
from oversight.core import audit
from oversight.core.models import AuditEntry
from oversight.core.rules import Refused
from oversight.registry.models import Organisation, Technology

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _clock() -> object:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def world(company: Organisation) -> Audits:
    return build(TODAY)


def _fieldwork(
    world: Audits, company: Organisation, member: User, probe: Technology
) -> Engagement:
    row = engagement(world, company, member, [probe])
    return actions.declare_independence(
        row, statement="No ties to the company in five years.", actor=world.auditor
    )


def test_it_runs_an_engagement_to_a_published_summary(
    world: Audits, company: Organisation, member: User, probe: Technology
) -> None:
    row = _fieldwork(world, company, member, probe)
    c1, d1 = world.version.requirements.all()
    actions.record_finding(
        row, requirement=c1, result="conforms", evidence="Policy URL", actor=world.auditor
    )
    minor = actions.record_finding(
        row, requirement=d1, result="minor", evidence="No DD for servicing", actor=world.auditor
    )
    plan = actions.plan_corrective_action(
        minor, description="Assess the servicing stage", owner="Head of compliance",
        due_on=date(2026, 5, 1), actor=member,
    )  # fmt: skip
    published = actions.publish_summary(
        row, summary="One minor nonconformity.", actor=world.auditor
    )
    assert published.status == Engagement.Status.PUBLISHED
    actions.complete_corrective_action(plan, note="Assessment done", actor=member)
    verified = actions.verify_corrective_action(
        plan, accepted=True, note="Seen it", actor=world.auditor
    )
    assert verified.status == CorrectiveAction.Status.VERIFIED
    reaudit = engagement(world, company, member, [probe], reaudit_of=published)
    assert reaudit.reaudit_of == published
    assert audit.verify().ok
    # The public log proves what was found, by digest, and never quotes the evidence.
    logged = str(list(AuditEntry.objects.values_list("changes", "reasons")))
    assert "No DD for servicing" not in logged and "Head of compliance" not in logged
    assert "Assessment done" not in logged and "sha256:" in logged


def test_it_refuses_publication_listing_what_is_missing(
    world: Audits, company: Organisation, member: User, probe: Technology
) -> None:
    row = _fieldwork(world, company, member, probe)
    c1 = world.version.requirements.get(identifier="C1")
    actions.record_finding(
        row, requirement=c1, result="major", evidence="None", actor=world.auditor
    )
    with pytest.raises(Refused) as refused:
        actions.publish_summary(row, summary="", actor=world.auditor)
    errors = refused.value.message_dict
    assert "D1" in errors["findings"][0] and "C1" in errors["findings"][1]
    assert "summary" in errors
    row.refresh_from_db()
    assert row.status == Engagement.Status.FIELDWORK


def test_it_refuses_a_finding_against_a_requirement_of_another_version(
    world: Audits, company: Organisation, member: User, probe: Technology
) -> None:
    row = _fieldwork(world, company, member, probe)
    draft = actions.draft_next_version(world.version.standard, actor=world.members[0])
    other = draft.requirements.get(identifier="C1")
    with pytest.raises(Refused) as refused:
        actions.record_finding(
            row, requirement=other, result="conforms", evidence="x", actor=world.auditor
        )
    assert "requirement" in refused.value.message_dict
    assert not Finding.objects.exists()


def test_it_refuses_an_engagement_with_an_auditor_who_declared_a_conflict(
    world: Audits, company: Organisation, member: User, probe: Technology, rival: Organisation
) -> None:
    actions.declare_conflict(company, description="Former employee", actor=world.auditor)
    alien = Technology.objects.create(slug="alien", name="Alien", vendor=rival, category="network")
    with pytest.raises(Refused) as refused:
        engagement(world, company, member, [probe, alien], period_end=date(2024, 1, 1))
    errors = refused.value.message_dict
    assert "conflict" in errors["auditor"][0]
    assert "Alien" in errors["products"][0]
    assert "period_end" in errors
    assert not Engagement.objects.exists()


def test_it_refuses_independence_after_a_conflict_is_declared(
    world: Audits, company: Organisation, member: User, probe: Technology
) -> None:
    row = engagement(world, company, member, [probe])
    actions.declare_conflict(company, description="Shareholding", actor=world.auditor)
    with pytest.raises(Refused):
        actions.declare_independence(row, statement="I am independent", actor=world.auditor)
    row.refresh_from_db()
    assert row.status == Engagement.Status.PLANNED


def test_it_lets_only_the_lead_auditor_and_the_company_act(
    world: Audits, company: Organisation, member: User, probe: Technology, outsider: User
) -> None:
    row = engagement(world, company, member, [probe])
    for who in (world.colleague, world.other_auditor, outsider, member):
        with pytest.raises(PermissionDenied):
            actions.declare_independence(row, statement="x", actor=who)
    row = actions.declare_independence(row, statement="Independent", actor=world.auditor)
    c1 = world.version.requirements.get(identifier="C1")
    finding = actions.record_finding(
        row, requirement=c1, result="major", evidence="e", actor=world.auditor
    )
    for who in (world.auditor, outsider):
        with pytest.raises(PermissionDenied):
            actions.plan_corrective_action(
                finding, description="d", owner="o", due_on=TODAY, actor=who
            )
    assert not CorrectiveAction.objects.exists()
    with pytest.raises(PermissionDenied):
        engagement(world, company, outsider, [probe])


def test_it_gives_the_auditor_the_record_in_scope_only_while_access_lasts(
    world: Audits, company: Organisation, member: User, probe: Technology, tracker: Technology
) -> None:
    for technology in (probe, tracker):
        actions.record_due_diligence(
            company, technology=technology, summary="s", completed_on=date(2025, 3, 1),
            valid_until=date(2026, 3, 1), actor=member,
        )  # fmt: skip
    actions.record_due_diligence(
        company, technology=probe, summary="later", completed_on=date(2026, 2, 1),
        valid_until=date(2027, 2, 1), actor=member,
    )  # fmt: skip
    row = engagement(world, company, member, [probe])
    assert not access.evidence_for_auditor(world.auditor, row, TODAY).due_diligence.exists()
    row = actions.declare_independence(row, statement="Independent", actor=world.auditor)
    seen = access.evidence_for_auditor(world.auditor, row, TODAY).due_diligence
    assert [(d.technology, d.summary) for d in seen] == [(probe, "s")]  # in scope and period
    for who in (world.colleague, world.other_auditor, member):
        assert not access.evidence_for_auditor(who, row, TODAY).due_diligence.exists()
    assert not access.evidence_for_auditor(
        world.auditor, row, date(2026, 7, 1)
    ).due_diligence.exists()
    assert access.engagements_for_user(world.other_auditor).count() == 0
    assert access.engagements_for_user(world.colleague).count() == 0


def test_it_flags_overdue_actions_in_the_audit_status() -> None:
    latest = audit_rules.LatestAudit(
        1, date(2026, 1, 1), "Code v1", ["conforms", "minor"], [date(2026, 2, 1)]
    )
    assert audit_rules.audit_status(latest, date(2026, 1, 15)).key == "open"
    assert audit_rules.audit_status(latest, date(2026, 3, 1)).key == "overdue"
    done = audit_rules.LatestAudit(1, date(2026, 1, 1), "Code v1", ["minor"], [], 1)
    assert audit_rules.audit_status(done, date(2026, 3, 1)).key == "verified"
    assert audit_rules.audit_status(None, date(2026, 3, 1)).key == "not_audited"
    clean = audit_rules.LatestAudit(1, date(2026, 1, 1), "Code v1", ["conforms", "observation"])
    assert audit_rules.audit_status(clean, date(2026, 3, 1)).key == "conforms"


def test_it_fails_the_ungp_audit_element_only_while_actions_are_overdue(
    world: Audits, company: Organisation, member: User, probe: Technology
) -> None:
    def element(today: date) -> rules.Element:
        found = rules.ungp_elements(company, [probe], today=today)
        return next(e for e in found if e.key == "audit")

    assert element(TODAY).ok and "No published" in element(TODAY).reason
    row = _fieldwork(world, company, member, probe)
    c1, d1 = world.version.requirements.all()
    actions.record_finding(
        row, requirement=c1, result="conforms", evidence="e", actor=world.auditor
    )
    minor = actions.record_finding(
        row, requirement=d1, result="minor", evidence="e", actor=world.auditor
    )
    actions.plan_corrective_action(
        minor, description="d", owner="o", due_on=date(2026, 4, 1), actor=member
    )
    actions.publish_summary(row, summary="One minor.", actor=world.auditor)
    assert element(TODAY).ok
    late = element(date(2026, 4, 2))
    assert not late.ok and "overdue" in late.reason and late.link == f"/audit-summaries/{row.pk}/"


def test_it_refuses_an_auditor_who_is_a_member_of_the_company(
    world: Audits, company: Organisation, member: User, probe: Technology
) -> None:
    accounts.grant_role(world.auditor, Role.COMPANY_MEMBER, organisation=company)
    with pytest.raises(Refused) as refused:
        engagement(world, company, member, [probe])
    assert "member of this company" in refused.value.message_dict["auditor"][0]
    assert not Engagement.objects.exists()
