"""The grievances' section of the staff dashboard (registered with `core.dashboard`).

It opens with what waits for the handler: reports to read, messages from complainants
not yet answered, and replies past their due date. Counts and dates only: nothing of
a report's content reaches the dashboard."""

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from oversight.accounts.access import AnyUser
from oversight.accounts.models import Role
from oversight.core.dashboard import Link, Section, Waiting, waiting_in
from oversight.grievances.access import reports_for
from oversight.grievances.models import Entry, Status


def _waiting(user: AnyUser) -> list[Waiting]:
    inbox = reverse("grievances:inbox")
    reports = reports_for(user)
    exchanged = Entry.objects.filter(
        report=OuterRef("pk"), kind__in=[Entry.Kind.FROM_COMPLAINANT, Entry.Kind.TO_COMPLAINANT]
    )
    latest = exchanged.order_by("-created_at", "-pk")
    unanswered = list(
        reports.open()
        .annotate(last_kind=Subquery(latest.values("kind")[:1]))
        .annotate(last_at=Subquery(latest.values("created_at")[:1]))
        .filter(last_kind=Entry.Kind.FROM_COMPLAINANT)
        .values_list("last_at", flat=True)
    )
    return [
        waiting_in(
            _("Reports to read and triage"),
            reports.filter(status=Status.RECEIVED),
            "submitted_at",
            inbox,
        ),
        Waiting(
            _("Messages from complainants not yet answered"),
            len(unanswered),
            inbox,
            min(unanswered, default=None),
        ),
        waiting_in(_("Replies overdue"), reports.overdue(), "due_at", inbox),
    ]


def sections(user: AnyUser, roles: frozenset[str]) -> list[Section]:
    if Role.GRIEVANCE_HANDLER not in roles:
        return []
    link = Link(_("Grievance inbox"), reverse("grievances:inbox"))
    return [Section("grievances", _("Grievances"), links=[link], waiting=_waiting(user))]
