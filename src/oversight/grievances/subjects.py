"""What a complainant may name their report about, filled in by higher apps.

Grievances sits below the apps that know which technologies are deployed where
(procurement), so it cannot ask them. Instead an upper app registers, in its
`AppConfig.ready()`, a provider: a function returning the `Subject`s it offers (public
information only, such as a public inventory). The report form lists them; the choice is
sealed inside the report with its other answers, never in a plain column, and a handler
confirms it into the plain `concerns` fields when closing (see docs/threat-model.md).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeAlias


@dataclass(frozen=True)
class Subject:
    """A deployed technology at one agency, and the body that oversees its use."""

    key: str  # stable and public, e.g. "procurement:CH-2026-0001"
    label: str  # what the complainant sees: agency, technology
    organisation_id: int  # the agency (registry organisation)
    technology_id: int  # the registry technology
    overseer_id: int | None = None  # the oversight body's registry organisation
    overseer: str = ""  # its name, for the consent's wording


Provider: TypeAlias = Callable[[], Iterable[Subject]]
_providers: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    """Offer the subjects `provider` returns on the report form; once per name."""
    if _providers.get(name, provider) is not provider:
        raise ValueError(f"A subject provider named {name} is already registered")
    _providers[name] = provider


def all_subjects() -> list[Subject]:
    return [subject for name in sorted(_providers) for subject in _providers[name]()]


def choices() -> list[tuple[str, str]]:
    return [(subject.key, subject.label) for subject in all_subjects()]


def resolve(key: str) -> Subject | None:
    """The subject with this key today, or None (withdrawn, or never offered)."""
    return next((s for s in all_subjects() if s.key == key), None) if key else None
