"""Procurement's section of the staff dashboard (registered with `core.dashboard`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from oversight.accounts.access import AnyUser
from oversight.accounts.models import Role
from oversight.core.dashboard import Link, Section

WORKERS = frozenset({Role.AGENCY_OFFICIAL, Role.OVERSIGHT_MEMBER})


def sections(user: AnyUser, roles: frozenset[str]) -> list[Section]:
    if not roles & WORKERS:
        return []
    links = [Link(_("Proposals and inventory"), reverse("procurement:index"))]
    if Role.AGENCY_OFFICIAL in roles:
        links.append(Link(_("New proposal"), reverse("procurement:new")))
    return [Section("procurement", _("Surveillance procurement"), links=links)]
