"""Cleaning untrusted images and PDFs in a child process with a memory and time budget.

A decoder fed a hostile file can take gigabytes or minutes (a 20 KB PNG of 13,000 x
13,000 pixels decodes to 169 million pixels). So the worker never decodes one itself:
`clean()` starts `python -m oversight.core.cleaning KIND`, writes the file to its
standard input and reads the cleaned file from its standard output. Nothing in clear
touches the disk. The child caps its own address space (RLIMIT_AS), CPU time and file
writes before it reads a byte, and the parent kills it after `seconds`: the worst a
file can do is to be refused.

Before decoding, the child checks what the header promises: at most `MAX_PIXELS`
pixels for an image, at most `MAX_PDF_PAGES` pages and `MAX_PDF_OBJECTS` objects for a
PDF. A PDF also loses everything that acts when it is opened or clicked (JavaScript,
automatic and URI actions, launch and form-submission actions, embedded files, XFA):
a handler's reader must show it, never run it.

This module imports no Django, so the child starts in a fraction of a second.
"""

import io
import os
import resource
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_PIXELS = 50_000_000  # a 50-megapixel camera; a bomb promises far more
MAX_PDF_PAGES = 1_000
MAX_PDF_OBJECTS = 100_000
MEMORY = 1024 * 1024 * 1024  # address space of the child, in bytes
SECONDS = 10.0

# Why a file was refused; the parent turns each into a sentence for a person.
DAMAGED, PIXELS, PAGES, OBJECTS, MEMORY_OUT, TIME_OUT = (
    "damaged",
    "pixels",
    "pages",
    "objects",
    "memory",
    "time",
)
IMAGE_KINDS = ("image/jpeg", "image/png", "image/gif", "image/webp")
PDF = "application/pdf"

# Keys that make a PDF act on its own: removed from every dictionary.
ACTIVE_KEYS = frozenset(
    {
        "/OpenAction",  # runs on opening
        "/AA",  # additional actions: on page open, on focus, on close...
        "/JS",
        "/JavaScript",  # the name tree of document scripts
        "/EmbeddedFiles",  # the name tree of attached files
        "/EF",  # the streams of an attached file
        "/XFA",  # XML forms, scriptable
        "/RichMediaContent",
        "/Collection",  # a portfolio: the PDF is a folder of files
        "/URI",  # the catalogue's base address, and a URI action's target
    }
)
SAFE_ACTIONS = frozenset({"/GoTo"})  # a jump inside the same document
# EXIF orientation -> the Pillow Image.Transpose value that makes the picture upright
UPRIGHT = {2: 0, 3: 3, 4: 1, 5: 5, 6: 4, 7: 6, 8: 2}


