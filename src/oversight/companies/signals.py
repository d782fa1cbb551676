"""Signals other apps listen to (they sit on higher floors; this app never imports them).

`misuse_substantiated` is sent after the commit that marks a misuse report as
substantiated, with `report=<MisuseReport>`; licensing flags the licences concerned.
"""

from django.dispatch import Signal

misuse_substantiated = Signal()
