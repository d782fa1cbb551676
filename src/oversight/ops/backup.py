"""Backups that prove themselves: `oversight backup FILE` and `oversight restore FILE`.

A backup is one file: a plain header (format, time, the audit checkpoint it carries),
then a tar archive of the database snapshot and the file stores, encrypted with
libsodium's secretstream (XChaCha20-Poly1305, chunked, truncation detected) under a
random key that is sealed (X25519 SealedBox) to the operator's public key. Taking a
backup needs only the public key; restoring needs the private one.

The snapshot is consistent: SQLite's online backup API, or `pg_dump` inside the very
snapshot (`pg_export_snapshot`) in which the audit head was read. So the checkpoint it
carries is exactly the head of the database it holds, and `restore` checks that with
`audit verify --expect COUNT:HASH`.
"""

import base64
import binascii
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import connection
from django.utils import timezone
from nacl import bindings
from nacl.public import PrivateKey, PublicKey, SealedBox

from oversight.core.models import GENESIS_HASH

MAGIC = b"OVERSIGHT-BACKUP-1\n"
CHUNK = 1 << 20
_LEN = struct.Struct(">I")
_TAG_FINAL = bindings.crypto_secretstream_xchacha20poly1305_TAG_FINAL
_TAG_MESSAGE = bindings.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE


class BackupError(Exception):
    """What an operator must be told: a key that does not fit, a damaged file, …"""


# --- the operator key --------------------------------------------------------------


@dataclass(frozen=True)
class OperatorKey:
    public: PublicKey
    private: PrivateKey | None  # absent where only backups are taken

    def text(self) -> str:
        lines = [
            "# Oversight backup key. Backups are encrypted to the public key; only the",
            "# private key restores them. Keep the private line OFF this machine.",
            f"public: {base64.b64encode(bytes(self.public)).decode()}",
        ]
        if self.private is not None:
            lines.append(f"private: {base64.b64encode(bytes(self.private)).decode()}")
        return "\n".join(lines) + "\n"


def read_key(path: Path) -> OperatorKey:
    try:
        text = path.read_text()
    except OSError as exc:
        raise BackupError(f"cannot read the backup key {path}: {exc}") from exc
    found: dict[str, bytes] = {}
    for line in text.splitlines():
        name, sep, value = line.partition(":")
        if sep and name.strip() in ("public", "private"):
            try:
                found[name.strip()] = base64.b64decode(value.strip(), validate=True)
            except (binascii.Error, ValueError) as exc:
                raise BackupError(f"{path}: the {name.strip()} key is not base64") from exc
    if any(len(raw) != 32 for raw in found.values()) or not found:
        raise BackupError(f"{path} holds no backup key (public: … / private: … lines)")
    private = PrivateKey(found["private"]) if "private" in found else None
    public = PublicKey(found["public"]) if "public" in found else None
    if private is not None and public is not None and bytes(private.public_key) != bytes(public):
        raise BackupError(f"{path}: its public and private keys do not belong together")
    if public is None:
        assert private is not None
        public = private.public_key
    return OperatorKey(public, private)


def operator_key(announce: Any = None) -> OperatorKey:
    """The key of BACKUP_KEY_FILE; made there on first use (with a warning) if missing."""
    path = Path(settings.BACKUP_KEY_FILE)
    if path.exists():
        return read_key(path)
    key = PrivateKey.generate()
    made = OperatorKey(key.public_key, key)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use that one
        return read_key(path)
    with os.fdopen(fd, "w") as out:
        out.write(made.text())
    if announce is not None:
        announce(
            f"WARNING: made a new backup key in {path}. Copy it OFF this machine (an "
            "offline store or a password manager), then delete its `private:` line "
            "here: a backup kept with its own key protects nothing. Restoring needs it."
        )
    return made


# --- encryption: sealed key, then secretstream chunks ------------------------------


