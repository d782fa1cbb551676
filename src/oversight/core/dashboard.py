"""The staff dashboard at /staff/, assembled from the sections each app registers.

Like `core.publication`: an app registers, in its `AppConfig.ready()`, a function that
is given the signed-in user and the roles they hold and returns the sections it has for
them (often none). The dashboard view renders whatever comes back, so the app that owns
the staff area (accounts) imports none of the apps whose work it links to.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeAlias

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise

Text: TypeAlias = str | Promise


@dataclass(frozen=True)
class Link:
    label: Text
    url: str


@dataclass(frozen=True)
class Count:
    """A number a person should see, such as the work waiting for them, and where it is."""

    label: Text
    value: int
    url: str = ""


@dataclass(frozen=True)
class Waiting:
    """Work that waits for the signed-in person: how much, since when, and where it is.

    The dashboard opens with every section's waiting work together, the oldest first."""

    label: Text
    count: int
    url: str
    oldest: datetime | date | None = None

    @property
    def since(self) -> date | None:
        if isinstance(self.oldest, datetime):
            return timezone.localtime(self.oldest).date()
        return self.oldest

    @property
    def days(self) -> int | None:
        """How many days it has waited (0: since today)."""
        return (timezone.localdate() - self.since).days if self.since else None


@dataclass
class Section:
    key: str  # unique on the page: the heading's id
    title: Text
    description: Text = ""
    scopes: list[str] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    waiting: list[Waiting] = field(default_factory=list)
    template: str = ""  # an optional include for a table, given `section` and `data`
    data: dict[str, Any] = field(default_factory=dict)


Contributor: TypeAlias = Callable[
    [AbstractBaseUser | AnonymousUser, frozenset[str]], Iterable[Section]
]

_contributors: list[tuple[int, str, Contributor]] = []


def register(name: str, contributor: Contributor, *, order: int = 50) -> None:
    """Add an app's sections to the dashboard; lower `order` comes first. Once per name."""
    if any(known == name for _order, known, _c in _contributors):
        raise ValueError(f"Dashboard sections {name!r} are already registered")
    _contributors.append((order, name, contributor))
    _contributors.sort(key=lambda entry: (entry[0], entry[1]))


def sections_for(user: AbstractBaseUser | AnonymousUser, roles: frozenset[str]) -> list[Section]:
    """Every registered app's sections for this user, in order."""
    return [
        section for _o, _n, contributor in _contributors for section in contributor(user, roles)
    ]


def waiting_in(label: Text, rows: models.QuerySet[Any], since: str, url: str) -> Waiting:
    """The work these rows stand for: how many, and the oldest value of `since`."""
    found = rows.aggregate(oldest=models.Min(since), count=models.Count("pk", distinct=True))
    return Waiting(label, found["count"], url, found["oldest"])


def waiting(sections: Iterable[Section]) -> list[Waiting]:
    """What waits, across every section: only what is there, the oldest first."""
    found = [item for section in sections for item in section.waiting if item.count]
    return sorted(found, key=lambda item: (item.since is None, item.since or date.min))
