"""Monitoring's section of the staff dashboard (registered with `core.dashboard`).

It opens with what waits for the analyst: communications whose reply is overdue, and
replies received that nobody has assessed yet."""

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oversight.accounts.access import AnyUser
from oversight.accounts.models import Role
from oversight.core.dashboard import Link, Section, Waiting
from oversight.monitoring.access import communications_for_user
from oversight.monitoring.models import Reply
from oversight.monitoring.vocabulary import ReplyAssessment


def _waiting(user: AnyUser) -> list[Waiting]:
    home = reverse("monitoring:home")
    late = (
        communications_for_user(user)
        .overdue(timezone.localdate())
        .aggregate(oldest=Min("reply_due"), count=Count("pk"))
    )
    unassessed = (
        Reply.objects.filter(communication__in=communications_for_user(user))
        .filter(assessment=ReplyAssessment.NOT_ASSESSED)
        .aggregate(oldest=Min("received_on"), count=Count("pk"))
    )
    return [
        Waiting(_("Communications whose reply is overdue"), late["count"], home, late["oldest"]),
        Waiting(
            _("Replies received, not yet assessed"),
            unassessed["count"],
            home,
            unassessed["oldest"],
        ),
    ]


def sections(user: AnyUser, roles: frozenset[str]) -> list[Section]:
    if Role.ANALYST not in roles:
        return []
    links = [
        Link(_("Cases and communications"), reverse("monitoring:home")),
        Link(_("Periodic report"), reverse("monitoring:report")),
    ]
    return [Section("monitoring", _("Monitoring"), links=links, waiting=_waiting(user))]
