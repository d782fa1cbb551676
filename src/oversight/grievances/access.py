"""The only way views and the API reach reports: through the handler's channels.

A handler holds the grievance-handler role in the organisation owning a channel;
they see the reports assigned to it. Any other report is "not found", whether or not
it exists.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponseBase

from oversight.accounts.access import AnyUser, require_staff
from oversight.accounts.models import Role, RoleAssignment, User
from oversight.grievances.models import (
    Channel,
    Destination,
    EvidenceFile,
    Report,
    ReportQuerySet,
)
from oversight.registry.access import organisations_for


def channels_for(user: AnyUser) -> QuerySet[Channel]:
    orgs = organisations_for(user, Role.GRIEVANCE_HANDLER)
    return Channel.objects.filter(organisation__in=orgs)


def handlers_of(channel: Channel) -> list[int]:
    """The ids of the users holding the grievance-handler role where the channel is owned."""
    rows = RoleAssignment.objects.filter(
        role=Role.GRIEVANCE_HANDLER, organisation_id=channel.organisation_id
    )
    return list(rows.values_list("user_id", flat=True))


def handler_of(channel: Channel, pk: object) -> User | None:
    """The user with this id if they handle the channel, else None (the input is untrusted)."""
    if not str(pk).isdigit():
        return None
    return User.objects.filter(pk=int(str(pk)), pk__in=handlers_of(channel)).first()


def get_open_channel(slug: str | None) -> Channel:
    """A channel taking reports (its slug, or the default channel), or 404 for anyone."""
    channels = Channel.objects.accepting().select_related("organisation")
    found = (
        channels.filter(slug=slug).first() if slug else channels.filter(is_default=True).first()
    )
    if found is None:
        raise Http404
    return found


def get_channel_for_user(user: AnyUser, slug: str) -> Channel:
    found = channels_for(user).filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def is_handler(user: AnyUser) -> bool:
    return channels_for(user).exists()


def reports_for(user: AnyUser) -> ReportQuerySet:
    return Report.objects.in_channels(channels_for(user))


def get_report_for_user(user: AnyUser, reference: str) -> Report:
    report = reports_for(user).select_related("channel", "country").filter(reference=reference)
    found = report.first()
    if found is None:
        raise Http404
    return found


def get_file_for_user(user: AnyUser, reference: str, pk: int) -> EvidenceFile:
    report = get_report_for_user(user, reference)
    found = report.files.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def require_handler(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Signed in with both factors and handling at least one channel; else 404."""

    @require_staff
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_handler(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def overseer_channel(report: Report, organisation_id: int | None) -> Channel | None:
    """The accepting State channel of the body overseeing a subject the complainant named,
    unless the report is already there (routing still checks consent and the channel)."""
    if organisation_id is None:
        return None
    return (
        Channel.objects.accepting()
        .filter(organisation_id=organisation_id, kind=Destination.STATE)
        .exclude(assignments__report=report)
        .first()
    )
