"""Licensing's section of the staff dashboard (registered with `core.dashboard`).

It opens with the work that waits: for officers, their assigned cases and what to
screen, moderate, review and decide, then the licences' conditions and suspension
proposals; for reviewers, the reviews due; for companies, their drafts, the authority's
questions and the evidence their conditions ask for. Each links to the list of them."""

from collections.abc import Mapping

from django.db.models import Count, Min, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oversight.accounts.access import AnyUser
from oversight.accounts.models import Role
from oversight.consultations.access import waiting_on
from oversight.core.dashboard import Link, Section, Text, Waiting, waiting_in
from oversight.licensing import access
from oversight.licensing.models import Application, ConditionStatus, Status, SuspensionProposal

WORKERS = frozenset({Role.LICENSING_OFFICER, Role.HUMAN_RIGHTS_REVIEWER, Role.COMPANY_MEMBER})


def _list(status: str = "") -> str:
    url = reverse("licensing:applications")
    return f"{url}?status={status}" if status else url


def _by_status(rows: QuerySet[Application], labels: Mapping[str, Text]) -> list[Waiting]:
    """The applications in each of these statuses, waiting since they last moved (one query)."""
    found = {
        row["status"]: row
        for row in rows.filter(status__in=labels)
        .order_by()
        .values("status")
        .annotate(oldest=Min("updated_at"), count=Count("pk"))
    }
    return [
        Waiting(
            label,
            found.get(status, {}).get("count", 0),
            _list(status),
            found.get(status, {}).get("oldest"),
        )
        for status, label in labels.items()
    ]


def _officer(user: AnyUser) -> list[Waiting]:
    rows = access.lodged_with(user, Role.LICENSING_OFFICER)
    consulting = waiting_on(rows.filter(status=Status.CONSULTATION), timezone.now())
    pending, ended = consulting["comments"], consulting["ended"]
    steps: dict[str, Text] = {
        Status.SCREENING: _("Screened applications: open their consultation"),
        Status.RESEARCH_CHECK: _("Research transfers to confirm"),
        Status.DECISION: _("Reviews in: applications to decide"),
        Status.APPEAL: _("Appeals to decide"),
    }
    return [
        *_by_status(rows, steps),
        Waiting(
            _("Public comments to moderate"),
            pending["count"],
            _list(Status.CONSULTATION),
            pending["oldest"],
        ),
        Waiting(
            _("Consultations ended: consider the comments, start the review"),
            ended["count"],
            _list(Status.CONSULTATION),
            ended["oldest"],
        ),
    ]


def _aftercare(user: AnyUser) -> list[Waiting]:
    """After the licence: evidence to assess, conditions overdue, suspensions proposed."""
    url = _list(Status.ISSUED)
    submitted, overdue = Q(status=ConditionStatus.SUBMITTED), Q(status=ConditionStatus.OVERDUE)
    row = access.conditions_lodged_with(user).aggregate(  # both in one query
        submitted=Count("pk", filter=submitted),
        submitted_since=Min("evidence_at", filter=submitted),
        overdue=Count("pk", filter=overdue),
        overdue_since=Min("overdue_since", filter=overdue),
    )
    proposals = access.proposals_lodged_with(user).filter(state=SuspensionProposal.State.OPEN)
    return [
        Waiting(_("Condition evidence to assess"), row["submitted"], url, row["submitted_since"]),
        Waiting(_("Licence conditions overdue"), row["overdue"], url, row["overdue_since"]),
        waiting_in(_("Suspensions proposed: decide"), proposals, "opened_at", url),
    ]


def sections(user: AnyUser, roles: frozenset[str]) -> list[Section]:
    if not roles & WORKERS:
        return []
    waiting = []
    if Role.LICENSING_OFFICER in roles:
        mine = access.assigned_to(user)
        waiting.append(waiting_in(_("Cases assigned to you"), mine, "updated_at", _list()))
        waiting += _officer(user) + _aftercare(user)
    if Role.HUMAN_RIGHTS_REVIEWER in roles:
        reviews = access.lodged_with(user, Role.HUMAN_RIGHTS_REVIEWER)
        waiting += _by_status(reviews, {Status.REVIEW: _("Human rights reviews due")})
    if Role.COMPANY_MEMBER in roles:
        drafts = access.drafts_of(user)
        waiting += _by_status(drafts, {Status.DRAFT: _("Drafts not yet submitted")})
        asked = access.questions_to_answer(user)
        label = _("Questions from the authority to answer")
        waiting.append(waiting_in(label, asked, "asked_at", _list()))
        due = access.conditions_held_by(user).filter(
            status__in=[ConditionStatus.PENDING, ConditionStatus.OVERDUE]
        )
        label = _("Licence conditions: evidence to send")
        waiting.append(waiting_in(label, due, "evidence_due", _list(Status.ISSUED)))
    links = [Link(_("Licence applications"), reverse("licensing:applications"))]
    if Role.LICENSING_OFFICER in roles:
        links.append(Link(_("Work queues"), reverse("licensing:queues")))
    if roles & {Role.LICENSING_OFFICER, Role.COMPANY_MEMBER}:
        links.append(Link(_("Classification rulings"), reverse("licensing:rulings")))
        links.append(Link(_("Catch-all notifications"), reverse("licensing:catch_alls")))
    return [Section("licensing", _("Export licensing"), links=links, waiting=waiting)]
