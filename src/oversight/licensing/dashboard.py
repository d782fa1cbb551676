"""Licensing's section of the staff dashboard (registered with `core.dashboard`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from oversight.accounts.access import AnyUser
from oversight.accounts.models import Role
from oversight.core.dashboard import Link, Section

WORKERS = frozenset({Role.LICENSING_OFFICER, Role.HUMAN_RIGHTS_REVIEWER, Role.COMPANY_MEMBER})


def sections(user: AnyUser, roles: frozenset[str]) -> list[Section]:
    if not roles & WORKERS:
        return []
    links = [Link(_("Licence applications"), reverse("licensing:applications"))]
    if Role.LICENSING_OFFICER in roles:
        links.append(Link(_("Work queues"), reverse("licensing:queues")))
    if roles & {Role.LICENSING_OFFICER, Role.COMPANY_MEMBER}:
        links.append(Link(_("Classification rulings"), reverse("licensing:rulings")))
        links.append(Link(_("Catch-all notifications"), reverse("licensing:catch_alls")))
    return [Section("licensing", _("Export licensing"), links=links)]
