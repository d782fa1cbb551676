"""Monitoring's section of the staff dashboard (registered with `core.dashboard`).

It opens with what waits for the analyst: communications whose reply is overdue, and
replies received that nobody has assessed yet."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oversight.accounts.access import AnyUser
from oversight.accounts.models import Role
from oversight.core.dashboard import Link, Section, Waiting, waiting_in
from oversight.monitoring.access import communications_for_user
from oversight.monitoring.models import Reply
from oversight.monitoring.vocabulary import ReplyAssessment


def _waiting(user: AnyUser) -> list[Waiting]:
    home = reverse("monitoring:home")
    late = communications_for_user(user).overdue(timezone.localdate())
    unassessed = Reply.objects.filter(
        communication__in=communications_for_user(user),
        assessment=ReplyAssessment.NOT_ASSESSED,
    )
    return [
        waiting_in(_("Communications whose reply is overdue"), late, "reply_due", home),
        waiting_in(_("Replies received, not yet assessed"), unassessed, "received_on", home),
    ]


def sections(user: AnyUser, roles: frozenset[str]) -> list[Section]:
    if Role.ANALYST not in roles:
        return []
    links = [
        Link(_("Cases and communications"), reverse("monitoring:home")),
        Link(_("Periodic report"), reverse("monitoring:report")),
    ]
    return [Section("monitoring", _("Monitoring"), links=links, waiting=_waiting(user))]
