"""Evidence files: sniffed by content, metadata stripped, streamed encryption in bounded memory."""

import io
import tracemalloc
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from oversight.grievances import crypto, evidence
from oversight.grievances.models import Report
from oversight.grievances.tests.conftest import World
from oversight.grievances.tests.helpers import (
    handler_client,
    jpeg_with_exif,
    pdf_with_author,
    receipt_of,
    submit,
)

MARK = "gps-and-author-marker"


def _downloads(world: World, **fields: Any) -> dict[str, bytes]:
    handler_client(world.handler)
    receipt_of(submit(Client(), **fields))
    report = Report.objects.get()
    client = handler_client(world.handler)
    page = client.get(f"/staff/grievances/{report.reference}/").content.decode()
    out = {}
    for row in report.files.all():
        response = client.get(f"/staff/grievances/{report.reference}/files/{row.pk}/")
        data = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        out[f"{row.pk}"] = data
    assert page
    return out


def test_it_strips_metadata_from_images_and_pdfs(world: World) -> None:
    files = [
        SimpleUploadedFile("holiday.png", jpeg_with_exif(MARK)),  # a JPEG, whatever its name
        SimpleUploadedFile("doc.bin", pdf_with_author(MARK)),
    ]
    downloads = list(_downloads(world, evidence=files).values())
    assert len(downloads) == 2
    assert not any(MARK.encode() in data for data in downloads)
    image = next(d for d in downloads if d.startswith(b"\xff\xd8"))
    assert not Image.open(io.BytesIO(image)).getexif()
    pdf = pikepdf.open(io.BytesIO(next(d for d in downloads if d.startswith(b"%PDF"))))
    assert "/Author" not in pdf.docinfo and "/Metadata" not in pdf.Root


def test_it_keeps_the_original_only_when_asked(world: World) -> None:
    files = [SimpleUploadedFile("a.jpg", jpeg_with_exif(MARK))]
    downloads = list(_downloads(world, evidence=files, keep_original="on").values())
    assert len(downloads) == 2
    assert sum(MARK.encode() in data for data in downloads) == 1


def test_it_sniffs_types_by_content() -> None:
    assert evidence.sniff(b"\xff\xd8\xff\xe0") == "image/jpeg"
    assert evidence.sniff(b"%PDF-1.7") == "application/pdf"
    assert evidence.sniff(b"\x00\x00\x00\x18ftypmp42") == "video/mp4"
    assert evidence.sniff("plain words, ünïcode".encode()) == "text/plain"
    assert evidence.sniff(b"MZ\x90\x00") is None
    assert evidence.sniff(b"PK\x03\x04") is None


def test_it_encrypts_a_large_file_in_bounded_memory(tmp_path: Path) -> None:
    key, size = crypto.random_bytes(), 64 * 1024 * 1024
    chunk = b"x" * (1024 * 1024)
    tracemalloc.start()
    with (tmp_path / "big").open("wb") as target:
        writer = crypto.StreamWriter(target, key)
        for _ in range(size // len(chunk)):
            writer.write(chunk)
        writer.close()
    with (tmp_path / "big").open("rb") as source:
        total = sum(len(piece) for piece in crypto.decrypt_stream(source, key))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert total == size
    assert peak < 4 * 1024 * 1024  # a 64 MiB file, never more than a few chunks in memory


def test_it_detects_truncated_or_tampered_files() -> None:
    key, out = crypto.random_bytes(), io.BytesIO()
    writer = crypto.StreamWriter(out, key)
    writer.write(b"y" * (crypto.CHUNK * 2 + 10))
    writer.close()
    data = out.getvalue()
    with pytest.raises(crypto.DecryptionError):
        list(crypto.decrypt_stream(io.BytesIO(data[: crypto.CHUNK + 100]), key))
    tampered = bytearray(data)
    tampered[50] ^= 1
    with pytest.raises(crypto.DecryptionError):
        list(crypto.decrypt_stream(io.BytesIO(bytes(tampered)), key))
