"""Flood and guessing limits that store no address, anywhere.

The client is known only by an HMAC of its address under a key that lives in this
process's memory and changes every day; the counters live in memory too. Nothing
reaches the database, the logs or the disk. A global budget limits guessing from
many addresses at once (Tor users share exits, so the per-client one is only a first line).
"""

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest

from oversight.grievances.rules import receipt_delay

DAY = 86400


@dataclass
class Limiter:
    rate: float  # tokens per second
    burst: int
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[bytes, tuple[float, float]] = field(default_factory=dict)
    _failures: dict[bytes, tuple[int, float]] = field(default_factory=dict)
    _day: int = -1
    _key: bytes = b""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def client(self, request: HttpRequest) -> bytes:
        day = int(time.time() // DAY)
        with self._lock:
            if day != self._day:  # a new key, and yesterday's counters forgotten
                self._day, self._key = day, secrets.token_bytes(32)
                self._buckets.clear()
                self._failures.clear()
            key = self._key
        address = str(request.META.get("REMOTE_ADDR", ""))
        return hmac.new(key, address.encode(), hashlib.sha256).digest()[:16]

    def allow(self, who: bytes) -> bool:
        """Take one token from the client's bucket (and the global one)."""
        now = self.clock()
        with self._lock:
            return self._take(who, now) and self._take(b"*", now, scale=20)

    def _take(self, who: bytes, now: float, scale: int = 1) -> bool:
        tokens, last = self._buckets.get(who, (float(self.burst * scale), now))
        tokens = min(self.burst * scale, tokens + (now - last) * self.rate * scale)
        if tokens < 1:
            self._buckets[who] = (tokens, now)
            return False
        self._buckets[who] = (tokens - 1, now)
        return True

    def wait_seconds(self, who: bytes) -> int:
        """Seconds this client must wait before its next receipt is even checked."""
        with self._lock:
            failures, at = self._failures.get(who, (0, 0.0))
        remaining = at + receipt_delay(failures).total_seconds() - self.clock()
        return max(0, int(remaining + 0.999))

    def failed(self, who: bytes) -> None:
        with self._lock:
            failures, _ = self._failures.get(who, (0, 0.0))
            self._failures[who] = (failures + 1, self.clock())

    def succeeded(self, who: bytes) -> None:
        with self._lock:
            self._failures.pop(who, None)

    def reset(self) -> None:
        with self._lock:
            self._buckets.clear()
            self._failures.clear()


submissions = Limiter(rate=1 / 60, burst=5)  # a few reports, then one a minute
receipts = Limiter(rate=1 / 5, burst=10)  # receipt attempts, on top of the backoff
