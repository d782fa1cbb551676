"""Cleaning untrusted files in a child with a memory and time budget (issue 17, finding 1)."""

import io
import resource
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from oversight.core import cleaning

MB = 1024 * 1024


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def test_it_refuses_a_decompression_bomb_before_decoding_it() -> None:
    bomb = png(Image.new("1", (13000, 13000)))  # 20 KB that decodes to 169 million pixels
    assert len(bomb) < 64 * 1024
    before, start = peak_rss(), time.monotonic()
    with pytest.raises(cleaning.Refused) as refused:
        cleaning.clean("image/png", bomb)
    assert refused.value.reason == cleaning.PIXELS
    assert time.monotonic() - start < 5
    assert peak_rss() - before < 100 * MB  # the worker decoded nothing


def test_it_refuses_an_image_just_over_the_pixel_bound_not_only_past_pillows_warning() -> None:
    side = int(cleaning.MAX_PIXELS**0.5) + 1
    with pytest.raises(cleaning.Refused) as refused:
        cleaning.clean("image/png", png(Image.new("1", (side, side))))
    assert refused.value.reason == cleaning.PIXELS


def test_it_cleans_a_photo_within_the_bounds() -> None:
    out = io.BytesIO()
    Image.new("RGB", (1600, 1200), "teal").save(out, "JPEG")
    cleaned = cleaning.clean("image/jpeg", out.getvalue())
    assert cleaned.kind == "image/jpeg"
    assert Image.open(io.BytesIO(cleaned.data)).size == (1600, 1200)


def test_it_turns_a_photo_upright_and_drops_the_orientation_tag() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to view
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "red").save(out, "JPEG", exif=exif.tobytes())
    cleaned = Image.open(io.BytesIO(cleaning.clean("image/jpeg", out.getvalue()).data))
    assert cleaned.size == (20, 40)
    assert not cleaned.getexif()


def test_it_stops_a_child_that_goes_over_its_memory_budget() -> None:
    big = png(Image.new("RGB", (6000, 6000), "white"))  # 36 million pixels: within bounds
    with pytest.raises(cleaning.Refused) as refused:
        cleaning.clean("image/png", big, memory=150 * MB)
    assert refused.value.reason == cleaning.MEMORY_OUT


def test_it_stops_a_child_that_goes_over_its_time_budget() -> None:
    big = png(Image.new("RGB", (6000, 6000), "white"))
    start = time.monotonic()
    with pytest.raises(cleaning.Refused) as refused:
        cleaning.clean("image/png", big, seconds=0.3)
    assert refused.value.reason == cleaning.TIME_OUT
    assert time.monotonic() - start < 3


def _pdf(pages: int = 1, objects: int = 0) -> bytes:
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page()
    if objects:
        pdf.Root["/Padding"] = pikepdf.Array(
            [pdf.make_indirect(pikepdf.Dictionary()) for _ in range(objects)]
        )
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_it_refuses_a_pdf_with_too_many_pages() -> None:
    with pytest.raises(cleaning.Refused) as refused:
        cleaning.clean("application/pdf", _pdf(pages=cleaning.MAX_PDF_PAGES + 1))
    assert refused.value.reason == cleaning.PAGES


def test_it_refuses_a_pdf_with_too_many_objects() -> None:
    with pytest.raises(cleaning.Refused) as refused:
        cleaning.clean("application/pdf", _pdf(objects=cleaning.MAX_PDF_OBJECTS))
    assert refused.value.reason == cleaning.OBJECTS


def test_it_cleans_a_pdf_within_the_bounds() -> None:
    cleaned = cleaning.clean("application/pdf", _pdf(pages=3))
    assert len(pikepdf.open(io.BytesIO(cleaned.data)).pages) == 3


def test_it_lets_the_child_write_no_file(tmp_path: Path) -> None:
    target = tmp_path / "plain"
    script = (
        "from oversight.core import cleaning; cleaning._limit_self(cleaning.MEMORY, 5); "
        f"with open({str(target)!r}, 'wb') as f: f.write(b'evidence')"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
    assert done.returncode != 0
    assert not target.exists() or target.stat().st_size == 0
