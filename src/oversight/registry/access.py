"""Fetch-for-user helpers: the only way staff views and the API reach registry rows.

"Not there" and "not yours" look the same (Http404), so nobody learns that a
draft or an unpublished record exists by guessing its address.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from oversight.accounts.access import (
    AnyUser,
    is_administrator,
    jurisdiction_ids_for,
    organisation_ids_for,
)
from oversight.accounts.models import Role
from oversight.registry.models import (
    Jurisdiction,
    Organisation,
    Technology,
    TechnologyQuerySet,
    Transfer,
    TransferQuerySet,
)

# Roles that may read a jurisdiction's unpublished transfers.
TRANSFER_READERS = (Role.LICENSING_OFFICER, Role.HUMAN_RIGHTS_REVIEWER)


def organisations_for(user: AnyUser, *roles: str) -> QuerySet[Organisation]:
    """The organisations in which `user` holds one of `roles`."""
    return Organisation.objects.filter(pk__in=organisation_ids_for(user, *roles))


def technologies_for_user(user: AnyUser) -> TechnologyQuerySet:
    """Published technologies, plus drafts of the companies the user is a member of."""
    rows = Technology.objects.select_related("vendor")
    if is_administrator(user):
        return rows.all()
    vendors = organisation_ids_for(user, Role.COMPANY_MEMBER)
    return rows.filter(Q(published=True) | Q(vendor__in=vendors))


def get_technology_for_user(user: AnyUser, slug: str) -> Technology:
    try:
        return technologies_for_user(user).get(slug=slug)
    except Technology.DoesNotExist:
        raise Http404("No such technology") from None


def transfers_for_user(user: AnyUser) -> TransferQuerySet:
    """Published transfers, plus unpublished ones from the countries the user works for."""
    rows = Transfer.objects.select_related(
        "supplier", "supplier_jurisdiction", "recipient_jurisdiction", "end_user"
    )
    if is_administrator(user):
        return rows.all()
    mine = Q(supplier_jurisdiction__in=jurisdiction_ids_for(user, *TRANSFER_READERS))
    return rows.filter(Q(published=True) | mine)


def get_transfer_for_user(user: AnyUser, external_id: str) -> Transfer:
    try:
        return transfers_for_user(user).get(external_id=external_id)
    except Transfer.DoesNotExist:
        raise Http404("No such transfer") from None


def jurisdictions_for_administrator(user: AnyUser) -> QuerySet[Jurisdiction]:
    """Every jurisdiction, for an administrator to set its moratorium and safeguards.

    Jurisdictions are public, so a non-administrator is told 403, not 404.
    """
    if not is_administrator(user):
        raise PermissionDenied(_("Only administrators may change a jurisdiction's settings."))
    return Jurisdiction.objects.all()


def organisations_for_administrator(user: AnyUser) -> QuerySet[Organisation]:
    """Every organisation, for an administrator to tell duplicates apart and merge them.

    Organisations are public, so a non-administrator is told 403, not 404.
    """
    if not is_administrator(user):
        raise PermissionDenied(_("Only administrators may merge organisations."))
    return Organisation.objects.select_related("jurisdiction")


def get_jurisdiction_for_administrator(user: AnyUser, code: str) -> Jurisdiction:
    try:
        return jurisdictions_for_administrator(user).get(code=code.upper())
    except Jurisdiction.DoesNotExist:
        raise Http404("No such jurisdiction") from None
