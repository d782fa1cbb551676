"""The grievances' section of the staff dashboard (registered with `core.dashboard`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from oversight.accounts.access import AnyUser
from oversight.accounts.models import Role
from oversight.core.dashboard import Link, Section


def sections(user: AnyUser, roles: frozenset[str]) -> list[Section]:
    if Role.GRIEVANCE_HANDLER not in roles:
        return []
    link = Link(_("Grievance inbox"), reverse("grievances:inbox"))
    return [Section("grievances", _("Grievances"), links=[link])]
