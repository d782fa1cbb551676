"""The only public view of grievances: counts, with small ones suppressed. Never content."""

from django.utils.translation import gettext_lazy as _

from oversight.core.publication import Filter, Schema, headings, register
from oversight.grievances.models import Statistic

DIMENSIONS = [
    ("country", _("Country")),
    ("category", _("Technology category")),
    ("status", _("Status")),
    ("time_to_remedy", _("Time to remedy")),
]

register(
    Schema(
        name="grievance-statistics",
        title=_("Grievance statistics"),
        description=_(
            "How many grievances were received, by country, technology category, status "
            "and time to remedy. Counts under 5 are suppressed (shown empty), with one more "
            "where needed, so that nobody can be singled out. Rebuilt daily; no content."
        ),
        queryset=lambda: Statistic.objects.all(),
        fields={
            "id": "id",
            "dimension": "dimension",
            "value": "value",
            "label": "label",
            "reports": "reports",
            "suppressed": "suppressed",
            "computed_on": "computed_on",
        },
        labels=headings(id=_("Id"), reports=_("Reports"), suppressed=_("Suppressed")),
        filters=(
            Filter(
                "dimension",
                _("Dimension"),
                "dimension",
                choices=lambda: [(key, str(label)) for key, label in DIMENSIONS],
            ),
        ),
        list_fields=("dimension", "label", "reports", "suppressed"),
        ordering=("dimension", "value"),
        licence="CC0-1.0",
    )
)
