"""What procurement does when misuse is substantiated below it (it listens; nothing imports it).

A substantiated grievance or misuse report names an organisation and a technology: every
purchase of that technology by that agency is flagged for review, saying why. Licensing
listens to the same signals and flags the licences that let the technology in.
"""

from typing import Any

from django.dispatch import receiver
from django.utils.translation import gettext as _

from oversight.companies.signals import misuse_substantiated
from oversight.grievances.signals import grievance_substantiated
from oversight.procurement.actions import flag_for_review
from oversight.procurement.models import Holding, Proposal
from oversight.registry.models import Organisation, Technology


def flag_purchases(agency: Organisation | None, technology: Technology | None, reason: str) -> int:
    """Flag the inventory entries of `agency` for `technology`, and their approved proposals."""
    if agency is None or technology is None:
        return 0
    holdings = list(Holding.objects.filter(agency=agency, technology=technology))
    for holding in holdings:
        flag_for_review(holding, reason=reason)
        for proposal in Proposal.objects.filter(holding=holding).exclude(status="draft"):
            flag_for_review(proposal, reason=reason)
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
