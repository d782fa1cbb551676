"""The cryptography of grievances, on libsodium (PyNaCl) only.

- Each report has an X25519 key pair; everything a complainant or handler writes
  is sealed to the report's public key (`crypto_box_seal`), so the server can
  write without being able to read back.
- The report's private key is kept only in sealed or secret-boxed copies: one per
  handler (sealed to the handler's public key), one per channel's escrow key, and
  one under a key derived from the receipt.
- Files are encrypted with a fresh key each in a secretstream (XChaCha20-Poly1305)
  of fixed-size chunks, so memory stays bounded whatever the file size.
- Keys from secrets people hold (receipts, passwords) come from Argon2id.
"""

import json
from collections.abc import Iterator
from typing import IO, Any

from argon2.low_level import Type, hash_secret_raw
from django.conf import settings
from nacl import bindings as sodium
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.secret import SecretBox
from nacl.utils import random

CHUNK = 64 * 1024
KEY_BYTES = 32
_ABYTES = sodium.crypto_secretstream_xchacha20poly1305_ABYTES
_HEADER = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES
_FINAL = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
_MESSAGE = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE


class DecryptionError(Exception):
    """A ciphertext that does not open with the key given (wrong key or tampered)."""


def new_keypair() -> tuple[bytes, bytes]:
    """(private key, public key), 32 bytes each."""
    private = PrivateKey.generate()
    return bytes(private), bytes(private.public_key)


def public_of(private_key: bytes) -> bytes:
    return bytes(PrivateKey(private_key).public_key)


def seal(public_key: bytes, data: bytes) -> bytes:
    return bytes(SealedBox(PublicKey(public_key)).encrypt(data))


def unseal(private_key: bytes, data: bytes) -> bytes:
    try:
        return bytes(SealedBox(PrivateKey(private_key)).decrypt(data))
    except Exception as exc:  # nacl raises CryptoError and friends
        raise DecryptionError(str(exc)) from exc


def seal_json(public_key: bytes, value: Any) -> bytes:
    return seal(public_key, json.dumps(value, ensure_ascii=False).encode())


def unseal_json(private_key: bytes, data: bytes) -> Any:
    return json.loads(unseal(private_key, data))


def lock(key: bytes, data: bytes) -> bytes:
    """Secret-key encryption (XSalsa20-Poly1305 with a random nonce)."""
    return bytes(SecretBox(key).encrypt(data))


def unlock(key: bytes, data: bytes) -> bytes:
    try:
        return bytes(SecretBox(key).decrypt(data))
    except Exception as exc:
        raise DecryptionError(str(exc)) from exc


def random_bytes(size: int = KEY_BYTES) -> bytes:
    return bytes(random(size))


def stretch(secret: bytes, salt: bytes, size: int) -> bytes:
    """Argon2id with the site's cost (GRIEVANCE_ARGON2 = {"time_cost", "memory_kib"})."""
    cost = getattr(settings, "GRIEVANCE_ARGON2", {"time_cost": 3, "memory_kib": 64 * 1024})
    return bytes(
        hash_secret_raw(
            secret,
            salt,
            time_cost=int(cost["time_cost"]),
            memory_cost=int(cost["memory_kib"]),
            parallelism=1,
            hash_len=size,
            type=Type.ID,
        )
    )


def receipt_material(receipt: str, site_salt: bytes) -> tuple[bytes, bytes]:
    """(lookup value stored in the database, key that opens the report's private key).

    Two halves of one Argon2id output: knowing the lookup value says nothing about the key.
    """
    out = stretch(receipt.encode(), site_salt, 2 * KEY_BYTES)
    return out[:KEY_BYTES], out[KEY_BYTES:]


def password_key(password: str, salt: bytes) -> bytes:
    return stretch(password.encode(), salt, KEY_BYTES)


class StreamWriter:
    """Encrypts to `out` chunk by chunk; `close()` writes the final, authenticated chunk."""

    def __init__(self, out: IO[bytes], key: bytes) -> None:
        self.out, self.buffer, self.size = out, bytearray(), 0
        self.state = sodium.crypto_secretstream_xchacha20poly1305_state()
        header = sodium.crypto_secretstream_xchacha20poly1305_init_push(self.state, key)
        out.write(header)

    def write(self, data: bytes) -> None:
        self.buffer += data
        self.size += len(data)
        while len(self.buffer) > CHUNK:
            self._push(bytes(self.buffer[:CHUNK]), _MESSAGE)
            del self.buffer[:CHUNK]

    def close(self) -> None:
        self._push(bytes(self.buffer), _FINAL)
        self.buffer.clear()

    def _push(self, chunk: bytes, tag: int) -> None:
        self.out.write(
            sodium.crypto_secretstream_xchacha20poly1305_push(self.state, chunk, None, tag)
        )


def decrypt_stream(source: IO[bytes], key: bytes) -> Iterator[bytes]:
    """Plaintext chunks of a stream written by StreamWriter; raises on truncation or tampering."""
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    try:
        sodium.crypto_secretstream_xchacha20poly1305_init_pull(state, source.read(_HEADER), key)
        while True:
            record = source.read(CHUNK + _ABYTES)
            if not record:
                raise DecryptionError("the file ends before its final chunk (truncated)")
            chunk, tag = sodium.crypto_secretstream_xchacha20poly1305_pull(state, record, None)
            yield chunk
            if tag == _FINAL:
                return
    except DecryptionError:
        raise
    except Exception as exc:
        raise DecryptionError(str(exc)) from exc
