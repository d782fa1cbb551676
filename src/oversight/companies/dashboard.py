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
        audits = Link(_("Independent audits of your company"), reverse("companies:audits"))
        found.append(Section("companies", _("Human rights record"), links=[link, audits]))
    if Role.AUDITOR in roles:
        url = reverse("companies:audits")
        found.append(
            Section(
                "audits",
                _("Independent audits"),
                description=_(
                    "Declare independence, record a finding per requirement, verify "
                    "corrective actions and publish the summary (A/HRC/41/35, para. 69)."
                ),
                links=[Link(_("Your engagements"), url)],
            )
        )
    if Role.STANDARDS_MEMBER in roles:
        url = reverse("companies:standards")
        links = [Link(_("Standards of conduct: drafts, votes, adoption"), url)]
        found.append(Section("standards", _("Standards of conduct"), links=links))
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
