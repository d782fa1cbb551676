"""Site-wide flood ceilings for the complainant's forms; they know nothing of the client.

A limit per client needs to know the client, and an address is the wrong key: behind
the recommended reverse proxy, or on Tor, many complainants share one. A backoff on
that key let anyone's wrong receipts make everyone's right one wait (up to an hour).
So there is no per-client state at all. Receipts have 83 bits, so guessing one online
is hopeless; what needs guarding is the server, since each receipt check costs an
Argon2id hash and each report one more. Each ceiling is a number of uses per minute
for the whole site, counted in the database (a DatabaseCache), so every worker
process shares it; a use past it is refused before any hashing.

A flood can therefore make checks wait until the next minute, for everyone, but no
longer, and it never costs an accepted report. Size the ceilings well above honest
traffic (README: GRIEVANCE_RECEIPT_CHECKS_PER_MINUTE, GRIEVANCE_REPORTS_PER_MINUTE);
per-connection limits belong to the reverse proxy, which sees connections we do not.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

CACHE = "limits"  # settings.CACHES: a DatabaseCache, shared by every process
WINDOW = 60  # seconds

clock: Callable[[], float] = time.time


@dataclass(frozen=True)
class Ceiling:
    name: str
    setting: str  # the settings name of the uses per WINDOW

    def allow(self) -> bool:
        """Take one use from this minute's site-wide budget; False once it is spent.

        Each use claims a numbered slot with `cache.add`, an INSERT on a unique key:
        concurrent workers can never claim the same slot, so the ceiling holds exactly.
        The shared count is only a hint of where the free slots begin.
        """
        limit = int(getattr(settings, self.setting))
        cache, window = caches[CACHE], int(clock() // WINDOW)
        hint = f"{self.name}:{window}:next"
        slot = int(cache.get(hint, 0))
        while slot < limit:
            if cache.add(f"{self.name}:{window}:{slot}", 1, timeout=2 * WINDOW):
                cache.set(hint, slot + 1, timeout=2 * WINDOW)
                return True
            slot += 1
        return False

    def reset(self) -> None:
        """Forget this minute's uses (tests, and an operator after a flood)."""
        caches[CACHE].clear()


receipts = Ceiling("receipts", "GRIEVANCE_RECEIPT_CHECKS_PER_MINUTE")
submissions = Ceiling("reports", "GRIEVANCE_REPORTS_PER_MINUTE")
