"""Which goods lines a catch-all notification binds (reads only; used by screening).

Regulation (EU) 2021/821, Art. 5: once the authority decides that a licence is required
for an unlisted cyber-surveillance item to a destination, the item is treated as
controlled there; while the notification awaits its decision the exporter may not
export it either. So an application for that item to that destination can never be
"no licence required".
"""

from collections.abc import Iterable

from oversight.licensing.models import Application, GoodsLine
from oversight.licensing.models.rulings import CatchAllNotification, CatchAllState


def caught_lines(app: Application, lines: Iterable[GoodsLine]) -> dict[int, str]:
    """line number -> why it is caught, for lines of a technology bound to the destination."""
    if app.destination_id is None:
        return {}
    rows = CatchAllNotification.objects.binding().filter(
        jurisdiction_id=app.exporting_jurisdiction_id, destination_id=app.destination_id
    )
    by_technology: dict[int, CatchAllNotification] = {}
    for row in rows.order_by("notified_at"):
        by_technology.setdefault(row.technology_id, row)
    found = {}
    for line in lines:
        bound = by_technology.get(line.technology_id)
        if bound is not None:
            why = "pending" if bound.state == CatchAllState.NOTIFIED else "licence required"
            found[line.number] = f"{bound.reference} ({why})"
    return found