def encrypt(plain: IO[bytes], out: IO[bytes], public: PublicKey, header: dict[str, Any]) -> None:
    key = bindings.crypto_secretstream_xchacha20poly1305_keygen()
    sealed = SealedBox(public).encrypt(key)
    head = json.dumps(header, sort_keys=True).encode()
    out.write(MAGIC + _LEN.pack(len(head)) + head + _LEN.pack(len(sealed)) + sealed)
    state = bindings.crypto_secretstream_xchacha20poly1305_state()
    out.write(bindings.crypto_secretstream_xchacha20poly1305_init_push(state, key))
    chunk = plain.read(CHUNK)
    while True:
        following = plain.read(CHUNK)
        tag = _TAG_MESSAGE if following else _TAG_FINAL
        # The header is bound to the stream as associated data: it cannot be swapped.
        sealed_chunk = bindings.crypto_secretstream_xchacha20poly1305_push(state, chunk, head, tag)
        out.write(_LEN.pack(len(sealed_chunk)) + sealed_chunk)
        if not following:
            return
        chunk = following


def _read_exact(source: IO[bytes], size: int) -> bytes:
    data = source.read(size)
    if len(data) != size:
        raise BackupError("the backup file is truncated")
    return data


def read_header(source: IO[bytes]) -> tuple[dict[str, Any], bytes, bytes]:
    if source.read(len(MAGIC)) != MAGIC:
        raise BackupError("not an Oversight backup (or a format this version cannot read)")
    head = _read_exact(source, _LEN.unpack(_read_exact(source, 4))[0])
    sealed = _read_exact(source, _LEN.unpack(_read_exact(source, 4))[0])
    try:
        header = json.loads(head)
    except ValueError as exc:
        raise BackupError("the backup's header is damaged") from exc
    return header, head, sealed


def decrypt(source: IO[bytes], out: IO[bytes], private: PrivateKey) -> dict[str, Any]:
    header, head, sealed = read_header(source)
    try:
        key = SealedBox(private).decrypt(sealed)
    except Exception as exc:
        raise BackupError("this key does not open the backup (another operator key?)") from exc
    state = bindings.crypto_secretstream_xchacha20poly1305_state()
    stream_header = _read_exact(source, bindings.crypto_secretstream_xchacha20poly1305_HEADERBYTES)
    bindings.crypto_secretstream_xchacha20poly1305_init_pull(state, stream_header, key)
    while True:
        prefix = source.read(4)
        if len(prefix) != 4:
            raise BackupError("the backup file is truncated (no final chunk)")
        chunk = _read_exact(source, _LEN.unpack(prefix)[0])
        try:
            plain, tag = bindings.crypto_secretstream_xchacha20poly1305_pull(state, chunk, head)
        except Exception as exc:
            raise BackupError("the backup file was altered or damaged") from exc
        out.write(plain)
        if tag == _TAG_FINAL:
            if source.read(1):
                raise BackupError("the backup file has data after its end")
            return header


# --- the snapshot ---------------------------------------------------------------------


def file_stores() -> dict[str, Path]:
    """The directories a backup carries: uploaded documents and grievance ciphertext."""
    return {
        "media": Path(settings.MEDIA_ROOT),
        "grievance-files": Path(settings.GRIEVANCE_FILES_DIR),
    }


def _head_of_sqlite(path: Path) -> tuple[int, str]:
    with sqlite3.connect(path) as copy:
        row = copy.execute("SELECT count, hash FROM core_audithead WHERE id = 1").fetchone()
    copy.close()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS_HASH)  # no head: empty log


