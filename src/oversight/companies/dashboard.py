"""The companies' section of the staff dashboard (registered with `core.dashboard`)."""

from django.db.models import Count, Min
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from oversight.accounts.access import AnyUser
from oversight.accounts.models import Role
from oversight.companies.access import misuse_reports_for_assessor
from oversight.core.dashboard import Link, Section, Waiting

ASSESSORS = frozenset({Role.LICENSING_OFFICER, Role.ANALYST})


def sections(user: AnyUser, roles: frozenset[str]) -> list[Section]:
    found = []
    if Role.COMPANY_MEMBER in roles:
        link = Link(_("Your company's human rights record"), reverse("companies:home"))
        found.append(Section("companies", _("Human rights record"), links=[link]))
    if roles & ASSESSORS:
        url = reverse("companies:assessments")
        due = misuse_reports_for_assessor(user).to_assess()
        row = due.aggregate(oldest=Min("created_at"), count=Count("pk"))
        found.append(
            Section(
                "misuse-assessment",
                _("Misuse reports to assess"),
                description=_(
                    "Reports companies filed with your body: substantiate or resolve them, "
                    "with reasons (A/HRC/41/35, para. 67(c))."
                ),
                waiting=[
                    Waiting(
                        _("Misuse reports to substantiate or resolve"),
                        row["count"],
                        url,
                        row["oldest"],
                    )
                ],
                links=[Link(_("Misuse reports addressed to you"), url)],
            )
        )
    return found
