"""The public face of the audit log (head, recent entries, verification) and /healthz.

Entries may concern records that are not public (a grievance, a draft, a case),
so only their sequence number, time, action and hash are ever published: enough
to check the chain and see that something happened, never who did it or to what.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from oversight.core import audit
from oversight.core.models import GENESIS_HASH, AuditEntry, AuditHead

PUBLIC_ENTRY_FIELDS = ("seq", "at", "action", "prev_hash", "hash")
RECENT = 20
VERIFY_EVERY = 60  # seconds; walking the chain reads every entry, so not on every request


@dataclass(frozen=True)
class PublicHead:
    count: int
    hash: str
    updated_at: datetime | None


def public_head() -> PublicHead:
    row = AuditHead.objects.filter(pk=1).values_list("count", "hash", "updated_at").first()
    return PublicHead(0, GENESIS_HASH, None) if row is None else PublicHead(*row)


@dataclass(frozen=True)
class Check:
    ok: bool
    count: int
    problem: str
    checked_at: datetime


def checked() -> Check:
    """The result of walking the whole chain, at most VERIFY_EVERY seconds old.

    The walk costs one read of every entry (about a second per 100,000 on a
    laptop), so its result is cached; a tampered row shows within a minute.
    """
    found = cache.get("portal:audit-check")
    if isinstance(found, Check):
        return found
    verdict = audit.verify()
    result = Check(verdict.ok, verdict.count, verdict.problem, timezone.now())
    cache.set("portal:audit-check", result, VERIFY_EVERY)
    return result


def public_entry(seq: int, at: datetime, action: str, prev_hash: str, hash: str) -> dict[str, Any]:
    """What anyone may see of an entry; private ones (audit.mark_private) lose time and kind."""
    private = audit.is_private(action)
    return {
        "seq": seq,
        "at": at.replace(hour=0, minute=0, second=0, microsecond=0) if private else at,
        "day_only": private,
        "action": "restricted" if private else action,
        "prev_hash": prev_hash,
        "hash": hash,
    }


def recent_entries() -> list[dict[str, Any]]:
    rows = AuditEntry.objects.order_by("-seq").values_list(*PUBLIC_ENTRY_FIELDS)[:RECENT]
    return [public_entry(*row) for row in rows]


def transparency_log(request: HttpRequest) -> HttpResponse:
    context = {
        "head": public_head(),
        "check": checked(),
        "entries": recent_entries(),
        "recent": RECENT,
        "verify_every": VERIFY_EVERY,
    }
    return render(request, "portal/transparency_log.html", context)


def healthz(request: HttpRequest) -> JsonResponse:
    """The database answers and the audit chain holds (walked at most every VERIFY_EVERY s).

    A broken chain is a 503, so that monitoring alerts at once; the public site keeps
    serving, and /transparency/log/ names the first entry that does not hold.
    """
    try:
        count = AuditHead.objects.filter(pk=1).values_list("count", flat=True).first() or 0
        check = checked()
    except DatabaseError as error:
        reason = f"database unreachable: {type(error).__name__}"
        return JsonResponse({"status": "error", "database": reason}, status=503)
    log: dict[str, Any] = {"count": count, "chain": "ok" if check.ok else "broken"}
    if not check.ok:
        log["problem"] = check.problem
        return JsonResponse({"status": "error", "database": "ok", "audit_log": log}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "audit_log": log})
