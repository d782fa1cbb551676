"""Nothing active reaches a handler: PDFs disarmed, downloads named by content (finding 3)."""

import io
import re
from typing import Any

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from oversight.core.tests.hostile import ACTIVE_TOKENS, active_pdf
from oversight.grievances.models import Report
from oversight.grievances.tests.conftest import World
from oversight.grievances.tests.helpers import handler_client, receipt_of, submit


def _downloads(world: World, files: list[SimpleUploadedFile]) -> list[Any]:
    handler_client(world.handler)  # the handler's key exists before the report is shared
    receipt_of(submit(Client(), evidence=files))
    report = Report.objects.get()
    client = handler_client(world.handler)
    return [
        client.get(f"/staff/grievances/{report.reference}/files/{row.pk}/")
        for row in report.files.order_by("pk")
    ]


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_the_active_pdf_really_is_active() -> None:
    data = active_pdf()
    assert all(token in data or token == b"/EF" for token in ACTIVE_TOKENS[:-2])
    assert pikepdf.open(io.BytesIO(data)).attachments


def test_it_removes_everything_active_from_a_pdf(world: World) -> None:
    (response,) = _downloads(world, [SimpleUploadedFile("report.pdf", active_pdf())])
    data = _body(response)
    found = [token for token in ACTIVE_TOKENS if token in data]
    assert found == []
    pdf = pikepdf.open(io.BytesIO(data))
    assert len(pdf.pages) == 2 and not pdf.attachments
    kept = [annot.A.S for annot in pdf.pages[0].Annots if "/A" in annot]
    assert kept == [pikepdf.Name.GoTo]  # a jump inside the document is harmless


HOSTILE_TEXT = {
    "evil.html": b"<html><script>alert(document.cookie)</script></html>",
    "evil.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "run.bat": b"@echo off\r\nformat c: /q\r\n",
    "song.hta": b"<hta:application/><script>new ActiveXObject('WScript.Shell')</script>",
}


def _filename(response: Any) -> str:
    match = re.search(r'filename="([^"]+)"', response["Content-Disposition"])
    assert match, response["Content-Disposition"]
    return match.group(1)


def test_it_names_every_download_by_its_sniffed_type_and_serves_it_inert(world: World) -> None:
    gif = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(gif, "GIF")
    files = [SimpleUploadedFile(name, data) for name, data in HOSTILE_TEXT.items()]
    files.append(SimpleUploadedFile("photo.html", gif.getvalue()))
    responses = _downloads(world, files)
    names = sorted(_filename(r) for r in responses)
    assert names == ["evil.txt", "evil.txt", "photo.png", "run.txt", "song.txt"]
    for response in responses:
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Content-Type"] == "application/octet-stream"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        assert "default-src 'none'" in response["Content-Security-Policy"]
        assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("name", ["../../etc/passwd", "C:\\Users\\me\\notes.exe", ".htaccess"])
def test_it_keeps_only_a_plain_name(world: World, name: str) -> None:
    (response,) = _downloads(world, [SimpleUploadedFile(name, b"just words")])
    filename = _filename(response)
    assert filename.endswith(".txt") and "/" not in filename and "\\" not in filename
    assert not filename.startswith(".")
