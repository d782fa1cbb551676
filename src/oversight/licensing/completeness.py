"""What an application still lacks before it may be submitted, and what a goods line gets wrong.

Pure: given the application and its parts as read, the list of every problem at
once, each naming the field (or the line) so the applicant can fix them all.
"""

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import pycountry
from django.utils.translation import gettext as _

from oversight.licensing.models import Application, GoodsLine, Party

MAX_VALUE = Decimal(10) ** 12


def currency_known(code: str) -> bool:
    return len(code) == 3 and pycountry.currencies.get(alpha_3=code.upper()) is not None


def line_errors(number: int, values: dict[str, Any], *, control_code_known: bool) -> list[str]:
    """Problems of one goods line, each as "line N: field ..."."""
    errors = []
    prefix = _("line %(n)d") % {"n": number}
    quantity = values.get("quantity")
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity <= 0:
        errors.append(_("%(line)s: quantity must be positive") % {"line": prefix})
    try:
        value = Decimal(str(values.get("value")))
        ok = value.is_finite() and Decimal(0) < value < MAX_VALUE
    except (InvalidOperation, ValueError):
        ok = False
    if not ok:
        errors.append(_("%(line)s: value must be positive") % {"line": prefix})
    currency = str(values.get("currency") or "")
    if not currency_known(currency):
        errors.append(
            _("%(line)s: currency “%(code)s” is not an ISO 4217 currency code")
            % {"line": prefix, "code": currency}
        )
    if not control_code_known:
        errors.append(
            _("%(line)s: control entry “%(code)s” is not in the control list")
            % {"line": prefix, "code": values.get("control_code", "")}
        )
    if values.get("technology") is None:
        errors.append(_("%(line)s: technology: choose a technology") % {"line": prefix})
    return errors


def _party_problems(parties: Sequence[Party]) -> list[str]:
    roles = {party.role for party in parties}
    missing = []
    if Party.Role.CONSIGNEE not in roles:
        missing.append(_("parties: add the consignee"))
    if Party.Role.END_USER not in roles:
        missing.append(_("parties: add the end user"))
    return missing


def missing(app: Application, lines: Sequence[GoodsLine], parties: Sequence[Party]) -> list[str]:
    """Every reason the application cannot be submitted yet (empty when it can)."""
    problems = []
    if app.destination_id is None:
        problems.append(_("destination: choose the destination country"))
    if not app.end_use.strip():
        problems.append(_("end use: state the end use"))
    if not app.end_use_statement:
        problems.append(_("end-use statement: attach the signed end-use statement"))
    if not lines:
        problems.append(_("goods: add at least one goods line"))
    for line in lines:
        if line.control_entry_id is None:
            problems.append(
                _("line %(n)d: control entry: give the control-list entry") % {"n": line.number}
            )
    problems.extend(_party_problems(parties))
    if app.research_transfer and not (app.research_purpose and app.research_description.strip()):
        problems.append(_("research: give the research purpose and a description"))
    if not app.declaration_accurate:
        problems.append(_("declarations: declare that the information is accurate and complete"))
    if not app.declaration_conditions:
        problems.append(_("declarations: undertake to comply with the licence conditions"))
    return problems
