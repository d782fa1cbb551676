"""The audit log as a transparency log: a signed checkpoint over a Merkle tree, and proofs.

The chain (`core.audit`) stays the record. Beside it, the checkpoint commits to the RFC
9162 Merkle tree whose leaves are the entries' chain hashes, in order, so that the
standard consistency proof shows that one checkpoint extends another. The tree is not
stored: it is built from the entries' hashes (one indexed read, about 3 s a million
entries) once per process and checkpoint, and kept while the chain hash of its last
entry is unchanged, which a rewritten past changes.

The checkpoint keeps the day cut of `audit.checkpoint`: it is signed at the last midnight
UTC and moves once a day, so a witness that polls it learns nothing finer than the day.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings

from oversight.core import audit, merkle, note
from oversight.core.models import AuditEntry


def host() -> str:
    return urlsplit(settings.SITE_URL).netloc or "oversight"


def log_signer() -> note.Signer:
    """Signs this instance's checkpoints, as its origin (`<host>/transparency/log`)."""
    return note.Signer(audit.origin(), settings.SIGNING_KEY)


def witness_signer() -> note.Signer:
    """Cosigns other instances' checkpoints, as `<host>/transparency/witness`.

    Its key is derived from the signing key but distinct from it: c2sp.org/tlog-cosignature
    asks one key per cosigner, and a log key that never cosigns is easier to reason about.
    """
    seed = hashlib.sha256(b"oversight witness key\n" + settings.SIGNING_KEY).digest()
    return note.Signer(f"{host()}/transparency/witness", seed)


def key_text() -> str:
    """What /transparency/key publishes: the log's verifier key, then the witness's."""
    log = log_signer().verifier(note.ED25519).vkey()
    witness = witness_signer().verifier(note.COSIGNATURE).vkey()
    return f"{log}\n{witness}\n"


def leaves(size: int) -> list[bytes]:
    """The Merkle leaf hashes of the first `size` entries: leaf_hash(chain hash bytes)."""
    rows = AuditEntry.objects.filter(seq__lte=size).order_by("seq").values_list("hash", flat=True)
    found = [merkle.leaf_hash(bytes.fromhex(value)) for value in rows.iterator(chunk_size=5000)]
    if len(found) != size:
        raise LookupError(f"the log has {len(found)} entries below #{size}, not {size}")
    return found


def _last_hash(size: int) -> str:
    if size == 0:
        return ""
    found = AuditEntry.objects.filter(seq=size).values_list("hash", flat=True).first()
    if found is None:
        raise LookupError(f"the log has no entry #{size}")
    return found


# A few trees per process, by size and the chain hash of their last entry (which commits
# to every entry before it, so a rewritten past misses): in practice the published
# checkpoint's, which every witness's proof and every visitor's page reads.
_trees: dict[str, merkle.Tree] = {}
KEEP_TREES = 2


def tree(size: int) -> merkle.Tree:
    """The Merkle tree over the first `size` entries (built once, then reused)."""
    key = f"{size}:{_last_hash(size)}"
    found = _trees.get(key)
    if found is None:
        found = merkle.Tree(leaves(size))
        while len(_trees) >= KEEP_TREES:
            _trees.pop(next(iter(_trees)))
        _trees[key] = found
    return found


def _covering(size: int) -> merkle.Tree:
    """The published checkpoint's tree when it covers `size`, so that proofs and roots of
    any smaller size build nothing new (its complete subtrees are theirs too)."""
    published = audit.checkpoint().count
    return tree(published if size <= published else size)


def tree_root(size: int) -> bytes:
    """The Merkle root over the first `size` entries."""
    return _covering(size).root(size)


@dataclass(frozen=True)
class Proof:
    old_size: int
    new_size: int
    old_root: bytes
    new_root: bytes
    nodes: list[bytes]


def proof(old_size: int, new_size: int) -> Proof:
    """The RFC 9162 consistency proof that the tree of `new_size` extends `old_size`."""
    found = _covering(new_size)
    nodes = found.consistency_proof(old_size, new_size)
    return Proof(old_size, new_size, found.root(old_size), found.root(new_size), nodes)


@dataclass(frozen=True)
class Signed:
    """The published checkpoint: the day cut, its tree, and the signed note."""

    head: audit.Checkpoint
    tree: note.Checkpoint
    note: str

    @property
    def time(self) -> datetime:
        return self.head.time


def signed_checkpoint(now: datetime | None = None) -> Signed:
    """The checkpoint cut at the last midnight UTC, signed (Ed25519 is deterministic, so
    the same cut always gives the same note)."""
    head = audit.checkpoint(now)
    body = note.Checkpoint(head.origin, head.count, tree(head.count).root())
    return Signed(head, body, note.signed(log_signer(), body.text()).render())


def publish(now: datetime | None = None) -> Signed:
    """The periodic job: compute (and so cache) today's checkpoint; idempotent, and
    cheap to run often, so that no visitor pays for the tree after midnight."""
    return signed_checkpoint(now)
