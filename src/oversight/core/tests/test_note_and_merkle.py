"""The signed-note, checkpoint and cosignature formats, and RFC 9162 consistency proofs,
checked against the ecosystem's published vectors (Go's sumdb/note, RFC 6962's tree)."""

import base64

import pytest

from oversight.core import merkle, note

# golang.org/x/mod/sumdb/note's example key and note.
GO_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
GO_SEED = base64.b64decode("AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")[1:]
GO_TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
GO_NOTE = (
    GO_TEXT + "\n\u2014 PeterNeumann "
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
)

# The RFC 6962 test tree (certificate-transparency's merkle_tree_test).
LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657"]
LEAVES.append("606162636465666768696a6b6c6d6e6f")
ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
PROOFS = {
    (1, 8): [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
    (6, 8): [
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
    (2, 5): [
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
}


def leaves(n: int = 8) -> list[bytes]:
    return [merkle.leaf_hash(bytes.fromhex(leaf)) for leaf in LEAVES[:n]]


def test_it_verifies_the_go_note_and_signs_it_byte_for_byte() -> None:
    verifier = note.parse_vkey(GO_VKEY)
    assert note.open_note(GO_NOTE, verifier).text == GO_TEXT
    signer = note.Signer("PeterNeumann", GO_SEED)
    assert signer.verifier().vkey() == GO_VKEY
    assert note.signed(signer, GO_TEXT).render() == GO_NOTE


@pytest.mark.parametrize(
    "tampered",
    [
        GO_NOTE.replace("cryptography", "cryptographY"),
        GO_NOTE.replace("x08go", "x08gp"),
        GO_NOTE.replace("\u2014", "-"),
        GO_NOTE.replace("\n\n", "\n"),
        GO_NOTE.rstrip("\n"),
        GO_NOTE.replace("problem,", "problem,\x07"),
    ],
)
def test_it_refuses_a_tampered_or_malformed_note(tampered: str) -> None:
    with pytest.raises(note.NoteError):
        note.open_note(tampered, note.parse_vkey(GO_VKEY))


def test_it_refuses_a_note_signed_by_another_key_of_the_same_name() -> None:
    other = note.Signer("PeterNeumann", b"\x01" * 32)
    with pytest.raises(note.NoteError, match="not signed by"):
        note.open_note(note.signed(other, GO_TEXT).render(), note.parse_vkey(GO_VKEY))


@pytest.mark.parametrize(
    "vkey",
    [
        GO_VKEY.replace("c74f20a3", "c74f20a4"),  # ID does not match the key
        GO_VKEY.replace("+ARpc", "+AxRpc"),
        "PeterNeumann+c74f20a3",
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        GO_VKEY.replace("+ARpc", "+BRpc"),  # unknown type
    ],
)
def test_it_refuses_a_bad_verifier_key(vkey: str) -> None:
    with pytest.raises(note.NoteError):
        note.parse_vkey(vkey)


def test_a_cosignature_has_the_c2sp_shape_and_verifies_only_for_its_checkpoint() -> None:
    witness = note.Signer("witness.example/w", b"\x02" * 32)
    checkpoint = note.Checkpoint("log.example/log", 8, bytes.fromhex(ROOTS[7]))
    signature = witness.cosign(checkpoint.text(), 1679315147)
    verifier = witness.verifier(note.COSIGNATURE)
    assert signature.id == note.key_id("witness.example/w", 0x04, witness.public)
    assert signature.blob[:8] == (1679315147).to_bytes(8, "big") and len(signature.blob) == 72
    assert note.verify_cosignature(checkpoint.text(), signature, verifier) == 1679315147
    other = note.Checkpoint("log.example/log", 8, bytes.fromhex(ROOTS[6])).text()
    with pytest.raises(note.NoteError):
        note.verify_cosignature(other, signature, verifier)
    with pytest.raises(note.NoteError):  # a log signature is not a cosignature
        note.verify_cosignature(checkpoint.text(), witness.sign(checkpoint.text()), verifier)
    # The cosignature line rides on the log's note; a note parser keeps both.
    log = note.Signer("log.example/log", b"\x03" * 32)
    raw = note.signed(log, checkpoint.text()).render() + signature.line()
    assert len(note.open_note(raw, log.verifier()).signatures) == 2


def test_checkpoint_text_round_trips_and_refuses_extensions() -> None:
    checkpoint = note.Checkpoint("log.example/log", 20852163, bytes(32))
    assert (
        checkpoint.text()
        == "log.example/log\n20852163\n" + base64.b64encode(bytes(32)).decode() + "\n"
    )
    assert note.parse_checkpoint(checkpoint.text()) == checkpoint
    for bad in [
        checkpoint.text() + "ext\n",
        "o\n012\nAAAA\n",
        "o\n1\nAAAA\n",
        "o\n-1\n" + checkpoint.root_b64 + "\n",
    ]:
        with pytest.raises(note.NoteError):
            note.parse_checkpoint(bad)


def test_merkle_roots_match_rfc_6962() -> None:
    for size in range(1, 9):
        assert merkle.root(leaves(size)).hex() == ROOTS[size - 1]
    assert (
        merkle.root([]).hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )


@pytest.mark.parametrize(("old", "new"), sorted(PROOFS))
def test_consistency_proofs_match_rfc_6962(old: int, new: int) -> None:
    proof = merkle.consistency_proof(old, leaves(new))
    assert [node.hex() for node in proof] == PROOFS[(old, new)]
    merkle.verify_consistency(
        old, new, bytes.fromhex(ROOTS[old - 1]), bytes.fromhex(ROOTS[new - 1]), proof
    )


def test_every_proof_of_small_trees_verifies_and_a_forked_tree_does_not() -> None:
    items = [merkle.leaf_hash(bytes([i])) for i in range(17)]
    forked = [*items[:5], merkle.leaf_hash(b"rewritten"), *items[6:]]
    for new in range(18):
        for old in range(new + 1):
            proof = merkle.consistency_proof(old, items[:new])
            merkle.verify_consistency(
                old, new, merkle.root(items[:old]), merkle.root(items[:new]), proof
            )
            if old > 5:  # the fork rewrote leaf 5, which both trees hold
                with pytest.raises(merkle.ProofError):
                    merkle.verify_consistency(
                        old, new, merkle.root(items[:old]), merkle.root(forked[:new]), proof
                    )


def test_it_refuses_proofs_that_do_not_fit() -> None:
    proof = [bytes.fromhex(node) for node in PROOFS[(6, 8)]]
    old, new = bytes.fromhex(ROOTS[5]), bytes.fromhex(ROOTS[7])
    for bad in ([*proof, proof[0]], proof[:-1], [], proof[::-1]):
        with pytest.raises(merkle.ProofError):
            merkle.verify_consistency(6, 8, old, new, bad)
    with pytest.raises(merkle.ProofError):
        merkle.verify_consistency(8, 6, new, old, proof)
    with pytest.raises(merkle.ProofError):
        merkle.verify_consistency(8, 8, new, old, [])


def test_the_packed_tree_gives_the_reference_roots_and_proofs() -> None:
    items = [merkle.leaf_hash(i.to_bytes(2, "big")) for i in range(37)]
    tree = merkle.Tree(items)
    for new in range(38):
        assert tree.root(new) == merkle.root(items[:new])
        for old in range(new + 1):
            assert tree.consistency_proof(old, new) == merkle.consistency_proof(old, items[:new])
    with pytest.raises(ValueError):
        tree.consistency_proof(3, 38)
