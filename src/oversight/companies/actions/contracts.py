"""Registering a customer contract and the clauses it carries, audited (para. 67(b)).

The audit log is public: a contract is recorded by id, product, destination, date and
clauses, never with the customer's name.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.accounts.access import organisation_ids_for
from oversight.accounts.models import Role
from oversight.companies.actions.record import _check_company, _check_technology, _create
from oversight.companies.models import Clause, ClauseCoverage, CustomerContract
from oversight.registry.models import Jurisdiction, Organisation, Technology


def is_member(actor: Any, company: Organisation) -> bool:
    """The actor is a member of the company, or the system (no user: the demo, a job)."""
    if not getattr(actor, "pk", None):
        return True
    mine = organisation_ids_for(actor, Role.COMPANY_MEMBER)
    return mine.filter(organisation_id=company.pk).exists()


def register_contract(
    company: Organisation,
    *,
    technology: Technology,
    customer: str,
    destination: Jurisdiction | None,
    signed_on: date | None,
    clauses: Iterable[str],
    actor: Any,
) -> CustomerContract:
    """Only the company's members register its contracts (no actor: the system, such as
    the demo); every problem is named at once. The public coverage follows at once."""
    _check_company(company)
    errors: dict[str, list[str]] = {}
    if not is_member(actor, company):
        errors["company"] = [
            _("Only a member of %(company)s registers its contracts.") % {"company": company}
        ]
    try:
        _check_technology(company, technology)
    except ValidationError as error:
        errors.update(error.message_dict)
    codes = list(dict.fromkeys(clauses))
    unknown = [code for code in codes if code not in Clause.values]
    if unknown:
        errors["clauses"] = [
            _("Not in the clause library: %(codes)s.") % {"codes": ", ".join(unknown)}
        ]
    if not customer.strip():
        errors["customer"] = [_("Name the customer (it stays confidential).")]
    if destination is None:
        errors["destination"] = [_("Choose the country of the customer.")]
    if signed_on is None:
        errors["signed_on"] = [_("Give the date of the contract.")]
    elif signed_on > timezone.localdate():
        errors["signed_on"] = [_("Register a contract once it is signed, not before.")]
    if errors:
        raise ValidationError(errors)
    assert destination is not None and signed_on is not None
    row = CustomerContract(
        company=company,
        technology=technology,
        customer=customer.strip(),
        destination=destination,
        signed_on=signed_on,
        clauses=sorted(codes),
    )
    fields = ["company_id", "technology_id", "destination_id", "signed_on", "clauses"]
    with transaction.atomic():
        created = _create(row, fields, actor=actor)
        _count(company, technology, destination)
    return created


def _count(company: Organisation, technology: Technology, destination: Jurisdiction) -> None:
    """Recount the public clause coverage of this product to this country, under a lock."""
    coverage, _new = ClauseCoverage.objects.select_for_update().get_or_create(
        company=company, technology=technology, destination=destination
    )
    contracts = list(
        CustomerContract.objects.filter(company=company)
        .for_product_to(technology, destination.pk)
        .values_list("clauses", flat=True)
    )
    coverage.contracts = len(contracts)
    coverage.carrying = {
        code: sum(1 for clauses in contracts if code in clauses) for code in Clause.values
    }
    coverage.save(update_fields=["contracts", "carrying", "updated_at"])
