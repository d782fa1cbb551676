"""Receipts: 25 random digits (83 bits), shown once, never stored.

Only an Argon2id value derived from the receipt under the site salt is stored, to
find the report (GlobaLeaks does the same); the other half of the same derivation
opens the report's private key.
"""

import secrets

from oversight.grievances import crypto
from oversight.grievances.models import SiteSalt

DIGITS = 25
GROUP = 5


def new_receipt() -> str:
    digits = "".join(str(secrets.randbelow(10)) for _ in range(DIGITS))
    return " ".join(digits[i : i + GROUP] for i in range(0, DIGITS, GROUP))


def normalise(text: str) -> str | None:
    """The digits of a receipt as typed (spaces and dashes allowed), or None if malformed."""
    digits = "".join(ch for ch in text if ch not in " -\t")
    if len(digits) != DIGITS or not digits.isascii() or not digits.isdigit():
        return None
    return digits


def material(text: str) -> tuple[bytes, bytes]:
    """(lookup, key) for a receipt; a malformed one still costs the same Argon2id work."""
    digits = normalise(text) or "x" * DIGITS
    return crypto.receipt_material(digits, SiteSalt.current())