def _pg_env(config: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for var, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if config.get(key):
            env[var] = str(config[key])
    return env


def _dump_postgres(target: Path) -> tuple[int, str]:
    """pg_dump inside the snapshot in which the audit head is read."""
    config = connection.settings_dict
    with connection.cursor() as cursor:
        # A transaction of our own, outside Django's: the snapshot lives while it does.
        raw = connection.connection
        assert raw is not None
        previous = raw.autocommit
        raw.autocommit = False
        try:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            cursor.execute("SELECT count, hash FROM core_audithead WHERE id = 1")
            row = cursor.fetchone() or (0, GENESIS_HASH)
            done = subprocess.run(  # noqa: S603 - fixed arguments, no shell
                [
                    shutil.which("pg_dump") or "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                ],
                env=_pg_env(config),
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
        finally:
            raw.rollback()
            raw.autocommit = previous
    return int(row[0]), str(row[1])


def snapshot_database(folder: Path) -> tuple[str, int, str]:
    """Copy the database into `folder`; returns (file name, audit count, audit hash)."""
    if connection.in_atomic_block:  # its own uncommitted writes would not be in the copy
        raise BackupError("take a backup outside a transaction")
    if connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        source = connection.connection
        assert source is not None
        with sqlite3.connect(target) as copy:
            source.backup(copy)  # the online backup API: a consistent copy
        copy.close()
        count, hash_ = _head_of_sqlite(target)
        return target.name, count, hash_
    target = folder / "database.pgdump"
    count, hash_ = _dump_postgres(target)
    return target.name, count, hash_


def write_backup(path: Path, key: OperatorKey) -> dict[str, Any]:
    """Take a consistent backup into `path` (refusing to overwrite); returns its manifest."""
    with tempfile.TemporaryDirectory(prefix="oversight-backup-") as scratch:
        folder = Path(scratch)
        database, count, hash_ = snapshot_database(folder)
        manifest = {
            "format": 1,
            "created_at": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "database": database,
            "checkpoint": {"count": count, "hash": hash_},
        }
        (folder / "manifest.json").write_text(json.dumps(manifest, sort_keys=True))
        archive = folder / "backup.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(folder / "manifest.json", arcname="manifest.json")
            tar.add(folder / database, arcname=database)
            for name, store in file_stores().items():
                if store.is_dir():
                    tar.add(store, arcname=f"files/{name}")
        header = {key_: manifest[key_] for key_ in ("format", "created_at", "checkpoint")}
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as out, archive.open("rb") as plain:
                encrypt(plain, out, key.public, header)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
    return manifest


# --- restoring ---------------------------------------------------------------------


def instance_is_empty() -> bool:
    tables = connection.introspection.table_names()
    stores_empty = all(
        not store.exists() or not any(store.iterdir()) for store in file_stores().values()
    )
    return not tables and stores_empty


@contextmanager
def opened(path: Path, private: PrivateKey) -> Iterator[tuple[dict[str, Any], Path]]:
    """Decrypt and unpack a backup into a private scratch folder; yields its manifest."""
    with tempfile.TemporaryDirectory(prefix="oversight-restore-") as scratch:
        folder = Path(scratch)
        archive = folder / "backup.tar.gz"
        with path.open("rb") as source, archive.open("wb") as out:
            header = decrypt(source, out, private)
        unpacked = folder / "unpacked"
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(unpacked, filter="data")  # no links out, no absolute paths
        manifest = json.loads((unpacked / "manifest.json").read_text())
        if manifest.get("checkpoint") != header.get("checkpoint"):
            raise BackupError("the backup's header and contents disagree")
        yield manifest, unpacked


def restore_database(manifest: dict[str, Any], unpacked: Path) -> None:
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"this is a {manifest['vendor']} backup; this instance uses {connection.vendor}"
        )
    dump = unpacked / manifest["database"]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = connection.connection
        assert target is not None
        with sqlite3.connect(dump) as source:
            source.backup(target)
        source.close()
        connection.close()
        return
    connection.close()
    done = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [
            shutil.which("pg_restore") or "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump),
        ],
        env=_pg_env(connection.settings_dict),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(f"pg_restore failed: {done.stderr.strip()}")


def restore_files(unpacked: Path) -> int:
    count = 0
    for name, store in file_stores().items():
        source = unpacked / "files" / name
        if not source.is_dir():
            continue
        store.mkdir(parents=True, exist_ok=True, mode=0o700)
        for item in source.rglob("*"):
            target = store / item.relative_to(source)
            if item.is_dir():
                target.mkdir(exist_ok=True, mode=0o700)
            else:
                target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                shutil.copy2(item, target)
                count += 1
    return count
