"""The companies' section of the staff dashboard (registered with `core.dashboard`)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oversight.accounts.access import AnyUser, organisation_ids_for
from oversight.accounts.models import Role
from oversight.companies.access import (
    corrective_actions_in,
    drafts_to_vote_on,
    engagements_for_user,
    misuse_reports_for_assessor,
)
from oversight.companies.models import CorrectiveAction, Engagement
from oversight.core.dashboard import Link, Section, Waiting, waiting_in

ASSESSORS = frozenset({Role.LICENSING_OFFICER, Role.ANALYST})


def _audit_work(user: AnyUser, roles: frozenset[str]) -> list[Waiting]:
    """Audits: the auditor's declarations, fieldwork and verifications; the company's
    corrective actions, overdue first."""
    url, today = reverse("companies:audits"), timezone.localdate()
    engagements = engagements_for_user(user)
    found = []
    if Role.AUDITOR in roles:
        mine = engagements.filter(auditor_id=user.pk)
        planned = mine.filter(status=Engagement.Status.PLANNED)
        fieldwork = mine.filter(status=Engagement.Status.FIELDWORK)
        done = corrective_actions_in(mine).filter(status=CorrectiveAction.Status.DONE)
        found += [
            waiting_in(_("Engagements awaiting your declaration of independence"), planned,
                     "created_at", url),
            waiting_in(_("Audits in fieldwork: findings to record, summary to publish"),
                     fieldwork, "created_at", url),
            waiting_in(_("Corrective actions reported done: verify"), done, "created_at", url),
        ]  # fmt: skip
    if Role.COMPANY_MEMBER in roles:
        ours = engagements.filter(company__in=organisation_ids_for(user, Role.COMPANY_MEMBER))
        actions = corrective_actions_in(ours).filter(status=CorrectiveAction.Status.OPEN)
        late, coming = actions.filter(due_on__lt=today), actions.filter(due_on__gte=today)
        found += [
            waiting_in(_("Corrective actions overdue"), late, "due_on", url),
            waiting_in(_("Corrective actions to complete"), coming, "due_on", url),
        ]
    return found


def _votes(user: AnyUser) -> list[Waiting]:
    """Draft versions of the standards of the member's bodies that they have not voted on."""
    url = reverse("companies:standards")
    return [
        waiting_in(
            _("Draft standards awaiting your vote"), drafts_to_vote_on(user), "created_at", url
        )
    ]


def sections(user: AnyUser, roles: frozenset[str]) -> list[Section]:
    found = []
    if Role.COMPANY_MEMBER in roles:
        link = Link(_("Your company's human rights record"), reverse("companies:home"))
        audits = Link(_("Independent audits of your company"), reverse("companies:audits"))
        work = _audit_work(user, frozenset({Role.COMPANY_MEMBER}))
        found.append(
            Section("companies", _("Human rights record"), links=[link, audits], waiting=work)
        )
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
                waiting=_audit_work(user, roles - {Role.COMPANY_MEMBER}),
            )
        )
    if Role.STANDARDS_MEMBER in roles:
        url = reverse("companies:standards")
        links = [Link(_("Standards of conduct: drafts, votes, adoption"), url)]
        found.append(
            Section("standards", _("Standards of conduct"), links=links, waiting=_votes(user))
        )
    if roles & ASSESSORS:
        url = reverse("companies:assessments")
        due = misuse_reports_for_assessor(user).to_assess()
        found.append(
            Section(
                "misuse-assessment",
                _("Misuse reports to assess"),
                description=_(
                    "Reports companies filed with your body: substantiate or resolve them, "
                    "with reasons (A/HRC/41/35, para. 67(c))."
                ),
                waiting=[
                    waiting_in(
                        _("Misuse reports to substantiate or resolve"), due, "created_at", url
                    )
                ],
                links=[Link(_("Misuse reports addressed to you"), url)],
            )
        )
    return found
