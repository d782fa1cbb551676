"""What procurement does when misuse is substantiated below it (it listens; nothing imports it).

A substantiated grievance or misuse report names an organisation and a technology: every
purchase of that technology by that agency is flagged for review, saying why, and
`registry.signals.origin_misused` carries the flag up the chain to the licence that let the
technology in (licensing listens; procurement does not import it).
"""

from typing import Any

from django.db.models import Q
from django.dispatch import receiver
from django.utils.translation import gettext as _

from oversight.companies.signals import misuse_substantiated
from oversight.grievances.signals import grievance_substantiated
from oversight.monitoring.signals import case_substantiated
from oversight.procurement.actions import flag_for_review
from oversight.procurement.models import Holding, Proposal
from oversight.registry.models import Jurisdiction, Organisation, Technology
from oversight.registry.signals import origin_misused


def flag_purchases(agency: Organisation | None, technology: Technology | None, reason: str) -> int:
    """Flag the inventory entries of `agency` for `technology`, and their approved proposals."""
    if agency is None or technology is None:
        return 0
    return _flag(list(Holding.objects.filter(agency=agency, technology=technology)), reason)


def _flag(holdings: list[Holding], reason: str) -> int:
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


def _within(states: list[Jurisdiction]) -> Q:
    """Agencies of these States: the State itself, or a region or city inside it."""
    codes = [state.code for state in states]
    return (
        Q(agency__jurisdiction__in=codes)
        | Q(agency__jurisdiction__parent__in=codes)
        | Q(agency__jurisdiction__parent__parent__in=codes)
    )


def purchases_for_case(
    states: list[Jurisdiction], technology: Technology | None, vendor: Organisation | None
) -> list[Holding]:
    """Inventory entries of agencies of the operator States, for the case's technology (or,
    when the case names only a vendor, for any of that vendor's technologies)."""
    if not states or (technology is None and vendor is None):
        return []
    rows = Holding.objects.filter(_within(states))
    if technology is not None:
        rows = rows.filter(technology=technology)
    else:
        rows = rows.filter(Q(technology__vendor=vendor) | Q(supplier=vendor))
    return list(rows.exclude(status="not_approved").distinct())


@receiver(case_substantiated, dispatch_uid="procurement-flag-on-case")
def flag_on_case(
    sender: Any,
    case: Any,
    states: list[Jurisdiction] | None = None,
    technology: Technology | None = None,
    vendor: Organisation | None = None,
    **kwargs: Any,
) -> None:
    reason = _(
        "Substantiated monitoring case %(ref)s (%(title)s): its operator State used this "
        "technology to abuse; review, suspend or end."
    ) % {"ref": getattr(case, "external_id", "?"), "title": getattr(case, "title", "")}
    _flag(purchases_for_case(list(states or []), technology, vendor), reason)
