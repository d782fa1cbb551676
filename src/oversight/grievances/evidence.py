"""Evidence files: type by content, metadata stripped, stored encrypted.

Images are re-encoded from their pixels with Pillow (EXIF, GPS, XMP, ICC and
comments do not survive); PDFs lose their document information, XMP metadata and
everything active (scripts, actions, embedded files) with pikepdf. Both happen in
a child process with a memory and time budget (`core.cleaning`). The untouched
original is kept, still encrypted, only when asked.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from oversight.core import cleaning
from oversight.core.downloads import REFUSALS, safe_name
from oversight.grievances import store
from oversight.grievances.uploads import EncryptedUpload

CLEAN_LIMIT = 40 * 1024 * 1024  # images and PDFs are cleaned in memory
IMAGES = {"image/jpeg", "image/png", "image/gif", "image/webp"}
SIGNATURES: list[tuple[int, bytes, str]] = [
    (0, b"\xff\xd8\xff", "image/jpeg"),
    (0, b"\x89PNG\r\n\x1a\n", "image/png"),
    (0, b"GIF87a", "image/gif"),
    (0, b"GIF89a", "image/gif"),
    (0, b"%PDF-", "application/pdf"),
    (0, b"\x1aE\xdf\xa3", "video/webm"),
    (0, b"OggS", "audio/ogg"),
    (0, b"ID3", "audio/mpeg"),
    (4, b"ftyp", "video/mp4"),
]
CONTROL = frozenset(range(32)) - {9, 10, 12, 13}  # text has none of these bytes
RIFF = {b"WEBP": "image/webp", b"WAVE": "audio/wav"}


class EvidenceError(ValueError):
    """A file we refuse, with a message for the complainant."""


def sniff(head: bytes) -> str | None:
    """The type of a file from its first bytes, or None when we do not accept it."""
    for offset, magic, kind in SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            return kind
    if head[:4] == b"RIFF" and head[8:12] in RIFF:
        return RIFF[head[8:12]]
    if head and not CONTROL.intersection(head):
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # not just a character cut at the edge
                return None
        return "text/plain"
    return None


def clean(name: str, kind: str, data: bytes) -> cleaning.Cleaned:
    """The cleaned file, from a child process with a budget; EvidenceError naming the file."""
    try:
        return cleaning.clean(kind, data)
    except cleaning.Refused as exc:
        raise EvidenceError(
            _(
                "We could not remove hidden information from “%(name)s”: %(reason)s. "
                "Choose it again, or another copy of it, or send without it."
            )
            % {"name": name, "reason": REFUSALS[exc.reason]}
        ) from exc


@dataclass
class Stored:
    stored_name: str
    key: bytes
    size: int
    meta: dict[str, Any]


def check(upload: EncryptedUpload) -> str:
    """The sniffed type, or an EvidenceError saying why the file is refused."""
    if upload.too_large:
        raise EvidenceError(_("“%(name)s” is too large.") % {"name": upload.name})
    kind = sniff(upload.head)
    if kind is None:
        raise EvidenceError(
            _(
                "“%(name)s” is not a kind of file we accept. Send pictures, PDF, text, "
                "audio or video."
            )
            % {"name": upload.name}
        )
    if (kind in IMAGES or kind == "application/pdf") and upload.size > CLEAN_LIMIT:
        raise EvidenceError(
            _("“%(name)s” is too large for us to remove hidden information from it.")
            % {"name": upload.name}
        )
    return kind


def finalise(upload: EncryptedUpload, kind: str, keep_original: bool) -> list[Stored]:
    """Clean the upload when we can; returns the files to record (cleaned, original)."""
    original = Stored(
        upload.stored_name,
        upload.key,
        store.path_of(upload.stored_name, incoming=True).stat().st_size,
        {"name": safe_name(upload.name, kind), "type": kind, "cleaned": False, "original": True},
    )
    if kind not in IMAGES and kind != "application/pdf":
        store.move_in(upload.stored_name)
        return [original]
    plain = b"".join(store.read_decrypted(upload.stored_name, upload.key, incoming=True))
    cleaned = clean(upload.name, kind, plain)
    del plain
    name, key, size = store.write_encrypted(cleaned.data)
    meta = {"name": safe_name(upload.name, cleaned.kind), "type": cleaned.kind, "cleaned": True}
    result = [Stored(name, key, size, meta | {"original": False})]
    if keep_original:
        store.move_in(upload.stored_name)
        result.append(original)
    else:
        upload.discard()
    return result
