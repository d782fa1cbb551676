"""State machines: which status may follow which, with a clear error otherwise."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _


class IllegalTransition(Exception):
    """Raised when a record may not move from its status to the one asked for."""


def check(machine: Mapping[str, frozenset[str]], current: str, target: str, what: Any) -> None:
    allowed = machine.get(current, frozenset())
    if target not in allowed:
        options = ", ".join(sorted(allowed)) or _("none: this is a final state")
        raise IllegalTransition(
            _("%(what)s cannot go from “%(current)s” to “%(target)s”; allowed next: %(options)s")
            % {"what": what, "current": current, "target": target, "options": options}
        )
