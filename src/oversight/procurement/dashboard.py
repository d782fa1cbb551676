"""Procurement's section of the staff dashboard (registered with `core.dashboard`).

It opens with what waits: for an agency, its drafts not yet put to the public; for an
oversight body's member, the proposals before the body for its decision."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oversight.accounts.access import AnyUser
from oversight.accounts.models import Role
from oversight.consultations.access import waiting_on
from oversight.core.dashboard import Link, Section, Waiting, waiting_in
from oversight.procurement.access import proposals_for_agency, proposals_for_body
from oversight.procurement.models.proposals import Status

WORKERS = frozenset({Role.AGENCY_OFFICIAL, Role.OVERSIGHT_MEMBER})


def _waiting(user: AnyUser, roles: frozenset[str]) -> list[Waiting]:
    url = reverse("procurement:index")
    found = []
    if Role.AGENCY_OFFICIAL in roles:
        drafts = proposals_for_agency(user).filter(status=Status.DRAFT)
        found.append(
            waiting_in(_("Proposals drafted, not yet submitted"), drafts, "updated_at", url)
        )
    if Role.OVERSIGHT_MEMBER in roles:
        open_ = waiting_on(
            proposals_for_body(user).filter(status=Status.CONSULTATION), timezone.now()
        )
        comments, ended = open_["comments"], open_["ended"]
        found += [
            Waiting(_("Public comments to moderate"), comments["count"], url, comments["oldest"]),
            Waiting(
                _("Comment periods ended: close them, hold the hearing"),
                ended["count"],
                url,
                ended["oldest"],
            ),
        ]
        before = proposals_for_body(user).filter(status=Status.DELIBERATION)
        label = _("Proposals before your body for a decision")
        found.append(waiting_in(label, before, "updated_at", url))
    return found


def sections(user: AnyUser, roles: frozenset[str]) -> list[Section]:
    if not roles & WORKERS:
        return []
    links = [Link(_("Proposals and inventory"), reverse("procurement:index"))]
    if Role.AGENCY_OFFICIAL in roles:
        links.append(Link(_("New proposal"), reverse("procurement:new")))
    section = Section(
        "procurement", _("Surveillance procurement"), links=links, waiting=_waiting(user, roles)
    )
    return [section]
