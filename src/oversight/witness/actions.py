"""Witnessing other instances' logs, and collecting the cosignatures of this one's.

`poll()` is the periodic job (idempotent: a checkpoint already cosigned is not cosigned
again, and a fork already recorded is not recorded twice). Every network read happens
before the transaction that records what it found.
"""

import time
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from oversight.core import audit, note, remote, tlog
from oversight.witness.events import Event
from oversight.witness.models import (
    Cosignature,
    Cosigner,
    Fork,
    ReceivedCosignature,
    WitnessedLog,
)


@dataclass(frozen=True)
class Outcome:
    url: str
    status: str  # "cosigned", "unchanged", "fork", "collected", "error"
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.url}: {self.status}" + (f" ({self.detail})" if self.detail else "")


def _pinned(base: str, kind: int, key: str | None) -> note.Verifier:
    """The key given, checked against the one the instance publishes; else the published
    one, pinned on first contact (trust on first use: compare it out of band)."""
    if key is None:
        return remote.key_of(base, kind)
    try:
        verifier = note.parse_vkey(key)
    except note.NoteError as error:
        raise remote.RemoteError(f"--key: {error}") from None
    if verifier.kind != kind:
        raise remote.RemoteError(f"--key: expected a key of type {kind:#04x}")
    return verifier


def add_log(url: str, key: str | None = None) -> WitnessedLog:
    """Witness the log at `url`: pin its key; `poll` then checks and cosigns it."""
    base = remote.base_url(url)
    verifier = _pinned(base, note.ED25519, key)
    with transaction.atomic():
        log, created = WitnessedLog.objects.get_or_create(
            url=base, defaults={"origin": verifier.name, "key": verifier.vkey()}
        )
        if created:
            audit.record(Event.LOG_ADDED, log, changes={"url": base, "key": log.key})
    _same_key(base, log.key, verifier)
    return log


def add_cosigner(url: str, key: str | None = None) -> Cosigner:
    """Collect and show the cosignatures that the witness at `url` makes of this log."""
    base = remote.base_url(url)
    verifier = _pinned(base, note.COSIGNATURE, key)
    with transaction.atomic():
        cosigner, created = Cosigner.objects.get_or_create(
            url=base, defaults={"name": verifier.name, "key": verifier.vkey()}
        )
        if created:
            audit.record(Event.COSIGNER_ADDED, cosigner, changes={"url": base})
    _same_key(base, cosigner.key, verifier)
    return cosigner


def _same_key(base: str, pinned: str, verifier: note.Verifier) -> None:
    """Adding again is idempotent, but never re-pins: a new key is a new log."""
    if pinned != verifier.vkey():
        raise remote.RemoteError(
            f"{base} is already pinned to {pinned}; it now shows {verifier.vkey()}"
        )


def poll() -> list[Outcome]:
    """Check and cosign every witnessed log, then collect every cosigner's cosignatures."""
    outcomes = [poll_log(log) for log in WitnessedLog.objects.all()]
    outcomes += [collect(cosigner) for cosigner in Cosigner.objects.all()]
    return outcomes


def _failed(log: WitnessedLog, problem: str) -> Outcome:
    log.checked_at, log.error = timezone.now(), problem[:500]
    log.save(update_fields=["checked_at", "error"])
    return Outcome(log.url, "error", problem)


def poll_log(log: WitnessedLog) -> Outcome:
    verifier = note.parse_vkey(log.key)
    try:
        seen = remote.checkpoint(log.url, verifier)
    except remote.RemoteError as error:
        return _failed(log, str(error))
    new = seen.checkpoint
    if log.size is not None:
        old = note.Checkpoint(log.origin, log.size, note.decode_root(log.root))
        if new.size < old.size:
            return _fork(log, seen, f"it signed a tree of {new.size} after one of {old.size}")
        if (new.size, new.root) == (old.size, old.root):
            return _unchanged(log)
        try:
            remote.check_extends(log.url, old, new)
        except remote.Inconsistent as error:
            return _fork(log, seen, str(error))
        except remote.RemoteError as error:  # unreachable, or no proof given: not evidence
            return _failed(log, str(error))
    return _cosign(log, seen)


