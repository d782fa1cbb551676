"""Append to and verify the hash-chained audit log.

Each entry's hash is SHA-256 over the previous entry's hash and the entry's
canonical JSON content, so altering, removing, inserting or reordering any entry
breaks every hash after it. Appenders lock the single `AuditHead` row (SQLite
serialises writers with BEGIN IMMEDIATE), so two processes never fork the chain.
"""

import hashlib
import json
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import reduce
from operator import or_
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from oversight.core.models import GENESIS_HASH, AuditEntry, AuditHead

# Actions whose public trace must not help anyone link a person to an event (e.g. the
# moment a complaint arrived): apps register their prefixes; public views show such
# entries only as "restricted", with the day but not the time.
_private_prefixes: set[str] = set()


def mark_private(prefix: str) -> None:
    _private_prefixes.add(prefix)


def is_private(action: str) -> bool:
    return action.startswith(tuple(_private_prefixes))


# Free text longer than this is recorded as its length and SHA-256, never copied: the log
# is permanent and public in part, and a statement or comment may carry what must not.
AUDIT_TEXT_LIMIT = 300


def brief(value: Any) -> Any:
    """The value as the audit log keeps it: long text becomes {length, sha256}."""
    if isinstance(value, str) and len(value) > AUDIT_TEXT_LIMIT:
        digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()
        return {"length": len(value), "sha256": digest}
    if isinstance(value, list | tuple):
        return [brief(item) for item in value]
    if isinstance(value, dict):
        return {key: brief(item) for key, item in value.items()}
    return value


def _jsonable(value: Any) -> Any:
    """What the database will give back: JSON-normalised, so hashes recompute."""
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def canonical(entry: AuditEntry) -> bytes:
    content = {
        "seq": entry.seq,
        "at": entry.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "changes": entry.changes,
        "reasons": entry.reasons,
        "prev_hash": entry.prev_hash,
    }
    if entry.salt:  # entries written before salts existed keep their hashes
        content["salt"] = entry.salt
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def compute_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(entry.prev_hash.encode() + b"\n" + canonical(entry)).hexdigest()


def describe(obj: models.Model | None) -> tuple[str, str, str]:
    if obj is None:
        return "", "", ""
    return obj._meta.label_lower, str(obj.pk), str(obj)[:300]


def record(
    action: str,
    obj: models.Model | None = None,
    *,
    actor: Any = None,
    actor_label: str = "",
    changes: Mapping[str, Any] | None = None,
    reasons: Iterable[str] = (),
) -> AuditEntry:
    """Append one entry; call it inside the transaction that makes the change."""
    object_type, object_id, object_repr = describe(obj)
    actor_id = getattr(actor, "pk", None)
    label = actor_label or (actor.get_username() if actor_id is not None else "system")
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().get(pk=1)
        now = timezone.now()
        entry = AuditEntry(
            seq=head.count + 1,
            # Never before the entry it follows, so that a day's entries form one run
            # of the chain and a checkpoint cut at midnight splits no day.
            at=max(now, head.updated_at) if head.updated_at else now,
            actor_id=actor_id,
            actor_label=label[:150],
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_repr=object_repr,
            changes=_jsonable(brief(dict(changes or {}))),
            reasons=_jsonable([str(reason) for reason in reasons]),
            prev_hash=head.hash,
            salt=secrets.token_hex(16),
        )
        entry.hash = compute_hash(entry)
        entry.save(force_insert=True)
        head.count, head.hash, head.updated_at = entry.seq, entry.hash, entry.at
        head.save(update_fields=["count", "hash", "updated_at"])
    return entry


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value changed."""
    return {key: [old.get(key), new[key]] for key in new if old.get(key) != new[key]}


@dataclass(frozen=True)
class Head:
    count: int
    hash: str


def head() -> Head:
    row = AuditHead.objects.get(pk=1)
    return Head(row.count, row.hash)


def private_days(start: date, end: date) -> set[date]:
    """The UTC days from `start` to `end` on which a private entry was written."""
    if not _private_prefixes:
        return set()
    private = reduce(or_, (Q(action__startswith=p) for p in sorted(_private_prefixes)))
    since = datetime.combine(start, datetime.min.time(), UTC)
    until = datetime.combine(end, datetime.min.time(), UTC) + timedelta(days=1)
    rows = AuditEntry.objects.filter(private, at__gte=since, at__lt=until)
    return {moment.date() for moment in rows.datetimes("at", "day", tzinfo=UTC)}


# The public head moves once a day. A checkpoint cut inside a day would tell anyone
# who polls it, or who compares two of them, in which hour the entries of a private
# action (a complaint received) fell: the day is all the public may learn of them.
CHECKPOINT_PERIOD = timedelta(days=1)


@dataclass(frozen=True)
class Checkpoint:
    """The log as it stood at `time`: its first `count` entries, the last with `hash`.

    Shaped to be signed and witnessed (origin, count, hash, time, one a line), so
    that other instances can later countersign the same text.
    """

    origin: str
    count: int
    hash: str
    time: datetime

    def text(self) -> str:
        when = self.time.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return f"{self.origin}\n{self.count}\n{self.hash}\n{when}\n"


def origin() -> str:
    """Who publishes the log: the site's host and the log's path."""
    return f"{urlsplit(settings.SITE_URL).netloc or 'oversight'}/transparency/log"


def checkpoint_time(now: datetime) -> datetime:
    """The last cut at or before `now`: midnight UTC."""
    return now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def checkpoint(now: datetime | None = None) -> Checkpoint:
    """The published head: every entry written before the last midnight UTC, none after."""
    cut = checkpoint_time(now or timezone.now())
    last = AuditEntry.objects.filter(at__lt=cut).order_by("-seq").values_list("seq", "hash")
    count, hash_ = last.first() or (0, GENESIS_HASH)
    return Checkpoint(origin(), count, hash_, cut)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    count: int
    head_hash: str
    problem: str = ""
    bad_seq: int | None = None


def verify() -> Verdict:
    """Walk the chain from the start; name the first entry that does not hold."""
    expected_seq, running = 1, GENESIS_HASH
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        problem = ""
        if entry.seq != expected_seq:
            problem = (
                f"expected entry #{expected_seq} here, found #{entry.seq} (removed or inserted)"
            )
        elif entry.prev_hash != running:
            problem = (
                "its previous-hash does not match the entry before it (reordered or replaced)"
            )
        elif compute_hash(entry) != entry.hash:
            problem = "its content does not match its hash (altered)"
        if problem:
            return Verdict(
                False, expected_seq - 1, running, f"entry #{entry.seq}: {problem}", entry.seq
            )
        expected_seq, running = expected_seq + 1, entry.hash
    count = expected_seq - 1
    recorded = head()
    if (recorded.count, recorded.hash) != (count, running):
        return Verdict(
            False,
            count,
            running,
            f"the head says {recorded.count} entries ending {recorded.hash[:12]}…, "
            f"the chain has {count} ending {running[:12]}… (entries removed from the end)",
            count + 1,
        )
    return Verdict(True, count, running)
