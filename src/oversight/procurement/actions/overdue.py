"""Annual reports that are late: noted once each (holding, year) by the periodic job."""

from datetime import date

from django.db import transaction

from oversight.core import audit
from oversight.core.models import AuditEntry
from oversight.procurement.actions.use import overdue_years
from oversight.procurement.events import Event
from oversight.procurement.models import Holding


def note_overdue_reports(today: date) -> int:
    """Record in the audit log, once for each holding and year, an annual report that is
    past its due date (PROCUREMENT_REPORT_DUE_DAYS after the year ends) and not filed."""
    noted = {
        (object_id, str((changes or {}).get("year")))
        for object_id, changes in AuditEntry.objects.filter(
            action=Event.REPORT_OVERDUE, object_type=Holding._meta.label_lower
        ).values_list("object_id", "changes")
    }
    count = 0
    holdings = Holding.objects.filter(deployments__isnull=False).distinct().order_by("pk")
    for holding in holdings:
        for year in overdue_years(holding, today):
            if (str(holding.pk), str(year)) in noted:
                continue
            with transaction.atomic():
                audit.record(
                    Event.REPORT_OVERDUE,
                    holding,
                    actor_label="system",
                    changes={"year": year},
                    reasons=["no annual report was filed by its due date"],
                )
            count += 1
    return count
