"""Monitoring's section of the staff dashboard (registered with `core.dashboard`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from oversight.accounts.access import AnyUser
from oversight.accounts.models import Role
from oversight.core.dashboard import Link, Section


def sections(user: AnyUser, roles: frozenset[str]) -> list[Section]:
    if Role.ANALYST not in roles:
        return []
    links = [
        Link(_("Cases and communications"), reverse("monitoring:home")),
        Link(_("Periodic report"), reverse("monitoring:report")),
    ]
    return [Section("monitoring", _("Monitoring"), links=links)]
