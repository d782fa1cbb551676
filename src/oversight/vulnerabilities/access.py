"""Who sees a vulnerability: the equities board of its State and the agency that holds it.

Nobody else, administrators included: "not there" and "not yours" are one 404.
"""

from django.db.models import Q
from django.http import Http404

from oversight.accounts.access import (
    AnyUser,
    has_role,
    jurisdiction_ids_for,
    organisation_ids_for,
)
from oversight.accounts.models import Role
from oversight.core.validators import has_nul
from oversight.registry.models import Organisation
from oversight.vulnerabilities.models import Vulnerability, VulnerabilityQuerySet


def vulnerabilities_for(user: AnyUser) -> VulnerabilityQuerySet:
    """The vulnerabilities `user` may see (none for anyone else)."""
    board = Q(jurisdiction_id__in=jurisdiction_ids_for(user, Role.EQUITIES_BOARD))
    holder = Q(agency_id__in=organisation_ids_for(user, Role.AGENCY_OFFICIAL))
    return Vulnerability.objects.filter(board | holder).select_related("agency", "jurisdiction")


def get_vulnerability_for_user(user: AnyUser, reference: str) -> Vulnerability:
    if len(reference) > 20 or has_nul(reference):
        raise Http404
    found = vulnerabilities_for(user).filter(reference=reference.upper()).first()
    if found is None:
        raise Http404
    return found


def is_board_member_for(user: AnyUser, vulnerability: Vulnerability) -> bool:
    return has_role(user, Role.EQUITIES_BOARD, jurisdiction=vulnerability.jurisdiction_id)


def holds(user: AnyUser, vulnerability: Vulnerability) -> bool:
    return has_role(user, Role.AGENCY_OFFICIAL, organisation=vulnerability.agency)


def agencies_of(user: AnyUser) -> list[Organisation]:
    """The agencies `user` records vulnerabilities for."""
    ids = organisation_ids_for(user, Role.AGENCY_OFFICIAL)
    return list(Organisation.objects.filter(pk__in=ids, kind=Organisation.Kind.AGENCY))


def may_see_register(user: AnyUser) -> bool:
    return bool(agencies_of(user)) or jurisdiction_ids_for(user, Role.EQUITIES_BOARD).exists()


def holds_agency(user: AnyUser, agency: Organisation) -> bool:
    return has_role(user, Role.AGENCY_OFFICIAL, organisation=agency)
