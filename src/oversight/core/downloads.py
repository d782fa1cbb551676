"""Files someone else sent: why one was refused, and serving one inert.

A sender chooses a file's name; we choose its extension from the type we sniffed, so
`evil.html`, `evil.svg`, `run.bat` or `song.hta` that are text reach a reader as
`evil.txt`, `run.txt`, `song.txt`. The response is an attachment with `nosniff` and a
CSP that sandboxes it, should a browser render it all the same.
"""

import unicodedata
from pathlib import PurePosixPath

from django.http import HttpResponseBase
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from oversight.core import cleaning

# Why `core.cleaning` refused a file, for the person who sent it.
REFUSALS = {
    cleaning.DAMAGED: _("it is damaged or not what it claims to be"),
    cleaning.PIXELS: _("the picture is too large (more than 50 million pixels)"),
    cleaning.PAGES: _("the PDF has too many pages"),
    cleaning.OBJECTS: _("the PDF is too complex"),
    cleaning.MEMORY_OUT: _("it needs too much memory to open"),
    cleaning.TIME_OUT: _("it takes too long to open"),
}

SANDBOX_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'"
EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
    "video/webm": ".webm",
    "video/mp4": ".mp4",
    "audio/ogg": ".ogg",
    "audio/mpeg": ".mp3",
    "audio/wav": ".wav",
}
UNKNOWN = ".bin"


def safe_name(name: str, kind: str, fallback: str = "file") -> str:
    """The sender's name without folders or extension, plus the extension of `kind`."""
    base = PurePosixPath(str(name).replace("\\", "/")).name
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    stem = unicodedata.normalize("NFC", stem)
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in stem).strip("_")
    return (stem[:80] or fallback) + EXTENSIONS.get(kind, UNKNOWN)


def inert(response: HttpResponseBase, filename: str) -> HttpResponseBase:
    """Make `response` a download that no browser opens, sniffs or runs."""
    response["Content-Type"] = "application/octet-stream"
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    return response
