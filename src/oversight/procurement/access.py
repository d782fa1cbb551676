"""Who may do what in procurement, and fetching rows for them ("not there" = "not yours").

An agency official acts for the organisation their role names; an oversight body member
for the body whose organisation their role names. Views and the API fetch through here.
"""

from typing import Any

from django.http import Http404

from oversight.accounts.access import AnyUser, has_role, organisation_ids_for
from oversight.accounts.models import Role
from oversight.procurement.models import Holding, OversightBody, Proposal
from oversight.procurement.models.proposals import ProposalQuerySet
from oversight.registry.models import Organisation

AGENCY = Role.AGENCY_OFFICIAL
MEMBER = Role.OVERSIGHT_MEMBER


def may_propose(user: AnyUser, agency: Organisation) -> bool:
    return has_role(user, AGENCY, organisation=agency)


def may_sit(user: AnyUser, body: OversightBody) -> bool:
    return has_role(user, MEMBER, organisation=body.organisation)


def may_manage_consultation(user: AnyUser, proposal: Proposal) -> bool:
    """Registered with `consultations.access`: the oversight body runs the comment period."""
    return may_sit(user, proposal.body)


def agency_ids(user: AnyUser) -> Any:
    return organisation_ids_for(user, AGENCY)


def body_organisation_ids(user: AnyUser) -> Any:
    return organisation_ids_for(user, MEMBER)


def proposals_for_agency(user: AnyUser) -> ProposalQuerySet:
    return Proposal.objects.of_agency(agency_ids(user)).select_related("technology", "agency")


def proposals_for_body(user: AnyUser) -> ProposalQuerySet:
    return Proposal.objects.before_body(body_organisation_ids(user)).select_related(
        "technology", "agency"
    )


def proposal_for_agency(user: AnyUser, reference: str) -> Proposal:
    found = proposals_for_agency(user).filter(reference=reference.upper()).first()
    if found is None:
        raise Http404("No such proposal")
    return found


def proposal_for_body(user: AnyUser, reference: str) -> Proposal:
    found = proposals_for_body(user).filter(reference=reference.upper()).first()
    if found is None:
        raise Http404("No such proposal")
    return found


def holding_for_agency(user: AnyUser, chain: str) -> Holding:
    found = Holding.objects.of_agency(agency_ids(user)).filter(chain=chain.upper()).first()
    if found is None:
        raise Http404("No such inventory entry")
    return found


def holding_for_body(user: AnyUser, chain: str) -> Holding:
    found = (
        Holding.objects.before_body(body_organisation_ids(user))
        .filter(chain=chain.upper())
        .first()
    )
    if found is None:
        raise Http404("No such inventory entry")
    return found


def public_proposal(reference: str) -> Proposal:
    found = Proposal.objects.public().filter(reference=reference.upper()).first()
    if found is None:
        raise Http404("No such proposal")
    return found


def public_holding(chain: str) -> Holding:
    found = Holding.objects.public().filter(chain=chain.upper()).first()
    if found is None:
        raise Http404("No such inventory entry")
    return found


def proposal_for_staff(user: AnyUser, reference: str) -> Proposal:
    """The proposal for its agency's officials or its body's members; 404 for anyone else."""
    ref = reference.upper()
    found = (
        proposals_for_agency(user).filter(reference=ref).first()
        or proposals_for_body(user).filter(reference=ref).first()
    )
    if found is None:
        raise Http404("No such proposal")
    return found


def holding_for_staff(user: AnyUser, chain: str) -> Holding:
    key = chain.upper()
    found = (
        Holding.objects.of_agency(agency_ids(user)).filter(chain=key).first()
        or Holding.objects.before_body(body_organisation_ids(user)).filter(chain=key).first()
    )
    if found is None:
        raise Http404("No such inventory entry")
    return found


def holdings_for_staff(user: AnyUser) -> Any:
    return (
        Holding.objects.of_agency(agency_ids(user))
        | Holding.objects.before_body(body_organisation_ids(user))
    ).select_related("agency", "technology")


def agencies_of(user: AnyUser) -> Any:
    return Organisation.objects.filter(pk__in=agency_ids(user))


def report_of(holding: Holding, year: int) -> Any:
    found = holding.reports.filter(year=year).first()
    if found is None:
        raise Http404("No such report")
    return found


def policy_of(holding: Holding, version: int) -> Any:
    found = holding.policies.filter(version=version).first()
    if found is None:
        raise Http404("No such policy")
    return found
