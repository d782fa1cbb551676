"""The registry's sections of the staff dashboard (registered with `core.dashboard`).

Officers and reviewers see their countries' transfers, unpublished ones included; company
members see their companies' technologies, drafts included; administrators get the
moratoria page; everyone with a role gets the public registers.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from oversight.accounts.access import AnyUser, jurisdiction_ids_for, organisation_ids_for
from oversight.accounts.models import Role
from oversight.core.dashboard import Link, Section
from oversight.registry.access import (
    TRANSFER_READERS,
    technologies_for_user,
    transfers_for_user,
)

LIST_LIMIT = 10  # the latest few: pending work comes first on the dashboard


def _transfers(user: AnyUser) -> Section:
    places = jurisdiction_ids_for(user, *TRANSFER_READERS)
    rows = transfers_for_user(user).filter(supplier_jurisdiction__in=places)
    return Section(
        "registry-transfers",
        _("Transfers from your countries"),
        _("The known transfers from the countries you work for, unpublished ones included."),
        template="registry/staff/_transfers.html",
        data={"total": rows.count(), "rows": list(rows[:LIST_LIMIT])},
    )


def _technologies(user: AnyUser) -> Section:
    vendors = organisation_ids_for(user, Role.COMPANY_MEMBER)
    rows = technologies_for_user(user).filter(vendor__in=vendors)
    return Section(
        "registry-technologies",
        _("Your technologies"),
        _("The technologies of the companies you are a member of, drafts included."),
        template="registry/staff/_technologies.html",
        data={"total": rows.count(), "rows": list(rows[:LIST_LIMIT])},
    )


def _registers(roles: frozenset[str]) -> Section:
    links = [
        Link(_("Transfers register"), reverse("portal:transfers")),
        Link(_("Technologies register"), reverse("portal:technologies")),
        Link(_("Organisations register"), reverse("portal:organisations")),
        Link(_("Jurisdictions"), reverse("portal:jurisdictions")),
        Link(_("Public audit log"), reverse("portal:transparency_log")),
    ]
    if Role.ADMINISTRATOR in roles:
        links[:0] = [
            Link(_("Moratoria and safeguards regimes"), reverse("registry:jurisdictions")),
            Link(_("Organisations: tell apart and merge"), reverse("registry:organisations")),
        ]
    return Section("registry", _("Registers"), links=links)


def sections(user: AnyUser, roles: frozenset[str]) -> list[Section]:
    found = []
    if roles & set(TRANSFER_READERS):
        found.append(_transfers(user))
    if Role.COMPANY_MEMBER in roles:
        found.append(_technologies(user))
    if roles:
        found.append(_registers(roles))
    return found
