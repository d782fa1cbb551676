"""Time the audit log's Merkle tree: building it, a root, and a consistency proof.

Run: .venv/bin/python bench/merkle.py [--entries 1000000]
Hashing only (the entries' hashes are made here, not read from a database).
"""

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from oversight.core import merkle


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    size = parser.parse_args().entries
    leaves = [merkle.leaf_hash(i.to_bytes(32, "big")) for i in range(size)]
    started = time.perf_counter()
    tree = merkle.Tree(leaves)
    built = time.perf_counter() - started
    tracemalloc.start()  # a second build, measured for memory (tracing slows it)
    merkle.Tree(leaves)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    started = time.perf_counter()
    proof = tree.consistency_proof(size // 3, size)
    proved = time.perf_counter() - started
    merkle.verify_consistency(size // 3, size, tree.root(size // 3), tree.root(), proof)
    print(f"{size} entries: tree built in {built:.2f} s ({peak / 2**20:.0f} MiB), ", end="")
    print(f"a proof of {len(proof)} hashes in {proved * 1000:.2f} ms")


if __name__ == "__main__":
    main()
