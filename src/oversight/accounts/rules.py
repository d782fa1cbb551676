"""Pure rules for accounts: which scope each role takes, and the login backoff."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.translation import gettext as _

from oversight.accounts.models import (
    GLOBAL_ROLES,
    JURISDICTION_ROLES,
    ORGANISATION_ROLES,
    Role,
)

MAX_LOCK = timedelta(hours=1)


@dataclass(frozen=True)
class ScopeProblem:
    field: str  # "jurisdiction" or "organisation"
    message: str


def scope_problems(role: str, *, jurisdiction: bool, organisation: bool) -> list[ScopeProblem]:
    """What is wrong with granting `role` with (or without) each scope; empty when it fits."""
    if role not in Role.values:
        return [ScopeProblem("role", _("Unknown role %(role)s.") % {"role": role})]
    label = Role(role).label
    problems: list[ScopeProblem] = []
    if role in JURISDICTION_ROLES:
        if not jurisdiction:
            problems.append(ScopeProblem("jurisdiction", _("%s needs a jurisdiction.") % label))
        if organisation:
            problems.append(ScopeProblem("organisation", _("%s takes no organisation.") % label))
    elif role in ORGANISATION_ROLES:
        if not organisation:
            problems.append(ScopeProblem("organisation", _("%s needs an organisation.") % label))
        if jurisdiction:
            problems.append(ScopeProblem("jurisdiction", _("%s takes no jurisdiction.") % label))
    elif role in GLOBAL_ROLES:
        for field, given in (("jurisdiction", jurisdiction), ("organisation", organisation)):
            if given:
                problems.append(
                    ScopeProblem(
                        field, _("%(role)s takes no %(field)s.") % {"role": label, "field": field}
                    )
                )
    return problems


def lock_duration(failures: int, max_failures: int) -> timedelta | None:
    """None below the threshold; then 1, 2, 4… minutes, capped at one hour."""
    if failures < max_failures:
        return None
    exponent = min(failures - max_failures, 10)
    return min(timedelta(minutes=2**exponent), MAX_LOCK)


def way_out_open(locked_since: datetime | None, now: datetime, cooling_off: timedelta) -> bool:
    """Whether a locked name may sign in with password and authenticator code together.

    The way out opens once the first lock of the run has stood `cooling_off`; renewing
    the lock by failing again does not close it, so nobody can keep a handler out.
    """
    return locked_since is not None and now >= locked_since + cooling_off
