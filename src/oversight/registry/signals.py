"""What the registry tells the apps above it (they listen; the registry imports none of them).

`origin_misused` is sent when misuse is substantiated for a technology whose chain starts
at a known origin, with `origin` (``"licence"``, ``"historical_decision"`` or
``"transfer"``), `reference` (the licence number, decision reference or transfer id) and
`reason`: procurement sends it for a flagged purchase, and licensing flags the licence
that let the technology in. Neither imports the other.

`moratorium_declared` is sent after the commit when a moratorium came into force, or
changed, in a jurisdiction, with `jurisdiction` (the `Jurisdiction`, as saved).

`licence_statistics_saved` is sent inside the transaction of a batch of licence
statistics written at once (`actions.upsert_licence_statistics`, which saves them
with bulk_create / bulk_update, so no `post_save`), with `rows` (the statistics
created or changed, as saved) and `actor_label`.
"""

from django.dispatch import Signal

origin_misused = Signal()
moratorium_declared = Signal()
licence_statistics_saved = Signal()
