"""Signed notes, checkpoints and cosignatures as the transparency-log ecosystem has them.

- A signed note (c2sp.org/signed-note, Go's sumdb/note): a text ending in a newline, a
  blank line, then lines "— <key name> base64(key ID || signature)". An Ed25519 key's ID
  is SHA-256(name || "\\n" || 0x01 || public key)[:4]; its verifier key ("vkey") is
  "<name>+<hex key ID>+base64(0x01 || public key)".
- A checkpoint (c2sp.org/tlog-checkpoint): a note whose text is the log's origin, the
  tree size in decimal, and the base64 Merkle root, one a line.
- A cosignature (c2sp.org/tlog-cosignature, Ed25519): a witness's note signature of type
  0x04 over "cosignature/v1\\ntime <T>\\n" + the checkpoint text, carrying T (8 bytes,
  big-endian) before the 64-byte signature.
"""

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

ED25519 = 0x01
COSIGNATURE = 0x04
DASH = "\u2014"
MAX_NOTE = 64 * 1024
MAX_SIGNATURES = 64
_DECIMAL = re.compile(r"0|[1-9][0-9]{0,18}")


class NoteError(ValueError):
    """A note, key, checkpoint or signature that is malformed or does not verify."""


def _b64decode(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise NoteError(f"{what} is not base64") from None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _check_name(name: str) -> None:
    if not name or any(ch.isspace() or ch == "+" for ch in name) or not name.isprintable():
        raise NoteError(f"bad key name {name!r}: non-empty, no spaces or '+'")


def key_id(name: str, kind: int, public: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + bytes([kind]) + public).digest()[:4]


@dataclass(frozen=True)
class Verifier:
    """A public key as a signed-note verifier: its name, type (0x01 or 0x04) and key."""

    name: str
    kind: int
    public: bytes

    @property
    def id(self) -> bytes:
        return key_id(self.name, self.kind, self.public)

    def vkey(self) -> str:
        return f"{self.name}+{self.id.hex()}+{_b64(bytes([self.kind]) + self.public)}"

    def verify(self, message: bytes, signature: bytes) -> bool:
        try:
            VerifyKey(self.public).verify(message, signature)
        except (BadSignatureError, ValueError):
            return False
        return True


def parse_vkey(vkey: str) -> Verifier:
    """'<name>+<hex id>+<base64(type || key)>', refused unless the ID matches the key."""
    name, plus, rest = vkey.strip().partition("+")
    hex_id, plus2, material = rest.partition("+")
    if not plus or not plus2:
        raise NoteError("a verifier key is <name>+<key ID>+<key>")
    _check_name(name)
    if not re.fullmatch(r"[0-9a-f]{8}", hex_id):
        raise NoteError("a verifier key's ID is 8 lowercase hex digits")
    raw = _b64decode(material, "the verifier key")
    if len(raw) != 33 or raw[0] not in (ED25519, COSIGNATURE):
        raise NoteError("only Ed25519 keys (type 0x01) and cosigner keys (0x04) are known")
    verifier = Verifier(name, raw[0], raw[1:])
    if verifier.id.hex() != hex_id:
        raise NoteError("the verifier key's ID does not match its key")
    return verifier


@dataclass(frozen=True)
class Signature:
    name: str
    id: bytes
    blob: bytes  # the signature after the key ID

    def line(self) -> str:
        return f"{DASH} {self.name} {_b64(self.id + self.blob)}\n"


@dataclass(frozen=True)
class Note:
    text: str
    signatures: tuple[Signature, ...]

    def render(self) -> str:
        return self.text + "\n" + "".join(sig.line() for sig in self.signatures)

    def by(self, verifier: Verifier) -> list[Signature]:
        return [s for s in self.signatures if (s.name, s.id) == (verifier.name, verifier.id)]


def parse_note(raw: str) -> Note:
    """Split a signed note into its text and signature lines (nothing verified yet)."""
    if len(raw.encode()) > MAX_NOTE:
        raise NoteError("the note is too long")
    if any(ord(ch) < 0x20 and ch != "\n" for ch in raw):
        raise NoteError("the note has control characters")
    if not raw.endswith("\n"):
        raise NoteError("a signed note ends in a newline")
    split = raw.rfind("\n\n")
    if split < 0:
        raise NoteError("a signed note has a blank line before its signatures")
    text, lines = raw[: split + 1], raw[split + 2 :].splitlines()
    if not lines or len(lines) > MAX_SIGNATURES:
        raise NoteError("a signed note has between 1 and 64 signature lines")
    signatures = []
    for line in lines:
        dash, _, rest = line.partition(" ")
        name, _, encoded = rest.partition(" ")
        if dash != DASH or not encoded or " " in encoded:
            raise NoteError(f"not a signature line: {line[:80]!r}")
        _check_name(name)
        blob = _b64decode(encoded, "a signature")
        if len(blob) < 5:
            raise NoteError("a signature is too short")
        signatures.append(Signature(name, blob[:4], blob[4:]))
    return Note(text, tuple(signatures))


class Signer:
    """An Ed25519 key that signs notes as `name`: checkpoints, or cosignatures."""

    def __init__(self, name: str, seed: bytes) -> None:
        _check_name(name)
        self.name, self._key = name, SigningKey(seed)

    @property
    def public(self) -> bytes:
        return bytes(self._key.verify_key)

    def verifier(self, kind: int = ED25519) -> Verifier:
        return Verifier(self.name, kind, self.public)

    def sign(self, text: str) -> Signature:
        blob = self._key.sign(text.encode()).signature
        return Signature(self.name, key_id(self.name, ED25519, self.public), blob)

    def cosign(self, checkpoint_text: str, timestamp: int) -> Signature:
        message = cosigned_message(checkpoint_text, timestamp)
        blob = timestamp.to_bytes(8, "big") + self._key.sign(message).signature
        return Signature(self.name, key_id(self.name, COSIGNATURE, self.public), blob)


def signed(signer: Signer, text: str) -> Note:
    return Note(text, (signer.sign(text),))


def open_note(raw: str, verifier: Verifier) -> Note:
    """The note, if `verifier` signed it (type 0x01); NoteError otherwise."""
    note = parse_note(raw)
    found = note.by(verifier)
    if not found:
        raise NoteError(f"the note is not signed by {verifier.name}+{verifier.id.hex()}")
    if not all(verifier.verify(note.text.encode(), sig.blob) for sig in found):
        raise NoteError(f"the signature of {verifier.name} does not verify")
    return note


def cosigned_message(checkpoint_text: str, timestamp: int) -> bytes:
    if not 0 <= timestamp < 2**63:
        raise NoteError("a cosignature's time is between 0 and 2^63 - 1")
    return f"cosignature/v1\ntime {timestamp}\n{checkpoint_text}".encode()


def verify_cosignature(checkpoint_text: str, signature: Signature, verifier: Verifier) -> int:
    """The time a witness (a type 0x04 verifier) cosigned the checkpoint; NoteError if not."""
    if verifier.kind != COSIGNATURE or (signature.name, signature.id) != (
        verifier.name,
        verifier.id,
    ):
        raise NoteError(f"the cosignature is not by {verifier.name}")
    if len(signature.blob) != 8 + 64:
        raise NoteError("an Ed25519 cosignature is 8 bytes of time and 64 of signature")
    timestamp = int.from_bytes(signature.blob[:8], "big")
    message = cosigned_message(checkpoint_text, timestamp)
    if not verifier.verify(message, signature.blob[8:]):
        raise NoteError(f"the cosignature of {verifier.name} does not verify")
    return timestamp


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes

    def text(self) -> str:
        return f"{self.origin}\n{self.size}\n{_b64(self.root)}\n"

    @property
    def root_b64(self) -> str:
        return _b64(self.root)


def decode_root(text: str) -> bytes:
    digest = _b64decode(text, "the checkpoint's root hash")
    if len(digest) != 32:
        raise NoteError("a checkpoint's root hash is 32 bytes")
    return digest


def parse_checkpoint(text: str) -> Checkpoint:
    """The three mandatory lines of a checkpoint's text (extension lines are refused:
    this log writes none, and Sigsum forbids them)."""
    lines = text.split("\n")
    if len(lines) != 4 or lines[3] != "":
        raise NoteError("a checkpoint is three lines: origin, size and root hash")
    origin, size, root = lines[:3]
    if not origin or not origin.isprintable():
        raise NoteError("a checkpoint's origin is a non-empty line")
    if not _DECIMAL.fullmatch(size):
        raise NoteError("a checkpoint's size is a decimal number without leading zeros")
    return Checkpoint(origin, int(size), decode_root(root))
