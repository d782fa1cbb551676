"""Signals grievances sends for apps on higher floors (licensing, procurement, companies).

`grievance_substantiated` is sent after commit when a report closes as substantiated,
with `report`, `organisation` and `technology` (or None): listeners flag the
company's compliance record and the linked licences and purchases for review (67c).
"""

from django.dispatch import Signal

grievance_substantiated = Signal()