def _unchanged(log: WitnessedLog) -> Outcome:
    log.checked_at, log.error = timezone.now(), ""
    log.save(update_fields=["checked_at", "error"])
    return Outcome(log.url, "unchanged", f"size {log.size}")


def _cosign(log: WitnessedLog, seen: remote.Seen) -> Outcome:
    new = seen.checkpoint
    signature = tlog.witness_signer().cosign(new.text(), int(time.time()))
    with transaction.atomic():
        Cosignature.objects.create(
            log=log,
            size=new.size,
            root=new.root_b64,
            timestamp=int.from_bytes(signature.blob[:8], "big"),
            line=signature.line().rstrip("\n"),
            note=seen.raw + signature.line(),
        )
        log.size, log.root, log.checkpoint = new.size, new.root_b64, seen.raw
        log.checked_at, log.error = timezone.now(), ""
        log.save(update_fields=["size", "root", "checkpoint", "checked_at", "error"])
        audit.record(Event.COSIGNED, log, changes={"size": new.size, "root": new.root_b64})
    return Outcome(log.url, "cosigned", f"size {new.size}")


def _fork(log: WitnessedLog, seen: remote.Seen, reason: str) -> Outcome:
    """Keep both signed checkpoints; the last good one stays the one we vouch for."""
    try:
        with transaction.atomic():
            Fork.objects.create(log=log, reason=reason[:500], seen=log.checkpoint, found=seen.raw)
            log.forked, log.checked_at = True, timezone.now()
            log.error = f"fork: {reason}"[:500]
            log.save(update_fields=["forked", "checked_at", "error"])
            audit.record(
                Event.FORK_DETECTED,
                log,
                changes={"size": seen.checkpoint.size, "root": seen.checkpoint.root_b64},
                reasons=[reason],
            )
    except IntegrityError:  # this very checkpoint is already on record
        pass
    return Outcome(log.url, "fork", reason)


def collect(cosigner: Cosigner) -> Outcome:
    """Fetch what `cosigner` published about this log, keep each cosignature that
    verifies against this log's own tree of that size."""
    verifier = note.parse_vkey(cosigner.key)
    try:
        published = remote.get_json(cosigner.url + remote.WITNESS_PATH)
        entries = [e for e in published["logs"] if e.get("origin") == audit.origin()]
    except (remote.RemoteError, KeyError, TypeError, AttributeError) as error:
        return _collect_failed(cosigner, f"cannot read its publication: {error}")
    problems, kept = [], 0
    for entry in entries:
        try:
            kept += _keep(cosigner, verifier, str(entry["checkpoint"]))
        except (KeyError, note.NoteError, LookupError) as error:
            problems.append(str(error))
    cosigner.checked_at, cosigner.error = timezone.now(), "; ".join(problems)[:500]
    cosigner.save(update_fields=["checked_at", "error"])
    if problems:
        return Outcome(cosigner.url, "error", cosigner.error)
    return Outcome(cosigner.url, "collected", f"{kept} new")


def _collect_failed(cosigner: Cosigner, problem: str) -> Outcome:
    cosigner.checked_at, cosigner.error = timezone.now(), problem[:500]
    cosigner.save(update_fields=["checked_at", "error"])
    return Outcome(cosigner.url, "error", problem)


def _keep(cosigner: Cosigner, verifier: note.Verifier, raw: str) -> int:
    parsed = note.parse_note(raw)
    claimed = note.parse_checkpoint(parsed.text)
    if claimed.size > audit.checkpoint().count:
        raise note.NoteError(f"it cosigned a tree of {claimed.size}, larger than we published")
    ours = note.Checkpoint(audit.origin(), claimed.size, tlog.tree_root(claimed.size))
    if claimed != ours:
        raise note.NoteError(
            f"it cosigned a tree of size {claimed.size} that is not ours: "
            "this log's history differs from what the witness saw"
        )
    found = parsed.by(verifier)
    if not found:
        raise note.NoteError("its checkpoint carries no cosignature by its pinned key")
    timestamp = note.verify_cosignature(ours.text(), found[0], verifier)
    _, created = ReceivedCosignature.objects.get_or_create(
        cosigner=cosigner,
        size=ours.size,
        root=ours.root_b64,
        defaults={"timestamp": timestamp, "line": found[0].line().rstrip("\n")},
    )
    return int(created)
