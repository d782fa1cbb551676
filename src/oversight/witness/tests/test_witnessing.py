"""Witnessing against a log we control: the honest one is cosigned once per tree, and
every way of rewriting history (same size, grown, shrunk) is kept as a fork; an
impostor's signature or a dead network is an error, never a cosignature."""

import base64
import json
from collections.abc import Iterator
from typing import Any
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest

from oversight.core import audit, merkle, note, remote, tlog
from oversight.portal.tests.clock import yesterday
from oversight.witness import actions
from oversight.witness.models import Cosignature, Cosigner, Fork, ReceivedCosignature, WitnessedLog

pytestmark = pytest.mark.django_db


class FakeLog:
    """Another instance, as seen over HTTP: its keys, its checkpoint and its proofs."""

    def __init__(self, host: str = "other.example", seed: bytes = b"\x05" * 32) -> None:
        self.base = f"https://{host}"
        self.signer = note.Signer(f"{host}/transparency/log", seed)
        self.leaves: list[bytes] = []
        self.publication: dict[str, Any] = {"logs": []}
        self.down = False
        self.signer_lines = 0  # cosignature lines of others, appended to the checkpoint
        self.no_proofs = False

    def grow(self, count: int, tag: str = "") -> None:
        start = len(self.leaves)
        self.leaves += [merkle.leaf_hash(f"{tag}{start + i}".encode()) for i in range(count)]

    def checkpoint(self) -> note.Checkpoint:
        return note.Checkpoint(self.signer.name, len(self.leaves), merkle.root(self.leaves))

    def serve(self, url: str) -> str:
        if self.down:
            raise remote.RemoteError(f"{url}: connection refused")
        parts = urlsplit(url)
        if parts.path == remote.KEY_PATH:
            return self.signer.verifier().vkey() + "\n"
        if parts.path == remote.CHECKPOINT_PATH:
            text = self.checkpoint().text()
            others = [
                note.Signer(f"w{i}.example", bytes([i]) * 32) for i in range(self.signer_lines)
            ]
            lines = "".join(w.cosign(text, 1700000000).line() for w in others)
            return note.signed(self.signer, text).render() + lines
        if parts.path == remote.PROOF_PATH and self.no_proofs:
            raise remote.RemoteError(f"{url}: HTTP 500")
        if parts.path == remote.PROOF_PATH:
            query = parse_qs(parts.query)
            old, new = int(query["from"][0]), int(query["to"][0])
            nodes = merkle.consistency_proof(old, self.leaves[:new])
            return json.dumps({"proof": [base64.b64encode(n).decode() for n in nodes]})
        if parts.path == remote.WITNESS_PATH:
            return json.dumps(self.publication)
        raise remote.RemoteError(f"{url}: HTTP 404")


@pytest.fixture
def other() -> Iterator[FakeLog]:
    log = FakeLog()
    with mock.patch.object(remote, "get_text", log.serve):
        yield log


def poll(log: WitnessedLog) -> actions.Outcome:
    log.refresh_from_db()
    return actions.poll_log(log)


def test_it_cosigns_an_honest_log_once_per_tree(other: FakeLog) -> None:
    other.grow(3)
    log = actions.add_log(other.base)
    assert log.key == other.signer.verifier().vkey()  # pinned on first contact
    assert poll(log).status == "cosigned"
    assert poll(log).status == "unchanged"  # idempotent: nothing new, nothing signed
    other.grow(4)
    assert poll(log).status == "cosigned"
    assert list(Cosignature.objects.values_list("size", flat=True)) == [7, 3]
    latest = Cosignature.objects.first()
    assert latest is not None
    # The published note is the log's checkpoint plus our C2SP cosignature line.
    witness = tlog.witness_signer().verifier(note.COSIGNATURE)
    parsed = note.open_note(latest.note, other.signer.verifier())
    assert note.verify_cosignature(parsed.text, parsed.by(witness)[0], witness) > 0
    assert audit.verify().ok and not Fork.objects.exists()


