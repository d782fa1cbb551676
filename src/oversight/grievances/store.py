"""The file store: ciphertext only, under GRIEVANCE_FILES_DIR, in random names."""

import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from django.conf import settings

from oversight.grievances import crypto

INCOMING = "incoming"


def root() -> Path:
    path = Path(settings.GRIEVANCE_FILES_DIR)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def new_name() -> str:
    return secrets.token_hex(16)


def path_of(name: str, *, incoming: bool = False) -> Path:
    folder = root() / (INCOMING if incoming else name[:2])
    folder.mkdir(exist_ok=True, mode=0o700)
    return folder / name


def open_new(name: str, *, incoming: bool = False) -> IO[bytes]:
    return path_of(name, incoming=incoming).open("xb")


def move_in(name: str) -> None:
    """An upload becomes a stored file (same ciphertext, final place)."""
    path_of(name, incoming=True).replace(path_of(name))


def delete(name: str, *, incoming: bool = False) -> None:
    path_of(name, incoming=incoming).unlink(missing_ok=True)


def write_encrypted(data: bytes) -> tuple[str, bytes, int]:
    """Encrypt bytes held in memory to a new stored file: (name, key, size on disk)."""
    name, key = new_name(), crypto.random_bytes()
    with open_new(name) as out:
        writer = crypto.StreamWriter(out, key)
        for start in range(0, len(data), crypto.CHUNK):
            writer.write(data[start : start + crypto.CHUNK])
        writer.close()
    return name, key, path_of(name).stat().st_size


def read_decrypted(name: str, key: bytes, *, incoming: bool = False) -> Iterator[bytes]:
    with path_of(name, incoming=incoming).open("rb") as source:
        yield from crypto.decrypt_stream(source, key)


def orphans(known: set[str], older_than: float) -> Iterator[Path]:
    """Files no row points at (an interrupted submit), older than `older_than` (epoch s)."""
    for path in root().rglob("*"):
        if path.is_file() and path.name not in known and path.stat().st_mtime < older_than:
            yield path
