"""System checks: the demo-only conveniences must never run on a public host."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

LOOPBACK = frozenset({"127.0.0.1", "localhost", "[::1]", "::1", ".localhost"})


@register()
def demo_only_on_loopback(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if not settings.DEMO or settings.DEBUG:
        return []
    public = sorted(set(settings.ALLOWED_HOSTS) - LOOPBACK)
    if not public:
        return []
    return [
        Error(
            "OVERSIGHT_DEMO is on while DEBUG is off and ALLOWED_HOSTS names public hosts "
            f"({', '.join(public)}).",
            hint="Demo mode prints second-factor codes; unset OVERSIGHT_DEMO in production.",
            id="oversight.E001",
        )
    ]
