"""Customer contracts and their clauses; the UNGP check weighs their coverage."""

from collections.abc import Sequence
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from oversight.accounts.models import User
from oversight.companies import actions, rules
from oversight.companies.models import Clause, CustomerContract
from oversight.core.models import AuditEntry
from oversight.registry.models import Jurisdiction, Organisation, Technology

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)
FULL = [Clause.PROHIBITED_USE, Clause.AUDIT_RIGHTS, Clause.SUSPENSION]


@pytest.fixture
def mexico(db: None) -> Jurisdiction:
    return Jurisdiction.objects.get_or_create(code="MX", defaults={"name": "Mexico"})[0]


def _contract(
    company: Organisation,
    probe: Technology,
    mexico: Jurisdiction,
    member: User,
    clauses: Sequence[str],
) -> CustomerContract:
    return actions.register_contract(
        company,
        technology=probe,
        customer="Secret Police Unit 7",
        destination=mexico,
        signed_on=date(2026, 1, 1),
        clauses=clauses,
        actor=member,
    )


def _coverage(company: Organisation, probe: Technology) -> list[rules.Element]:
    elements = rules.ungp_elements(company, [probe], today=TODAY, destination="MX")
    return [e for e in elements if e.key == "clause_coverage"]


def test_it_registers_a_contract_audited_without_the_customer_name(
    company: Organisation, probe: Technology, mexico: Jurisdiction, member: User
) -> None:
    row = _contract(company, probe, mexico, member, FULL)
    entry = AuditEntry.objects.get(action="companies.customercontract.created")
    assert row.clauses == sorted(FULL)
    assert "Secret Police" not in str(entry.changes)


def test_it_refuses_an_outsider_and_another_companys_product_naming_every_field(
    company: Organisation,
    rival: Organisation,
    probe: Technology,
    mexico: Jurisdiction,
    outsider: User,
) -> None:
    with pytest.raises(ValidationError) as error:
        actions.register_contract(
            rival,
            technology=probe,
            customer=" ",
            destination=None,
            signed_on=None,
            clauses=["audit_rights", "no_such_clause"],
            actor=outsider,
        )
    assert set(error.value.message_dict) == {
        "technology",
        "customer",
        "destination",
        "signed_on",
        "clauses",
    }
    with pytest.raises(ValidationError) as error:
        _contract(company, probe, mexico, outsider, FULL)
    assert set(error.value.message_dict) == {"company"}
    assert not CustomerContract.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="companies.customer").exists()


def test_it_changes_the_ungp_check_with_the_clause_coverage(
    company: Organisation, probe: Technology, mexico: Jurisdiction, member: User
) -> None:
    assert rules.ungp_elements(company, [probe], today=TODAY) == [
        e for e in rules.ungp_elements(company, [probe], today=TODAY) if e.key != "clause_coverage"
    ]
    assert [e.ok for e in _coverage(company, probe)] == [True]  # none on file yet
    _contract(company, probe, mexico, member, FULL)
    assert [e.ok for e in _coverage(company, probe)] == [True]
    _contract(company, probe, mexico, member, [Clause.AUDIT_RIGHTS])
    (element,) = _coverage(company, probe)
    assert not element.ok
    assert "1/2 carry Prohibited use" in element.reason
    assert "2/2" not in element.reason
    reasons = rules.ungp_compliance(company, [probe], today=TODAY, destination="MX").messages
    assert element.reason in reasons
    assert element.reason not in rules.ungp_compliance(company, [probe], today=TODAY).messages
