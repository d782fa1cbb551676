"""The only way views and the API reach monitoring rows: analysts only.

Everyone else gets the same answer for "not there" and "not yours" (404 on a
record; 403 on a page that lists restricted rows). Victim identities are read
through `identities_for_user` alone, which is why no view imports the model.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponseBase

from oversight.accounts.access import AnyUser, has_role, require_staff
from oversight.accounts.models import Role
from oversight.monitoring.models import (
    Case,
    Communication,
    CommunicationQuerySet,
    VictimIdentity,
)


def is_analyst(user: AnyUser) -> bool:
    return has_role(user, Role.ANALYST)


def require_analyst(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Signed in with both factors (else sign-in) and holding the analyst role (else 403)."""

    @require_staff
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_analyst(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def cases_for_user(user: AnyUser) -> QuerySet[Case]:
    """Every case, drafts included, for analysts; none for anyone else."""
    if not is_analyst(user):
        return Case.objects.none()
    return Case.objects.select_related("country", "vendor", "technology", "operator_country")


def get_case_for_user(user: AnyUser, pk: int | str) -> Case:
    case = cases_for_user(user).filter(pk=pk).first() if str(pk).isdigit() else None
    if case is None:
        raise Http404
    return case


def communications_for_user(user: AnyUser) -> CommunicationQuerySet:
    if not is_analyst(user):
        return Communication.objects.none()
    return Communication.objects.select_related("addressee_state", "addressee_company")


def get_communication_for_user(user: AnyUser, pk: int | str) -> Communication:
    letter = communications_for_user(user).filter(pk=pk).first() if str(pk).isdigit() else None
    if letter is None:
        raise Http404
    return letter


def identities_for_user(user: AnyUser, case: Case) -> dict[int, VictimIdentity]:
    """Victim id → identity, for analysts only; an empty mapping for anyone else."""
    if not is_analyst(user):
        return {}
    rows = VictimIdentity.objects.filter(victim__case=case)
    return {row.victim_id: row for row in rows}
