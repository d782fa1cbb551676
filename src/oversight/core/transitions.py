"""State machines: which status may follow which, with a clear error otherwise."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _


class IllegalTransition(Exception):
    """Raised when a record may not move from its status to the one asked for."""


def allowed_moves(machine: Mapping[str, frozenset[str]], current: str) -> frozenset[str]:
    """The states that may follow `current` (none for a final state): ask this, not a name."""
    return machine.get(current, frozenset())


def check(machine: Mapping[str, frozenset[str]], current: str, target: str, what: Any) -> None:
    allowed = allowed_moves(machine, current)
    if target not in allowed:
        options = ", ".join(sorted(allowed)) or _("none: this is a final state")
        raise IllegalTransition(
            _("%(what)s cannot go from “%(current)s” to “%(target)s”; allowed next: %(options)s")
            % {"what": what, "current": current, "target": target, "options": options}
        )
