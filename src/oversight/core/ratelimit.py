"""Per-client limits of the public API and the open data (/api/v1/, /data/).

A client is its bearer token when it sends one, otherwise its network address; either
is kept only as an HMAC under a key derived from SECRET_KEY and today's date, so the
same client cannot be followed from one day to the next, and the address itself is
never stored or logged. Each client has `API_REQUESTS_PER_MINUTE` requests a minute;
one more is answered 429 with `Retry-After` (the seconds until the next minute).

The count is one row per client and minute (`RateCount`), incremented by one UPDATE,
atomic in SQLite and PostgreSQL alike, so the limit holds exactly across every worker
process. Rows older than the previous minute are deleted as new minutes begin.

Behind the recommended reverse proxy every client has the proxy's address unless the
proxy passes the client's as REMOTE_ADDR (gunicorn `--forwarded-allow-ips`): then the
limit is per client again. The complainant's pages are never limited, counted or
hashed here.
"""

import hashlib
import hmac
import time
from collections.abc import Callable
from datetime import UTC, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse, JsonResponse

from oversight.core.models import RateCount

PREFIXES = ("/api/v1/", "/data/")
WINDOW = 60  # seconds

clock: Callable[[], float] = time.time


def client_of(request: HttpRequest, now: float) -> str:
    """The keyed hash naming this client today (never the address or the token)."""
    day = datetime.fromtimestamp(now, UTC).strftime("%Y-%m-%d")
    key = hashlib.sha256(f"oversight-ratelimit:{day}:{settings.SECRET_KEY}".encode()).digest()
    authorization = request.headers.get("Authorization", "")
    if authorization.lower().startswith("bearer "):
        who = "token:" + authorization[7:].strip()
    else:
        who = "address:" + str(request.META.get("REMOTE_ADDR", ""))
    return hmac.new(key, who.encode(), hashlib.sha256).hexdigest()[:40]


def take(client: str, window: int) -> int:
    """Count one request of `client` in `window`; the count so far, this one included."""
    rows = RateCount.objects.filter(client=client, window=window)
    if not rows.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                RateCount.objects.create(client=client, window=window, count=1)
            RateCount.objects.filter(window__lt=window - 1).delete()
            return 1
        except IntegrityError:  # another worker began this minute first
            rows.update(count=F("count") + 1)
    return int(rows.values_list("count", flat=True).get())


def limited(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[..., HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        limit = int(getattr(settings, "API_REQUESTS_PER_MINUTE", 0))
        if not limit or not request.path.startswith(PREFIXES) or request.method == "OPTIONS":
            return get_response(request)
        now = clock()
        window = int(now // WINDOW)
        if take(client_of(request, now), window) <= limit:
            return get_response(request)
        retry = max(1, int((window + 1) * WINDOW - now + 0.999))
        message = f"Too many requests: at most {limit} a minute. Retry after {retry} seconds."
        response = JsonResponse({"status": 429, "message": message, "errors": {}}, status=429)
        response["Retry-After"] = str(retry)
        return response

    return middleware
