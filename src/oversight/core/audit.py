"""Append to and verify the hash-chained audit log.

Each entry's hash is SHA-256 over the previous entry's hash and the entry's
canonical JSON content, so altering, removing, inserting or reordering any entry
breaks every hash after it. Appenders lock the single `AuditHead` row (SQLite
serialises writers with BEGIN IMMEDIATE), so two processes never fork the chain.
"""

import hashlib
import json
import secrets
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import reduce
from operator import or_
from typing import Any
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from oversight.core.events import Event
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


@dataclass
class Batch:
    """The changes made while `collecting()`: each a row written, in order."""

    changed: list[tuple[str, models.Model | None, dict[str, Any]]] = field(default_factory=list)


_batch: ContextVar[Batch | None] = ContextVar("audit_batch", default=None)


@contextmanager
def collecting() -> Iterator[Batch]:
    """While active, `record()` appends nothing: it notes the row it was given in the
    batch, and the caller appends one entry for the batch (`record_batch`)."""
    batch = Batch()
    token = _batch.set(batch)
    try:
        yield batch
    finally:
        _batch.reset(token)


def row_fields(model: type[models.Model]) -> list[str]:
    """The columns a row hash covers: every concrete column of the row, key included."""
    return sorted(f.attname for f in model._meta.concrete_fields)


def row_hash(values: Mapping[str, Any]) -> str:
    """SHA-256 over the canonical JSON of one row's columns, as the database gives them."""
    text = json.dumps(dict(values), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def row_hashes(model: type[models.Model], pks: Iterable[Any]) -> dict[str, str]:
    """{pk as text: row hash} of these rows, read back from the database."""
    keys = list(dict.fromkeys(pks))
    found: dict[str, str] = {}
    names = row_fields(model)
    for start in range(0, len(keys), 500):
        rows = model._default_manager.filter(pk__in=keys[start : start + 500]).values(*names)
        found.update({str(row[model._meta.pk.attname]): row_hash(row) for row in rows})
    return found


def batch_digest(rows: Iterable[Iterable[str]]) -> str:
    """SHA-256 over the batch's rows ([object type, id, action, row hash]), in order."""
    text = json.dumps([list(row) for row in rows], separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def record_batch(
    batch: Batch, *, actor_label: str, changes: Mapping[str, Any]
) -> AuditEntry | None:
    """Append the one entry of a batch (none if it changed nothing): `changes` plus, for
    every row written, [object type, id, action, row hash] and their `digest`."""
    if not batch.changed:
        return None
    pks: dict[type[models.Model], list[Any]] = defaultdict(list)
    for _action, obj, _changes in batch.changed:
        if obj is not None:
            pks[type(obj)].append(obj.pk)
    hashes = {model: row_hashes(model, keys) for model, keys in pks.items()}
    rows, updates = [], {}
    for number, (action, obj, diff_) in enumerate(batch.changed):
        object_type, object_id, _repr = describe(obj)
        row_sha = hashes[type(obj)].get(object_id, "") if obj is not None else ""
        rows.append([object_type, object_id, action, row_sha])
        if any(isinstance(pair, list) and pair[:1] != [None] for pair in diff_.values()):
            updates[str(number)] = diff_  # an update keeps its old → new, as before
    content = {**changes, "rows": rows, "digest": batch_digest(rows), "updates": updates}
    return record(Event.IMPORT_BATCH, actor_label=actor_label, changes=content)


def record(
    action: str,
    obj: models.Model | None = None,
    *,
    actor: Any = None,
    actor_label: str = "",
    changes: Mapping[str, Any] | None = None,
    reasons: Iterable[str] = (),
) -> AuditEntry:
    """Append one entry; call it inside the transaction that makes the change.

    While `collecting()`, note the row in the batch instead (its entry is the batch's)."""
    batch = _batch.get()
    if batch is not None:
        batch.changed.append((str(action), obj, _jsonable(brief(dict(changes or {})))))
        return AuditEntry(action=action, changes={})
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
    """Walk the chain from the start; name the first entry that does not hold. Then
    check the rows that import batches committed to (`verify_rows`)."""
    expected_seq, running = 1, GENESIS_HASH
    claims = _Claims()
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=2000):
        claims.note(entry)
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
    problem, bad_seq = claims.check()
    if problem:
        return Verdict(False, count, running, problem, bad_seq)
    return Verdict(True, count, running)


class _Claims:
    """What the import batches say of each row, the latest claim only.

    The rule: a row named in a batch entry must still have the hash recorded there,
    unless a later entry (a batch or any other) names the same row: then the later
    entry is the one that accounts for the row's value. So each row is checked against
    the last batch entry naming it, if no other entry named it after."""

    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], tuple[int, str]] = {}

    def note(self, entry: AuditEntry) -> None:
        if entry.action == Event.IMPORT_BATCH and isinstance(entry.changes, dict):
            for row in entry.changes.get("rows") or []:
                object_type, object_id, _action, row_sha = row
                if object_type and row_sha:
                    self.rows[(object_type, object_id)] = (entry.seq, row_sha)
        elif entry.object_type:
            self.rows.pop((entry.object_type, entry.object_id), None)

    def check(self) -> tuple[str, int | None]:
        """The first batch entry (by seq) whose rows no longer match, and why."""
        by_type: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)
        for (object_type, object_id), claim in self.rows.items():
            by_type[object_type][object_id] = claim
        worst: tuple[int, str] | None = None
        for object_type, claims in sorted(by_type.items()):
            try:
                model = apps.get_model(object_type)
            except (LookupError, ValueError):
                continue  # an app no longer installed: nothing to compare with
            pk_field = model._meta.pk
            keys = [pk_field.to_python(object_id) for object_id in claims]
            current = row_hashes(model, keys)
            for object_id, (seq, expected) in claims.items():
                found = current.get(object_id)
                if found == expected or (worst is not None and worst[0] <= seq):
                    continue
                what = "is missing" if found is None else "no longer matches its hash"
                worst = (seq, f"{object_type} {object_id} {what} (altered outside the actions)")
        if worst is None:
            return "", None
        return f"entry #{worst[0]} (import batch): {worst[1]}", worst[0]
