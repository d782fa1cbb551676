"""The instance's signing key: made once into var/ (0600), or given, and checked."""

import base64
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from oversight.env import signing_key


def test_it_creates_the_key_once_readable_by_this_user_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OVERSIGHT_SIGNING_KEY", raising=False)
    monkeypatch.delenv("OVERSIGHT_SIGNING_KEY_FILE", raising=False)
    first = signing_key(tmp_path / "var")
    assert len(first) == 32
    assert (tmp_path / "var" / "signing_key").stat().st_mode & 0o777 == 0o600
    assert signing_key(tmp_path / "var") == first  # kept, not made again


def test_it_takes_the_key_from_the_environment_or_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = bytes(range(32))
    monkeypatch.setenv("OVERSIGHT_SIGNING_KEY", base64.b64encode(seed).decode())
    assert signing_key(tmp_path) == seed
    assert not (tmp_path / "signing_key").exists()
    go_key = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
    path = tmp_path / "key"
    path.write_text(go_key + "\n")
    monkeypatch.setenv("OVERSIGHT_SIGNING_KEY_FILE", str(path))
    assert signing_key(tmp_path) == base64.b64decode(go_key.split("+", 4)[4])[1:]


@pytest.mark.parametrize("value", ["", "short", base64.b64encode(b"x" * 31).decode()])
def test_it_refuses_a_key_that_is_not_32_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.delenv("OVERSIGHT_SIGNING_KEY_FILE", raising=False)
    monkeypatch.setenv("OVERSIGHT_SIGNING_KEY", value)
    with pytest.raises(ImproperlyConfigured, match="OVERSIGHT_SIGNING_KEY"):
        signing_key(tmp_path)
