"""Typed readers for settings from the environment.

Each reader fails at start with a message naming the variable, so a typo in a
deployment never silently falls back to an unsafe default. A `NAME_FILE`
variable, when set, is read instead of `NAME` (for secrets mounted as files).
"""

import base64
import binascii
import contextlib
import json
import os
import secrets
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str) -> str | None:
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {path}: {exc}") from exc
    return os.environ.get(name)


def env_str(name: str, default: str) -> str:
    value = _raw(name)
    return default if value is None else value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}: expected true/false (1/0, yes/no), got {value!r}")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}: expected a whole number, got {value!r}") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name}: must be at least {minimum}, got {number}")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return default
    items = [item.strip() for item in value.split(",") if item.strip()]
    if not items:
        raise ImproperlyConfigured(f"{name}: expected a comma-separated list, got {value!r}")
    return items


def env_json(name: str, default: dict[str, Any]) -> dict[str, Any]:
    value = _raw(name)
    if value is None or not value.strip():
        return default
    try:
        parsed = json.loads(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}: expected a JSON object: {exc}") from None
    if not isinstance(parsed, dict):
        raise ImproperlyConfigured(f"{name}: expected a JSON object, got {value!r}")
    return parsed


def private_dir(path: Path) -> Path:
    """Create `path` (and its parents) readable by this user only; an existing one is kept."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def private_file(path: Path) -> Path:
    """Create an empty `path` mode 0600 unless it exists (SQLite then keeps the mode,
    and gives it to its -wal and -shm files)."""
    private_dir(path.parent)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    return path


def secret_key(var_dir: Path) -> str:
    """SECRET_KEY from the environment, else one generated once into var/."""
    value = _raw("SECRET_KEY")
    if value is not None:
        if len(value) < 32:
            raise ImproperlyConfigured("SECRET_KEY: must be at least 32 characters long")
        return value
    path = var_dir / "secret_key"
    if not path.exists():
        private_dir(var_dir)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process won the race; use its key
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def _seed(text: str) -> bytes:
    """An Ed25519 seed given as base64 of its 32 bytes, or as a Go signed-note private
    key (PRIVATE+KEY+<name>+<id>+base64(0x01 || seed)): the key, not the name, is kept."""
    # The key material's base64 may hold "+" itself: split off the four fields before it.
    material = text.split("+", 4)[-1] if text.startswith("PRIVATE+KEY+") else text
    try:
        raw = base64.b64decode(material, validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if text.startswith("PRIVATE+KEY+") and len(raw) == 33 and raw[0] == 1:
        raw = raw[1:]
    if len(raw) != 32:
        raise ImproperlyConfigured(
            "OVERSIGHT_SIGNING_KEY: expected base64 of a 32-byte Ed25519 seed "
            "or a PRIVATE+KEY+… signed-note key"
        )
    return raw


def signing_key(var_dir: Path) -> bytes:
    """The instance's Ed25519 seed: OVERSIGHT_SIGNING_KEY (or _FILE), else generated once
    into var/signing_key (mode 0600). It signs the audit log's checkpoints and, derived
    from it, this instance's cosignatures of other logs."""
    value = _raw("OVERSIGHT_SIGNING_KEY")
    if value is not None:
        return _seed(value.strip())
    path = var_dir / "signing_key"
    if not path.exists():
        private_dir(var_dir)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process won the race; use its key
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(base64.b64encode(secrets.token_bytes(32)).decode() + "\n")
    return _seed(path.read_text().strip())
