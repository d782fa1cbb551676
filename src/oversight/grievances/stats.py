"""Statistics without content: counts per dimension, small counts suppressed, rebuilt daily by
`actions.retention.rebuild_statistics`."""

from collections import Counter
from collections.abc import Callable
from datetime import date

from django.utils import timezone

from oversight.grievances import rules
from oversight.grievances.models import Report, Statistic, Status
from oversight.registry.models import Category

BUCKET_LABELS = {
    "none_yet": "No remedy provided yet",
    "under_30_days": "Under 30 days",
    "30_to_90_days": "30 to 90 days",
    "90_to_365_days": "90 days to a year",
    "over_365_days": "Over a year",
}


def _days(report: Report) -> float | None:
    if report.remedied_at is None:
        return None
    return (report.remedied_at - report.submitted_at).total_seconds() / 86400


DIMENSIONS: dict[str, Callable[[Report], tuple[str, str]]] = {
    "country": lambda r: (str(r.country_id), r.country.name) if r.country else ("", "Not stated"),
    "category": lambda r: (
        (r.category, str(Category(r.category).label)) if r.category else ("", "Not stated")
    ),
    "status": lambda r: (r.status, str(Status(r.status).label)),
    "time_to_remedy": lambda r: (
        rules.remedy_bucket(_days(r)),
        BUCKET_LABELS[rules.remedy_bucket(_days(r))],
    ),
}


def rows(reports: list[Report], today: date) -> list[Statistic]:
    """The published counts of these reports, small ones suppressed (unsaved rows)."""
    out = []
    for dimension, key_of in DIMENSIONS.items():
        counts: Counter[str] = Counter()
        labels: dict[str, str] = {}
        for report in reports:
            value, label = key_of(report)
            counts[value] += 1
            labels[value] = label
        for value, shown in rules.suppress(counts).items():
            out.append(
                Statistic(
                    dimension=dimension,
                    value=value or "-",
                    label=labels[value],
                    reports=shown,
                    suppressed=shown is None,
                    computed_on=today,
                )
            )
    return out


def count_about(
    organisation_id: int, technology_id: int, *, year: int | None = None
) -> int | None:
    """How many reports name this technology at this organisation (a purchaser's pages and
    annual reports): a count only, suppressed below the small-count threshold, and of
    reports closed before today, so it moves once a day and never marks a report's moment."""
    reports = Report.objects.filter(
        concerns_id=organisation_id,
        concerns_technology_id=technology_id,
        closed_at__date__lt=timezone.localdate(),
    )
    if year is not None:
        reports = reports.filter(submitted_at__year=year)
    return rules.suppress({"about": reports.count()})["about"]
