"""The companies' section of the staff dashboard (registered with `core.dashboard`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from oversight.accounts.access import AnyUser
from oversight.accounts.models import Role
from oversight.core.dashboard import Link, Section


def sections(user: AnyUser, roles: frozenset[str]) -> list[Section]:
    if Role.COMPANY_MEMBER not in roles:
        return []
    link = Link(_("Your company's human rights record"), reverse("companies:home"))
    return [Section("companies", _("Human rights record"), links=[link])]