class Refused(Exception):
    """A file the child will not clean; `reason` is one of the codes above."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Cleaned:
    data: bytes
    kind: str


# --- in the child ---------------------------------------------------------------------


def clean_image(data: bytes) -> Cleaned:
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            source = Image.open(io.BytesIO(data))  # reads the header only
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise Refused(PIXELS) from exc
        width, height = source.size
        if width * height > MAX_PIXELS:
            raise Refused(PIXELS)
        jpeg = source.format == "JPEG" or source.mode == "CMYK"
        alpha = source.mode in ("RGBA", "LA", "PA") or "transparency" in source.info
        mode = "RGB" if jpeg or not alpha else "RGBA"
        if source.mode in ("1", "L") and not alpha:
            mode = "L"
        orientation = source.getexif().get(0x0112)
        source.load()
        # At most two copies of the pixels at once: the decoded source and one converted
        # copy; the source is freed before the copy is turned upright and encoded.
        # `convert` copies the source's info (EXIF, ICC, comments): we drop all of it.
        fresh = source.convert(mode)
        source.close()
        del source
        fresh.info.clear()
        turn = UPRIGHT.get(orientation or 1)
        if turn is not None:  # keep the picture upright; the tag itself is dropped
            fresh = fresh.transpose(Image.Transpose(turn))
    out = io.BytesIO()
    if jpeg:
        fresh.save(out, "JPEG", quality=90)
        return Cleaned(out.getvalue(), "image/jpeg")
    fresh.save(out, "PNG")
    return Cleaned(out.getvalue(), "image/png")


def _is_unsafe_action(value: object) -> bool:
    import pikepdf

    if isinstance(value, pikepdf.Array):
        return any(_is_unsafe_action(item) for item in value)
    if isinstance(value, pikepdf.Dictionary):
        return str(value.get("/S", "")) not in SAFE_ACTIONS or "/Next" in value
    return False


def _disarm(pdf: Any) -> None:
    """Remove active content from every dictionary reachable from the trailer."""
    import pikepdf

    containers = (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [pdf.trailer]
    while stack:
        obj = stack.pop()
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Array):
            stack.extend(item for item in obj if isinstance(item, containers))
            continue
        for key in list(obj.keys()):
            if key in ACTIVE_KEYS or (key in ("/A", "/Next") and _is_unsafe_action(obj[key])):
                del obj[key]
            elif isinstance(obj[key], containers):
                stack.append(obj[key])


def clean_pdf(data: bytes) -> Cleaned:
    import pikepdf

    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as exc:
        raise Refused(DAMAGED) from exc
    with pdf:
        if len(pdf.objects) > MAX_PDF_OBJECTS:
            raise Refused(OBJECTS)
        if len(pdf.pages) > MAX_PDF_PAGES:
            raise Refused(PAGES)
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        if "/Metadata" in pdf.Root:
            del pdf.Root["/Metadata"]
        for page in pdf.pages:
            if "/Metadata" in page.obj:
                del page.obj["/Metadata"]
        _disarm(pdf)
        out = io.BytesIO()
        pdf.save(
            out,
            fix_metadata_version=False,
            deterministic_id=True,
            # Streams are copied, not inflated: a compressed bomb stays compressed.
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
            # Every dictionary in plain sight, so what we removed can be checked.
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
        )
    return Cleaned(out.getvalue(), PDF)


def clean_in_process(kind: str, data: bytes) -> Cleaned:
    """Clean here, in this process, without a budget: only the child calls this."""
    try:
        if kind in IMAGE_KINDS:
            return clean_image(data)
        if kind == PDF:
            return clean_pdf(data)
    except Refused:
        raise
    except MemoryError as exc:
        raise Refused(MEMORY_OUT) from exc
    except Exception as exc:  # any decoder's complaint means a file we cannot read
        if "bad_alloc" in str(exc) or "memory" in str(exc).lower():
            raise Refused(MEMORY_OUT) from exc
        raise Refused(DAMAGED) from exc
    raise ValueError(f"not a kind we clean: {kind}")


def _limit_self(memory: int, seconds: float) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # writes no file
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # and leaves no core dump


def main(argv: list[str]) -> int:
    kind, memory, seconds = argv[0], int(argv[1]), float(argv[2])
    import pikepdf  # noqa: F401 - loaded before the limit, like Pillow below
    from PIL import Image  # noqa: F401

    _limit_self(memory, seconds)
    data = sys.stdin.buffer.read()
    try:
        cleaned = clean_in_process(kind, data)
    except Refused as exc:
        sys.stderr.write(exc.reason)
        return 2
    sys.stdout.buffer.write(cleaned.kind.encode() + b"\n" + cleaned.data)
    sys.stdout.flush()
    return 0


# --- in the parent --------------------------------------------------------------------


def _child_env() -> dict[str, str]:
    """Only what the child needs: this very package on its path, nothing else inherited."""
    here = Path(__file__).resolve().parents[2]  # the folder holding `oversight`
    return {"PYTHONPATH": str(here), "LC_ALL": "C.UTF-8", "PATH": os.defpath}


def clean(kind: str, data: bytes, *, memory: int = MEMORY, seconds: float = SECONDS) -> Cleaned:
    """The cleaned file, or `Refused` with the reason; never more than the budget."""
    command = [sys.executable, "-m", "oversight.core.cleaning", kind, str(memory), str(seconds)]
    try:
        done = subprocess.run(  # noqa: S603 - our own module, arguments we built
            command,
            input=data,
            capture_output=True,
            timeout=seconds,
            env=_child_env(),
            check=False,
        )
    except subprocess.TimeoutExpired as exc:  # run() has killed the child
        raise Refused(TIME_OUT) from exc
    if done.returncode == 0:
        head, _newline, body = done.stdout.partition(b"\n")
        return Cleaned(body, head.decode())
    reason = done.stderr.decode(errors="replace").strip().rsplit("\n", 1)[-1]
    if done.returncode == 2 and reason in (DAMAGED, PIXELS, PAGES, OBJECTS, MEMORY_OUT):
        raise Refused(reason)
    if done.returncode == -9 or "MemoryError" in reason:  # SIGKILL, or died allocating
        raise Refused(MEMORY_OUT)
    if done.returncode == -24:  # SIGXCPU: over its CPU time
        raise Refused(TIME_OUT)
    raise Refused(MEMORY_OUT if "alloc" in reason else DAMAGED)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
