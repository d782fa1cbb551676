"""What an application still lacks before it may be submitted, and what a goods line gets wrong.

Pure: given the application and its parts as read, a `Verdict` with every problem
at once; each reason's message names the field (or the line) so that a person can
read it alone, and `Reason.field` names the input field for the API.
"""

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import pycountry
from django.utils.translation import gettext as _

from oversight.core.rules import Reason, Verdict
from oversight.licensing.models import Application, GoodsLine, Party

MAX_VALUE = Decimal(10) ** 12
MAX_QUANTITY = 2**31 - 1  # the largest a PositiveIntegerField stores on every database


def currency_known(code: str) -> bool:
    return len(code) == 3 and pycountry.currencies.get(alpha_3=code.upper()) is not None


def line_errors(number: int, values: dict[str, Any], *, control_code_known: bool) -> Verdict:
    """Problems of one goods line, each as "line N: field ..."."""
    errors = []
    prefix = _("line %(n)d") % {"n": number}
    quantity = values.get("quantity")
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity <= 0:
        errors.append(
            Reason(_("%(line)s: quantity must be positive") % {"line": prefix}, "quantity")
        )
    elif quantity > MAX_QUANTITY:
        message = _("%(line)s: quantity must be at most %(most)d")
        errors.append(Reason(message % {"line": prefix, "most": MAX_QUANTITY}, "quantity"))
    try:
        value = Decimal(str(values.get("value")))
        ok = value.is_finite() and Decimal(0) < value < MAX_VALUE
    except (InvalidOperation, ValueError):
        ok = False
    if not ok:
        errors.append(Reason(_("%(line)s: value must be positive") % {"line": prefix}, "value"))
    currency = str(values.get("currency") or "")
    if not currency_known(currency):
        message = _("%(line)s: currency “%(code)s” is not an ISO 4217 currency code")
        errors.append(Reason(message % {"line": prefix, "code": currency}, "currency"))
    if not control_code_known:
        message = _("%(line)s: control entry “%(code)s” is not in the control list")
        code = values.get("control_code", "")
        errors.append(Reason(message % {"line": prefix, "code": code}, "control_code"))
    if values.get("technology") is None:
        message = _("%(line)s: technology: choose a technology")
        errors.append(Reason(message % {"line": prefix}, "technology"))
    return Verdict.of(errors)


def _party_problems(parties: Sequence[Party]) -> list[Reason]:
    roles = {party.role for party in parties}
    missing = []
    if Party.Role.CONSIGNEE not in roles:
        missing.append(Reason(_("parties: add the consignee"), "parties"))
    if Party.Role.END_USER not in roles:
        missing.append(Reason(_("parties: add the end user"), "parties"))
    return missing


def missing(app: Application, lines: Sequence[GoodsLine], parties: Sequence[Party]) -> Verdict:
    """Every reason the application cannot be submitted yet (it passes when there is none)."""
    problems = []
    if app.destination_id is None:
        problems.append(Reason(_("destination: choose the destination country"), "destination"))
    if not app.end_use.strip():
        problems.append(Reason(_("end use: state the end use"), "end_use"))
    if not app.end_use_statement:
        message = _("end-use statement: attach the signed end-use statement")
        problems.append(Reason(message, "end_use_statement"))
    if not lines:
        problems.append(Reason(_("goods: add at least one goods line"), "lines"))
    for line in lines:
        if line.control_entry_id is None:
            message = _("line %(n)d: control entry: give the control-list entry")
            problems.append(Reason(message % {"n": line.number}, "lines"))
    problems.extend(_party_problems(parties))
    if app.research_transfer and not (app.research_purpose and app.research_description.strip()):
        field = "research_description" if app.research_purpose else "research_purpose"
        message = _("research: give the research purpose and a description")
        problems.append(Reason(message, field))
    if not app.declaration_accurate:
        message = _("declarations: declare that the information is accurate and complete")
        problems.append(Reason(message, "declaration_accurate"))
    if not app.declaration_conditions:
        message = _("declarations: undertake to comply with the licence conditions")
        problems.append(Reason(message, "declaration_conditions"))
    return Verdict.of(problems)
