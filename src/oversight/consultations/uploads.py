"""Attachments: a size limit and the type decided by the content, never by the name.

They are published, so PDFs and pictures are cleaned as evidence is (`core.cleaning`:
bounded, in a child with a budget; metadata and active content removed), and each
file is named by its sniffed type.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from oversight.core import cleaning
from oversight.core.downloads import REFUSALS, safe_name

MAX_FILES = 5
ALLOWED = ("PDF", "PNG", "JPEG", "plain text")


def max_bytes() -> int:
    return int(getattr(settings, "CONSULTATION_MAX_FILE_MB", 10)) * 1024 * 1024


@dataclass(frozen=True)
class Checked:
    upload: File[bytes]
    name: str
    content_type: str
    size: int
    sha256: str


def sniff(head: bytes, whole: bytes) -> str | None:
    """The content type of a file from its first bytes, or None when not allowed."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if b"\x00" in whole:
        return None
    try:
        whole.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text/plain"


def _read(upload: UploadedFile) -> bytes:
    upload.seek(0)
    data = b"".join(upload.chunks())
    upload.seek(0)
    return data


def _cleaned(upload: UploadedFile, name: str, kind: str, data: bytes) -> Checked:
    """The file to publish: cleaned when it is a picture or a PDF, named by its type."""
    content: File[bytes] = upload
    if kind != "text/plain":
        done = cleaning.clean(kind, data)
        kind, data = done.kind, done.data
        content = ContentFile(data)
    digest = hashlib.sha256(data).hexdigest()
    return Checked(content, safe_name(name, kind, "attachment"), kind, len(data), digest)


def check_one(upload: UploadedFile, limit: int) -> Checked | str:
    """The file checked and cleaned, or why not, naming it."""
    name = (upload.name or "attachment")[-200:]
    if (upload.size or 0) > limit:
        return _("%(name)s is larger than %(mb)d MB.") % {
            "name": name,
            "mb": limit // (1024 * 1024),
        }
    data = _read(upload)
    kind = sniff(data[:16], data)
    if kind is None or not data:
        return _("%(name)s is not a PDF, PNG, JPEG or plain-text file.") % {"name": name}
    try:
        return _cleaned(upload, name, kind, data)
    except cleaning.Refused as exc:
        return _("%(name)s could not be cleaned: %(reason)s.") % {
            "name": name,
            "reason": REFUSALS[exc.reason],
        }


def check(uploads: list[UploadedFile]) -> list[Checked]:
    """Each upload checked; a ValidationError on `attachments` naming the file otherwise."""
    if len(uploads) > MAX_FILES:
        raise ValidationError({"attachments": _("Attach at most %(n)d files.") % {"n": MAX_FILES}})
    results = [check_one(upload, max_bytes()) for upload in uploads]
    problems = [result for result in results if isinstance(result, str)]
    if problems:
        raise ValidationError({"attachments": problems})
    return [result for result in results if isinstance(result, Checked)]
