"""Reading another instance's transparency log over HTTP, and checking what it says.

Used by the witness (`oversight witness poll`) and by `oversight audit verify --remote`.
Every answer is bounded in size and time, and only http(s) URLs are followed; nothing a
remote says is trusted until its signature, and its proof against what we saw, verify.
"""

import base64
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from oversight.core import merkle, note

TIMEOUT = 10.0  # seconds per request
MAX_BYTES = 1024 * 1024

KEY_PATH = "/transparency/key"
CHECKPOINT_PATH = "/api/v1/transparency/log/checkpoint"
HEAD_PATH = "/api/v1/transparency/log/head"
PROOF_PATH = "/api/v1/transparency/log/proof"
WITNESS_PATH = "/api/v1/transparency/witness"


class RemoteError(Exception):
    """The remote could not be read, or said something that does not hold."""


class Inconsistent(RemoteError):
    """Two signed trees of one log that no proof reconciles: a fork."""


def base_url(url: str) -> str:
    """`url` without a trailing slash, refused unless it is http(s) with a host."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RemoteError(f"not an http(s) URL: {url!r}")
    if parts.query or parts.fragment:
        raise RemoteError(f"give the instance's address without a query: {url!r}")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def get_text(url: str) -> str:
    if urlsplit(url).scheme not in ("http", "https"):
        raise RemoteError(f"not an http(s) URL: {url!r}")
    accept = {"Accept": "text/plain, application/json"}
    request = urllib.request.Request(url, headers=accept)  # noqa: S310 - http(s), checked
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            body = bytes(response.read(MAX_BYTES + 1))
    except urllib.error.HTTPError as error:
        raise RemoteError(f"{url}: HTTP {error.code}") from None
    except (urllib.error.URLError, OSError) as error:
        raise RemoteError(f"{url}: {error}") from None
    if len(body) > MAX_BYTES:
        raise RemoteError(f"{url}: the answer is over {MAX_BYTES} bytes")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise RemoteError(f"{url}: the answer is not UTF-8") from None


def get_json(url: str) -> Any:
    try:
        return json.loads(get_text(url))
    except json.JSONDecodeError:
        raise RemoteError(f"{url}: the answer is not JSON") from None


def keys(base: str) -> list[note.Verifier]:
    """The verifier keys an instance publishes at /transparency/key."""
    found = []
    for line in get_text(base + KEY_PATH).splitlines():
        if line.strip():
            try:
                found.append(note.parse_vkey(line))
            except note.NoteError as error:
                raise RemoteError(f"{base}{KEY_PATH}: {error}") from None
    return found


def key_of(base: str, kind: int) -> note.Verifier:
    for verifier in keys(base):
        if verifier.kind == kind:
            return verifier
    raise RemoteError(f"{base}{KEY_PATH} publishes no key of type {kind:#04x}")


@dataclass(frozen=True)
class Seen:
    """A checkpoint that verified: its note with the log's signature, every signature
    line it came with, and its three lines."""

    raw: str
    opened: note.Note
    checkpoint: note.Checkpoint


def open_checkpoint(raw: str, verifier: note.Verifier) -> Seen:
    """A signed checkpoint from `verifier`'s log, or RemoteError saying why not."""
    try:
        opened = note.open_note(raw, verifier)
        checkpoint = note.parse_checkpoint(opened.text)
    except note.NoteError as error:
        raise RemoteError(f"the checkpoint does not verify: {error}") from None
    if checkpoint.origin != verifier.name:
        raise RemoteError(f"the checkpoint's origin {checkpoint.origin!r} is not the key's")
    # Kept as evidence with the log's own signature only: cosignature lines come and go,
    # and the same checkpoint must be recognised as the same.
    own = note.Note(opened.text, tuple(opened.by(verifier))).render()
    return Seen(own, opened, checkpoint)


def checkpoint(base: str, verifier: note.Verifier) -> Seen:
    return open_checkpoint(get_text(base + CHECKPOINT_PATH), verifier)


def fetch_proof(base: str, old_size: int, new_size: int) -> list[bytes]:
    query = urlencode({"from": old_size, "to": new_size})
    answer = get_json(f"{base}{PROOF_PATH}?{query}")
    try:
        return [base64.b64decode(node, validate=True) for node in answer["proof"]]
    except (KeyError, TypeError, ValueError):
        raise RemoteError(f"{base}{PROOF_PATH}: not a proof") from None


