"""The equities register's section of the staff dashboard (registered with `core.dashboard`)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oversight.accounts.access import AnyUser
from oversight.accounts.models import Role
from oversight.core.dashboard import Link, Section, waiting_in
from oversight.vulnerabilities import access


def sections(user: AnyUser, roles: frozenset[str]) -> list[Section]:
    if not roles & {Role.EQUITIES_BOARD, Role.AGENCY_OFFICIAL} or not access.may_see_register(
        user
    ):
        return []
    url = reverse("vulnerabilities:list")
    seen = access.vulnerabilities_for(user)
    late = seen.overdue(timezone.localdate())
    waiting = [
        waiting_in(
            _("Vulnerabilities awaiting the board's decision"), seen.awaiting(), "created_at", url
        ),
        waiting_in(_("Restrictions past their review date"), late, "review_by", url),
    ]
    links = [Link(_("The vulnerabilities equities register"), url)]
    if access.agencies_of(user):
        links.append(Link(_("Record a vulnerability"), reverse("vulnerabilities:record")))
    return [
        Section("vulnerabilities", _("Vulnerabilities equities"), waiting=waiting, links=links)
    ]
