"""The periodic jobs of operations (registered in apps.py)."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from oversight.core.jobs import Job
from oversight.ops import actions

JOBS = [
    Job(
        "ops.prune",
        _("Prune finished task results and old job runs"),
        timedelta(days=1),
        actions.prune,
    )
]
