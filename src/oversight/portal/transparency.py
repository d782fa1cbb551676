"""The public face of the audit log (checkpoint, entries, verification) and /healthz.

Entries may concern records that are not public (a grievance, a draft, a case),
so only their sequence number, day, action and hash are ever published: enough
to check the chain and see that something happened, never who did it or to what.

Nothing public may place a complaint below its day. So the head is a checkpoint cut
at midnight UTC (`core.audit.checkpoint`), no entry after it is shown, no entry
shows more than its day, and on a day with a private entry every entry of that day
shows only "restricted": an ordinary entry whose exact time is known elsewhere (a
consultation's closing, say) cannot then bracket a complaint beside it.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from oversight.core import audit, note, tlog
from oversight.core.models import AuditEntry
from oversight.witness import access as witnessing

PUBLIC_ENTRY_FIELDS = ("seq", "at", "action", "prev_hash", "hash")
RECENT = 20
VERIFY_EVERY = 60  # seconds; walking the chain reads every entry, so not on every request
RESTRICTED = "restricted"


def public_head() -> audit.Checkpoint:
    return audit.checkpoint()


def signed_head() -> tlog.Signed:
    """The published checkpoint with its Merkle root, signed with this instance's key."""
    return tlog.signed_checkpoint()


def cosigned_note(signed: tlog.Signed) -> str:
    """The signed checkpoint with the cosignature line of each witness that cosigned it."""
    found = witnessing.witnesses_of(signed.tree.size, signed.tree.root_b64)
    lines = "".join(f"{w.current.line}\n" for w in found if w.current is not None)
    return signed.note + lines


def latest_cosignatures() -> list[dict[str, Any]]:
    """Each witness's largest cosigned checkpoint of this log (verified when collected)."""
    return [
        {
            "witness": w.cosigner.name,
            "url": w.cosigner.url,
            "key": w.cosigner.key,
            "size": w.latest.size,
            "root": w.latest.root,
            "time": w.latest.timestamp,
            "line": w.latest.line,
        }
        for w in witnessing.witnesses_of(-1, "")
        if w.latest is not None
    ]


def key(request: HttpRequest) -> HttpResponse:
    """This instance's verifier keys (signed-note vkeys): the log's (type 0x01), which
    signs its checkpoints, then the witness's (type 0x04), which cosigns other logs."""
    return HttpResponse(tlog.key_text(), content_type="text/plain; charset=utf-8")


def witness_publication() -> dict[str, Any]:
    """What this instance witnessed of other logs, as `GET /api/v1/transparency/witness`."""
    logs = []
    for watched in witnessing.witnessed_logs():
        log, latest = watched.log, watched.latest
        forks = [
            {
                "detected_at": fork.detected_at.isoformat(),
                "reason": fork.reason,
                "seen": fork.seen,
                "found": fork.found,
            }
            for fork in watched.forks
        ]
        logs.append(
            {
                "url": log.url,
                "origin": log.origin,
                "key": log.key,
                "size": latest.size if latest else None,
                "root": latest.root if latest else "",
                "checkpoint": latest.note if latest else "",
                "cosigned_at": latest.timestamp if latest else None,
                "checked_at": log.checked_at.isoformat() if log.checked_at else None,
                "forked": log.forked,
                "forks": forks,
            }
        )
    signer = tlog.witness_signer()
    return {"name": signer.name, "key": signer.verifier(note.COSIGNATURE).vkey(), "logs": logs}


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


def _day(at: datetime) -> date:
    return at.astimezone(UTC).date()


def public_entry(
    seq: int, at: datetime, action: str, prev_hash: str, hash: str, withheld: bool
) -> dict[str, Any]:
    """What anyone may see of an entry: its day, and its kind unless `withheld` (a day
    with a private entry) or private itself (audit.mark_private)."""
    hidden = withheld or audit.is_private(action)
    return {
        "seq": seq,
        "at": datetime.combine(_day(at), datetime.min.time(), UTC),
        "action": RESTRICTED if hidden else action,
        "prev_hash": prev_hash,
        "hash": hash,
    }


def published_entries(head: audit.Checkpoint) -> QuerySet[AuditEntry]:
    """The entries a checkpoint covers: none written since it was cut."""
    return AuditEntry.objects.filter(seq__lte=head.count)


def public_entries(rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Rows of PUBLIC_ENTRY_FIELDS, each as `public_entry`, in one more query."""
    days = [_day(row[1]) for row in rows]
    withheld = audit.private_days(min(days), max(days)) if days else set()
    return [
        public_entry(seq, at, action, prev, hash_, withheld=day in withheld)
        for (seq, at, action, prev, hash_), day in zip(rows, days, strict=True)
    ]


def recent_entries(head: audit.Checkpoint) -> list[dict[str, Any]]:
    rows = published_entries(head).order_by("-seq").values_list(*PUBLIC_ENTRY_FIELDS)[:RECENT]
    return public_entries(list(rows))


def transparency_log(request: HttpRequest) -> HttpResponse:
    signed = signed_head()
    head = signed.head
    context = {
        "head": head,
        "signed": signed,
        "cosigned_note": cosigned_note(signed),
        "witnesses": witnessing.witnesses_of(signed.tree.size, signed.tree.root_b64),
        "witnessed": witnessing.witnessed_logs(),
        "check": checked(),
        "entries": recent_entries(head),
        "recent": RECENT,
        "verify_every": VERIFY_EVERY,
    }
    return render(request, "portal/transparency_log.html", context)


def healthz(request: HttpRequest) -> JsonResponse:
    """The database answers and the audit chain holds (walked at most every VERIFY_EVERY s).

    A broken chain is a 503, so that monitoring alerts at once; the public site keeps
    serving, and /transparency/log/ names the first entry that does not hold. It never
    gives the log's live length: polled every second, that would time each complaint.
    """
    try:
        # The one query: it shows the database answers, and any fork this instance caught
        # in a log it witnesses, at once (the chain walk below is cached).
        forked = sorted(witnessing.forked_logs().values_list("origin", flat=True))
        check = checked()
    except DatabaseError as error:
        reason = f"database unreachable: {type(error).__name__}"
        return JsonResponse({"status": "error", "database": reason}, status=503)
    log: dict[str, Any] = {"chain": "ok" if check.ok else "broken"}
    if forked:  # another instance's log, not this one's health: an alarm, not a 503
        log["witnessed_forks"] = forked
    if not check.ok:
        log["problem"] = check.problem
        return JsonResponse({"status": "error", "database": "ok", "audit_log": log}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "audit_log": log})
