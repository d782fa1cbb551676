"""What procurement does when misuse is substantiated below it (it listens; nothing imports it).

A substantiated grievance or misuse report names an organisation and a technology: every
purchase of that technology by that agency is flagged for review, saying why, and
`registry.signals.origin_misused` carries the flag up the chain to the licence that let the
technology in (licensing listens; procurement does not import it).
"""

from typing import Any

from django.dispatch import receiver
from django.utils.translation import gettext as _

from oversight.companies.signals import misuse_substantiated
from oversight.grievances.signals import grievance_substantiated
from oversight.procurement.actions import flag_for_review
from oversight.procurement.models import Holding, Proposal
from oversight.registry.models import Organisation, Technology
from oversight.registry.signals import origin_misused


def flag_purchases(agency: Organisation | None, technology: Technology | None, reason: str) -> int:
    """Flag the inventory entries of `agency` for `technology`, and their approved proposals."""
    if agency is None or technology is None:
        return 0
    holdings = list(Holding.objects.filter(agency=agency, technology=technology))
    for holding in holdings:
        flag_for_review(holding, reason=reason)
        for proposal in Proposal.objects.filter(holding=holding).exclude(status="draft"):
            flag_for_review(proposal, reason=reason)
        if holding.origin_reference:  # up the chain: the licence that let it in
            why = _("%(reason)s Chain %(chain)s: this licence let the technology in.") % {
                "reason": reason,
                "chain": holding.chain,
            }
            origin_misused.send(
                Holding, origin=holding.origin, reference=holding.origin_reference, reason=why
            )
    return len(holdings)


@receiver(grievance_substantiated, dispatch_uid="procurement-flag-on-grievance")
def flag_on_grievance(
    sender: Any,
    report: Any,
    organisation: Organisation | None = None,
    technology: Technology | None = None,
    **kwargs: Any,
) -> None:
    reason = _(
        "Substantiated grievance %(ref)s about this technology: review, suspend or end."
    ) % {"ref": getattr(report, "reference", "?")}
    flag_purchases(organisation, technology, reason)


@receiver(misuse_substantiated, dispatch_uid="procurement-flag-on-misuse")
def flag_on_misuse(sender: Any, report: Any, **kwargs: Any) -> None:
    reason = _("Substantiated misuse report #%(id)s about this technology: review it.") % {
        "id": getattr(report, "pk", "?")
    }
    flag_purchases(getattr(report, "end_user", None), getattr(report, "technology", None), reason)
