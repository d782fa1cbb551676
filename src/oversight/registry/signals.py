"""Signals about the chain of a technology, for apps on higher floors (they listen).

`origin_misused` is sent when misuse is substantiated for a technology whose chain starts
at a known origin, with `origin` (``"licence"``, ``"historical_decision"`` or
``"transfer"``), `reference` (the licence number, decision reference or transfer id) and
`reason`: procurement sends it for a flagged purchase, and licensing flags the licence
that let the technology in. Neither imports the other.
"""

from django.dispatch import Signal

origin_misused = Signal()
