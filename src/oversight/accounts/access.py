"""Who holds which role, where; and the gate in front of every staff page.

Roles live only in `RoleAssignment` rows; `is_staff` and `is_superuser` are not
consulted anywhere in Oversight's own code (see `backends.py` for /admin/).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeAlias

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponseBase

from oversight.accounts.models import Role, RoleAssignment

AnyUser: TypeAlias = AbstractBaseUser | AnonymousUser
View: TypeAlias = Callable[..., HttpResponseBase]


def assignments_of(user: AnyUser) -> QuerySet[RoleAssignment]:
    if not user.is_authenticated or not user.is_active:
        return RoleAssignment.objects.none()
    return RoleAssignment.objects.filter(user_id=user.pk)


def roles_of(user: AnyUser) -> frozenset[str]:
    """The roles a user holds, in any scope (empty for anonymous or inactive users)."""
    return frozenset(assignments_of(user).values_list("role", flat=True))


def has_role(
    user: AnyUser,
    role: str,
    *,
    jurisdiction: Model | str | None = None,
    organisation: Model | str | None = None,
) -> bool:
    """Whether `user` holds `role` (in the given jurisdiction or organisation, if any).

    A jurisdiction is a registry row or its code; an organisation is a registry row or
    its slug. Accounts sits below the registry, so it knows them only by key.
    """
    rows = assignments_of(user).filter(role=role)
    if isinstance(jurisdiction, str):
        rows = rows.filter(jurisdiction_id=jurisdiction.upper())
    elif jurisdiction is not None:
        rows = rows.filter(jurisdiction_id=jurisdiction.pk)
    if isinstance(organisation, str):
        rows = rows.filter(organisation__slug=organisation)
    elif organisation is not None:
        rows = rows.filter(organisation_id=organisation.pk)
    return rows.exists()


def is_administrator(user: AnyUser) -> bool:
    return has_role(user, Role.ADMINISTRATOR)


def jurisdiction_ids_for(user: AnyUser, *roles: str) -> QuerySet[RoleAssignment, Any]:
    """The codes of the jurisdictions in which `user` holds one of `roles` (a subquery)."""
    return assignments_of(user).filter(role__in=roles).values("jurisdiction_id")


def organisation_ids_for(user: AnyUser, *roles: str) -> QuerySet[RoleAssignment, Any]:
    """The ids of the organisations in which `user` holds one of `roles` (a subquery)."""
    return assignments_of(user).filter(role__in=roles).values("organisation_id")


def is_verified(user: AnyUser) -> bool:
    """Signed in with a second factor during this session (django-otp)."""
    check = getattr(user, "is_verified", None)
    return bool(user.is_authenticated and callable(check) and check())


def require_verified(view: View) -> View:
    """Signed in with both factors; otherwise back to the sign-in page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_verified(request.user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def require_staff(view: View) -> View:
    """Signed in with both factors and holding at least one role; else login or 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_verified(request.user):
            return redirect_to_login(request.get_full_path())
        if not roles_of(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