@pytest.mark.parametrize(
    ("rewrite", "grows_by"),
    [("same size", 0), ("grown after rewriting", 2), ("shrunk", -2)],
)
def test_it_keeps_every_rewritten_history_as_a_fork(
    other: FakeLog, rewrite: str, grows_by: int
) -> None:
    other.grow(5)
    log = actions.add_log(other.base)
    poll(log)
    seen = WitnessedLog.objects.get().checkpoint
    other.leaves = other.leaves[:3]  # the operator drops two entries…
    if grows_by >= 0:  # …and writes others in their place
        other.grow(2 + grows_by, tag="rewritten")
    assert poll(log).status == "fork", rewrite
    other.signer_lines = 1  # a cosignature line appears on the same conflicting note
    assert poll(log).status == "fork"  # still alarmed, evidence kept once
    fork = Fork.objects.get()
    assert fork.seen == seen and note.open_note(fork.found, other.signer.verifier())
    log.refresh_from_db()
    assert log.forked and log.size == 5  # we still vouch only for what we saw
    assert Cosignature.objects.count() == 1


def test_it_never_cosigns_a_checkpoint_signed_by_another_key(other: FakeLog) -> None:
    other.grow(2)
    log = actions.add_log(other.base)
    other.signer = note.Signer(other.signer.name, b"\x06" * 32)  # the impostor's key
    outcome = poll(log)
    assert outcome.status == "error" and "not signed by" in outcome.detail
    assert not Cosignature.objects.exists() and not Fork.objects.exists()


def test_a_dead_network_is_an_error_not_a_fork(other: FakeLog) -> None:
    other.grow(2)
    log = actions.add_log(other.base)
    poll(log)
    other.down = True
    assert poll(log).status == "error"
    log.refresh_from_db()
    assert not log.forked and log.size == 2 and "connection refused" in log.error


def test_a_log_that_gives_no_proof_is_not_cosigned_nor_called_forked(other: FakeLog) -> None:
    other.grow(2)
    log = actions.add_log(other.base)
    poll(log)
    other.grow(2)
    other.no_proofs = True
    assert poll(log).status == "error"
    assert Cosignature.objects.count() == 1 and not Fork.objects.exists()
    other.no_proofs = False
    assert poll(log).status == "cosigned"


def test_it_checks_a_given_key_and_refuses_bad_addresses(other: FakeLog) -> None:
    with pytest.raises(remote.RemoteError, match="type"):
        actions.add_log(other.base, key=tlog.witness_signer().verifier(note.COSIGNATURE).vkey())
    with pytest.raises(remote.RemoteError, match="http"):
        actions.add_log("file:///etc/passwd")
    with pytest.raises(remote.RemoteError, match="--key"):
        actions.add_log(other.base, key="nonsense")
    assert not WitnessedLog.objects.exists()
    actions.add_log(other.base)
    assert actions.add_log(other.base).key == other.signer.verifier().vkey()  # idempotent
    other.signer = note.Signer(other.signer.name, b"\x06" * 32)
    with pytest.raises(remote.RemoteError, match="already pinned"):
        actions.add_log(other.base)  # a new key is never pinned over the old one


def test_it_collects_cosignatures_of_its_own_checkpoint_and_refuses_others(
    other: FakeLog,
) -> None:
    with yesterday():
        audit.record("test.entry")
    audit.record("test.today")  # not published yet: no witness can have cosigned it
    ours = note.Checkpoint(audit.origin(), 1, tlog.tree_root(1))
    witness = note.Signer("other.example/transparency/witness", b"\x07" * 32)
    cosigner = Cosigner.objects.create(
        url=other.base, name=witness.name, key=witness.verifier(note.COSIGNATURE).vkey()
    )

    def publish(checkpoint: note.Checkpoint, by: note.Signer = witness) -> None:
        raw = note.signed(tlog.log_signer(), checkpoint.text()).render()
        raw += by.cosign(checkpoint.text(), 1700000000).line()
        other.publication = {"logs": [{"origin": checkpoint.origin, "checkpoint": raw}]}

    publish(ours)
    assert actions.collect(cosigner).detail == "1 new"
    assert actions.collect(cosigner).detail == "0 new"  # idempotent
    publish(note.Checkpoint(audit.origin(), 1, bytes(32)))  # a history we do not have
    assert "not ours" in actions.collect(cosigner).detail
    publish(ours, by=note.Signer(witness.name, b"\x08" * 32))  # not its pinned key
    assert "no cosignature" in actions.collect(cosigner).detail
    publish(note.Checkpoint(audit.origin(), 2, tlog.tree_root(2)))
    assert "larger than we published" in actions.collect(cosigner).detail
    assert ReceivedCosignature.objects.count() == 1
