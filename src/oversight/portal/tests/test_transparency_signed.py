"""The signed checkpoint, the keys and the consistency proofs, as a client reads them."""

import base64
from typing import Any

import pytest
from django.test import Client

from oversight.core import audit, merkle, note, remote
from oversight.core.models import AuditEntry
from oversight.portal.tests.clock import yesterday
from oversight.portal.tests.conftest import get

pytestmark = pytest.mark.django_db


def _keys(client: Client) -> list[note.Verifier]:
    response = get(client, "/transparency/key")
    assert response["Content-Type"].startswith("text/plain")
    return [note.parse_vkey(line) for line in response.content.decode().splitlines()]


def _entries(count: int) -> None:
    with yesterday():
        for number in range(count):
            audit.record("test.entry", actor_label=f"n{number}")


def test_it_publishes_a_checkpoint_that_verifies_with_the_published_key(client: Client) -> None:
    _entries(5)
    audit.record("test.today")  # after the cut: in no checkpoint yet
    log_key, witness_key = _keys(client)
    assert (log_key.kind, witness_key.kind) == (note.ED25519, note.COSIGNATURE)
    raw = get(client, "/api/v1/transparency/log/checkpoint").content.decode()
    seen = remote.open_checkpoint(raw, log_key)
    assert seen.checkpoint.origin == audit.origin() == log_key.name
    assert seen.checkpoint.size == 5
    hashes = AuditEntry.objects.order_by("seq").values_list("hash", flat=True)[:5]
    leaves = [merkle.leaf_hash(bytes.fromhex(h)) for h in hashes]
    assert seen.checkpoint.root == merkle.root(leaves)  # the tree over the entries' hashes
    head = get(client, "/api/v1/transparency/log/head").json()
    assert head["checkpoint"] == raw and head["root"] == seen.checkpoint.root_b64


def test_a_proof_shows_the_checkpoint_extends_an_earlier_one(client: Client) -> None:
    _entries(3)
    early = merkle.root(
        [
            merkle.leaf_hash(bytes.fromhex(h))
            for h in AuditEntry.objects.order_by("seq").values_list("hash", flat=True)
        ]
    )
    _entries(4)
    log_key = _keys(client)[0]
    raw = get(client, "/api/v1/transparency/log/checkpoint").content.decode()
    now = remote.open_checkpoint(raw, log_key).checkpoint
    answer = get(client, "/api/v1/transparency/log/proof", **{"from": 3, "to": 7}).json()
    nodes = [base64.b64decode(node) for node in answer["proof"]]
    merkle.verify_consistency(3, 7, early, now.root, nodes)
    with pytest.raises(merkle.ProofError):
        merkle.verify_consistency(3, 7, bytes(32), now.root, nodes)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": 1}, "to"),
        ({"to": 2}, "from"),
        ({"from": "x", "to": 2}, "from"),
        ({"from": 1, "to": "²"}, "to"),
        ({"from": -1, "to": 2}, "from"),
        ({"from": 1, "to": 3}, "to"),  # beyond the published checkpoint (2 entries)
        ({"from": 2, "to": 1}, "from"),
        ({"from": 1, "to": "9" * 30}, "to"),
    ],
)
def test_it_refuses_bad_sizes_naming_the_parameter(
    client: Client, query: dict[str, Any], field: str
) -> None:
    _entries(2)
    audit.record("test.today")  # exists, but after the cut: not provable yet
    body = get(client, "/api/v1/transparency/log/proof", 422, **query).json()
    assert body["status"] == 422 and list(body["errors"]) == [field], body


def test_the_page_shows_the_signed_checkpoint(client: Client) -> None:
    _entries(1)
    page = get(client, "/transparency/log/").content.decode()
    assert "Signed, and witnessed" in page and "/transparency/key" in page
    assert audit.origin() in page and "No witness of this log is configured yet." in page


def test_the_page_reads_witnessing_in_the_same_number_of_queries_however_much(
    client: Client, django_assert_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from oversight.witness.models import Cosignature, Cosigner, ReceivedCosignature, WitnessedLog

    def add(count: int) -> None:
        for n in range(count):
            log = WitnessedLog.objects.create(
                url=f"https://l{count}-{n}.example", origin="o", key="k"
            )
            cosigner = Cosigner.objects.create(
                url=f"https://c{count}-{n}.example", name="w", key="k"
            )
            for size in range(count):
                Cosignature.objects.create(
                    log=log, size=size, root="r", timestamp=1, line="l", note="n"
                )
                ReceivedCosignature.objects.create(
                    cosigner=cosigner, size=size, root="r", timestamp=1, line="l"
                )

    def queries() -> int:
        get(client, "/transparency/log/")  # warm the chain check and the tree
        with CaptureQueriesContext(connection) as captured:
            get(client, "/transparency/log/")
        return len(captured)

    _entries(1)
    add(1)
    few = queries()
    add(4)
    assert queries() == few
