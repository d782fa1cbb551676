"""`audit verify --remote`: a log checked against witnesses, as an outsider would."""

import json
from collections.abc import Iterator
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command

from oversight.core import note, remote
from oversight.witness.tests.test_witnessing import FakeLog


class Witness:
    """A witness that cosigned `log` at its current size."""

    def __init__(self, log: FakeLog, forks: list[dict[str, str]] | None = None) -> None:
        self.base = "https://witness.example"
        self.signer = note.Signer("witness.example/transparency/witness", b"\x09" * 32)
        text = log.checkpoint().text()
        self.cosigned = note.signed(log.signer, text).render()
        self.cosigned += self.signer.cosign(text, 1700000000).line()
        self.forks = forks or []
        self.origin = log.signer.name

    def serve(self, url: str) -> str:
        path = urlsplit(url).path
        if path == remote.KEY_PATH:
            return self.signer.verifier(note.COSIGNATURE).vkey() + "\n"
        assert path == remote.WITNESS_PATH, url
        entry = {"origin": self.origin, "checkpoint": self.cosigned, "forks": self.forks}
        return json.dumps({"logs": [entry]})


@pytest.fixture
def world() -> Iterator[tuple[FakeLog, list[Witness]]]:
    log, witnesses = FakeLog(), list[Witness]()

    def serve(url: str) -> str:
        if urlsplit(url).path == remote.HEAD_PATH:
            return json.dumps({"cosignatures": []})  # the log lists no witness
        for witness in witnesses:
            if url.startswith(witness.base):
                return witness.serve(url)
        return str(log.serve(url))

    with mock.patch.object(remote, "get_text", serve):
        yield log, witnesses


def verify(log: FakeLog, *args: str) -> str:
    out = mock.Mock()
    call_command("audit", "verify", "--remote", log.base, *args, stdout=out)
    return "".join(call.args[0] for call in out.write.call_args_list)


def test_it_verifies_a_log_that_extends_what_its_witness_cosigned(
    world: tuple[FakeLog, list[Witness]],
) -> None:
    log, witnesses = world
    log.grow(4)
    witnesses.append(Witness(log))
    log.grow(3)
    printed = verify(log, "--witness", witnesses[0].base)
    assert "cosigned 4 entries" in printed and "extends it" in printed and "verifies" in printed


def test_it_reports_a_fork_a_rollback_and_another_key(
    world: tuple[FakeLog, list[Witness]],
) -> None:
    log, witnesses = world
    log.grow(4)
    witnesses.append(Witness(log, forks=[{"reason": "two trees of size 4"}]))
    with pytest.raises(CommandError, match="FORK reported by witness"):
        verify(log, "--witness", witnesses[0].base)
    witnesses[0].forks = []
    log.leaves = log.leaves[:2]
    with pytest.raises(CommandError, match="ROLLBACK"):
        verify(log, "--witness", witnesses[0].base)
    other = note.Signer(log.signer.name, b"\x0a" * 32).verifier().vkey()
    with pytest.raises(CommandError, match="another key"):
        verify(log, "--key", other, "--witness", witnesses[0].base)


def test_without_a_witness_there_is_nothing_to_trust(world: tuple[FakeLog, list[Witness]]) -> None:
    log, _ = world
    log.grow(1)
    with pytest.raises(CommandError, match="no witness"):
        verify(log)
