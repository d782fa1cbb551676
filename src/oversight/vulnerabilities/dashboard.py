"""The equities register's section of the staff dashboard (registered with `core.dashboard`)."""

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oversight.accounts.access import AnyUser
from oversight.accounts.models import Role
from oversight.core.dashboard import Link, Section, Waiting
from oversight.vulnerabilities import access


def sections(user: AnyUser, roles: frozenset[str]) -> list[Section]:
    if not roles & {Role.EQUITIES_BOARD, Role.AGENCY_OFFICIAL} or not access.may_see_register(
        user
    ):
        return []
    url = reverse("vulnerabilities:list")
    seen = access.vulnerabilities_for(user)
    awaiting = seen.awaiting().aggregate(oldest=Min("created_at"), count=Count("pk"))
    late = seen.overdue(timezone.localdate()).aggregate(oldest=Min("review_by"), count=Count("pk"))
    waiting = [
        Waiting(
            _("Vulnerabilities awaiting the board's decision"),
            awaiting["count"],
            url,
            awaiting["oldest"],
        ),
        Waiting(_("Restrictions past their review date"), late["count"], url, late["oldest"]),
    ]
    links = [Link(_("The vulnerabilities equities register"), url)]
    if access.agencies_of(user):
        links.append(Link(_("Record a vulnerability"), reverse("vulnerabilities:record")))
    return [
        Section("vulnerabilities", _("Vulnerabilities equities"), waiting=waiting, links=links)
    ]