def check_extends(base: str, old: note.Checkpoint, new: note.Checkpoint) -> None:
    """RemoteError unless `new` extends `old` (both of one log), by a proof from `base`."""
    if old.size == new.size:
        if old.root != new.root:
            raise Inconsistent(f"two different trees of size {new.size}")
        return
    first, second = (old, new) if old.size < new.size else (new, old)
    nodes = [] if first.size == 0 else fetch_proof(base, first.size, second.size)
    try:
        merkle.verify_consistency(first.size, second.size, first.root, second.root, nodes)
    except merkle.ProofError as error:
        raise Inconsistent(
            f"the tree of size {second.size} does not extend the one of size {first.size}: {error}"
        ) from None


@dataclass
class Report:
    """What `oversight audit verify --remote` found: what held, and what did not."""

    lines: list[str]
    problems: list[str]


def _log_key(base: str, key: str | None) -> note.Verifier:
    published = key_of(base, note.ED25519)
    if key is None:
        return published
    try:
        given = note.parse_vkey(key)
    except note.NoteError as error:
        raise RemoteError(f"--key: {error}") from None
    if given != published:  # a new key is a new log: nothing it signs extends the old one
        raise RemoteError(
            f"it now publishes another key than the one you gave: {published.vkey()}"
        )
    return given


def _witnessed_entry(witness: str, origin: str) -> dict[str, Any] | None:
    published = get_json(witness + WITNESS_PATH)
    try:
        entries = [e for e in published["logs"] if e["origin"] == origin]
    except (KeyError, TypeError):
        raise RemoteError(f"{witness}{WITNESS_PATH}: not a witness publication") from None
    return entries[0] if entries else None


def _check_witness(
    base: str, witness: str, verifier: note.Verifier, current: Seen, report: Report
) -> None:
    cosigner = key_of(witness, note.COSIGNATURE)
    entry = _witnessed_entry(witness, current.checkpoint.origin)
    if entry is None:
        report.problems.append(f"witness {cosigner.name} does not witness this log")
        return
    for fork in entry.get("forks") or []:
        report.problems.append(f"FORK reported by witness {cosigner.name}: {fork.get('reason')}")
    if not entry.get("checkpoint"):
        report.lines.append(f"witness {cosigner.name}: has cosigned nothing yet")
        return
    cosigned = open_checkpoint(str(entry["checkpoint"]), verifier)
    signatures = cosigned.opened.by(cosigner)
    if not signatures:
        raise RemoteError(f"witness {cosigner.name} publishes a checkpoint it did not cosign")
    try:
        when = note.verify_cosignature(cosigned.opened.text, signatures[0], cosigner)
    except note.NoteError as error:
        raise RemoteError(str(error)) from None
    seen, now = cosigned.checkpoint, current.checkpoint
    if seen.size > now.size:
        report.problems.append(
            f"ROLLBACK: witness {cosigner.name} cosigned {seen.size} entries, "
            f"the log now signs {now.size}"
        )
        return
    check_extends(base, seen, now)
    report.lines.append(
        f"witness {cosigner.name}: cosigned {seen.size} entries at {when} (POSIX time); "
        f"the current checkpoint extends it"
    )


def verify_remote(url: str, key: str | None = None, witnesses: tuple[str, ...] = ()) -> Report:
    """Check the instance at `url`: its signed checkpoint, and that it extends what each
    witness cosigned (its own list, and `witnesses` you trust whatever it lists)."""
    base, report = base_url(url), Report([], [])
    verifier = _log_key(base, key)
    current = checkpoint(base, verifier)
    size, root = current.checkpoint.size, current.checkpoint.root_b64
    report.lines.append(f"checkpoint of {verifier.name}: {size} entries, root {root}, signed")
    listed = get_json(base + HEAD_PATH).get("cosignatures") or []
    urls = dict.fromkeys(
        [*(base_url(w) for w in witnesses), *(base_url(c["url"]) for c in listed)]
    )
    if not urls:
        report.problems.append("no witness: nothing to compare this checkpoint against")
    for witness in urls:
        try:
            _check_witness(base, witness, verifier, current, report)
        except RemoteError as error:
            report.problems.append(f"witness {witness}: {error}")
    return report
