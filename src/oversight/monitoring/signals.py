"""Signals monitoring sends for apps on higher floors (procurement, licensing).

`case_substantiated` is sent after commit when a case becomes substantiated in
monitoring's vocabulary: published, with its verification "confirmed by forensic
analysis" (`rules.is_substantiated`), whichever of the two came last. It carries `case`,
`states` (the operator State(s) as `Jurisdiction`s; empty when not known), `technology`
and `vendor` (or None): listeners flag the purchases of that technology by agencies of
those States, and the licences for it to them, saying why with the case reference.
"""

from django.dispatch import Signal

case_substantiated = Signal()
