"""RFC 9162 (RFC 6962) Merkle tree hashes and consistency proofs, over SHA-256.

The audit log is a hash chain; beside it, the public checkpoint commits to the Merkle
tree whose leaves are the entries' chain hashes (32 bytes each), in order. The chain
proves each entry; the tree gives the short consistency proofs that witnesses and the
rest of the transparency-log ecosystem check: that checkpoint B extends checkpoint A.
"""

import hashlib
from collections.abc import Sequence

EMPTY_ROOT = hashlib.sha256(b"").digest()  # RFC 9162 2.1.1: the hash of an empty tree


class ProofError(ValueError):
    """A consistency proof does not prove what it claims."""


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def root(leaves: Sequence[bytes]) -> bytes:
    """MTH(D[n]) of the leaves' *hashes* (leaf_hash already applied)."""
    if not leaves:
        return EMPTY_ROOT
    level = list(leaves)
    # Bottom-up: pair neighbours, carry an odd last node up unchanged. This equals the
    # recursive definition (split at the largest power of two below n) for every n.
    while len(level) > 1:
        paired = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return level[0]


def consistency_proof(old_size: int, leaves: Sequence[bytes]) -> list[bytes]:
    """PROOF(m, D[n]) of RFC 9162 2.1.4.1, for m = old_size and n = len(leaves)."""
    if not 0 <= old_size <= len(leaves):
        raise ValueError(f"old size {old_size} is not between 0 and {len(leaves)}")
    if old_size in (0, len(leaves)):
        return []
    return _subproof(old_size, leaves, True)


def _subproof(m: int, leaves: Sequence[bytes], complete: bool) -> list[bytes]:
    n = len(leaves)
    if m == n:
        return [] if complete else [root(leaves)]
    k = _split(n)
    if m <= k:
        return [*_subproof(m, leaves[:k], complete), root(leaves[k:])]
    return [*_subproof(m - k, leaves[k:], False), root(leaves[:k])]


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> None:
    """Raise ProofError unless `proof` shows the tree (new_size, new_root) extends
    (old_size, old_root): the algorithm of RFC 9162 2.1.4.2."""
    if not 0 <= old_size <= new_size:
        raise ProofError(f"sizes out of order: {old_size} then {new_size}")
    if old_size == new_size:
        if proof or old_root != new_root:
            raise ProofError("same size, but the roots differ (or a proof was given)")
        return
    if old_size == 0:
        if proof:
            raise ProofError("any tree extends the empty tree: the proof must be empty")
        return
    if not proof:
        raise ProofError("the proof is empty")
    path = list(proof)
    if old_size & (old_size - 1) == 0:  # a power of two: the old root is the first node
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for node in path[1:]:
        if sn == 0:
            raise ProofError("the proof is longer than the trees allow")
        if fn & 1 or fn == sn:
            fr, sr = node_hash(node, fr), node_hash(node, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, node)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise ProofError("the proof is shorter than the trees need")
    if fr != old_root:
        raise ProofError("the proof does not lead to the old root")
    if sr != new_root:
        raise ProofError("the proof does not lead to the new root")


class Tree:
    """Every complete, aligned subtree hash of a list of leaves, packed one level a bytes.

    Built once in O(n) (2n hashes of 32 bytes: 64 MB for a million entries), it answers
    the root of any prefix and any consistency proof in O(log² n): the subtrees the RFC
    recursion visits are complete aligned ones, read here, or right edges built from them.
    """

    def __init__(self, leaves: Sequence[bytes]) -> None:
        self.size = len(leaves)
        self.levels = [b"".join(leaves)]
        while len(self.levels[-1]) >= 64:
            below = self.levels[-1]
            self.levels.append(
                b"".join(
                    node_hash(below[i : i + 32], below[i + 32 : i + 64])
                    for i in range(0, len(below) - 63, 64)
                )
            )

    def _hash(self, start: int, end: int) -> bytes:
        count = end - start
        if count & (count - 1) == 0 and start % count == 0:
            level, index = count.bit_length() - 1, start // count
            return self.levels[level][index * 32 : index * 32 + 32]
        k = _split(count)
        return node_hash(self._hash(start, start + k), self._hash(start + k, end))

    def root(self, size: int | None = None) -> bytes:
        size = self.size if size is None else size
        if not 0 <= size <= self.size:
            raise ValueError(f"size {size} is not between 0 and {self.size}")
        return EMPTY_ROOT if size == 0 else self._hash(0, size)

    def consistency_proof(self, old_size: int, new_size: int) -> list[bytes]:
        if not 0 <= old_size <= new_size <= self.size:
            raise ValueError(f"sizes {old_size} and {new_size} do not fit a tree of {self.size}")
        if old_size in (0, new_size):
            return []
        return self._subproof(old_size, 0, new_size, True)

    def _subproof(self, m: int, start: int, end: int, complete: bool) -> list[bytes]:
        n = end - start
        if m == n:
            return [] if complete else [self._hash(start, end)]
        k = _split(n)
        if m <= k:
            return [*self._subproof(m, start, start + k, complete), self._hash(start + k, end)]
        return [*self._subproof(m - k, start + k, end, False), self._hash(start, start + k)]
