"""Registering a customer contract and the clauses it carries, audited (para. 67(b)).

The audit log is public: a contract is recorded by id, product, destination, date and
clauses, never with the customer's name.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from oversight.accounts.access import organisation_ids_for
from oversight.accounts.models import Role
from oversight.companies.actions.record import _check_company, _check_technology, _create
from oversight.companies.models import Clause, CustomerContract
from oversight.registry.models import Jurisdiction, Organisation, Technology


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
    """Only the company's members register its contracts; every problem is named at once."""
    _check_company(company)
    errors: dict[str, list[str]] = {}
    if (
        not organisation_ids_for(actor, Role.COMPANY_MEMBER)
        .filter(organisation_id=company.pk)
        .exists()
    ):
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
    if errors:
        raise ValidationError(errors)
    row = CustomerContract(
        company=company,
        technology=technology,
        customer=customer.strip(),
        destination=destination,
        signed_on=signed_on,
        clauses=sorted(codes),
    )
    fields = ["company_id", "technology_id", "destination_id", "signed_on", "clauses"]
    return _create(row, fields, actor=actor)
