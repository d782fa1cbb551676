"""Everything the server keeps at rest, as bytes: the database as stored, and the file store."""

import os
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection


def database_bytes() -> bytes:
    """The raw SQLite file with its WAL, or a pg_dump of the PostgreSQL test database."""
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        name = Path(str(config["NAME"]))
        return b"".join(
            Path(f"{name}{suffix}").read_bytes()
            for suffix in ("", "-wal", "-shm", "-journal")
            if Path(f"{name}{suffix}").exists()
        )
    env = os.environ | {"PGPASSWORD": str(config.get("PASSWORD") or "")}
    command = ["pg_dump", "--no-owner", "-h", str(config.get("HOST") or "localhost")]
    command += [
        "-p",
        str(config.get("PORT") or 5432),
        "-U",
        str(config.get("USER")),
        str(config["NAME"]),
    ]
    return subprocess.run(command, env=env, check=True, capture_output=True).stdout


def file_store_bytes() -> bytes:
    root = Path(settings.GRIEVANCE_FILES_DIR)
    return b"".join(p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file())


def forms_of(text: str) -> list[bytes]:
    """The ways a string could sit in a dump: raw, UTF-16, and hex (PostgreSQL bytea)."""
    raw = text.encode()
    return [raw, text.encode("utf-16-le"), raw.hex().encode()]


def leaks(haystack: bytes, text: str) -> bool:
    return any(form in haystack for form in forms_of(text))
