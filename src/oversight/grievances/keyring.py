"""Handler keys: created, unlocked for a session, re-wrapped when the password changes.

An unlocked private key never rests in the clear: the session (in the database)
holds it locked under a random key that lives only in an HttpOnly, SameSite=Strict
cookie scoped to /staff/grievances/. A stolen database gives neither half.
"""

import base64
import binascii

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from oversight.accounts.models import User
from oversight.grievances import crypto
from oversight.grievances.models import HandlerKey

SESSION_KEY = "grievance_key_box"
COOKIE = "grievance_unlock"
COOKIE_PATH = "/staff/grievances/"


def create_key(user: User, password: str) -> HandlerKey:
    private, public = crypto.new_keypair()
    salt = crypto.random_bytes(16)
    box = crypto.lock(crypto.password_key(password, salt), private)
    row, _ = HandlerKey.objects.update_or_create(
        user=user, defaults={"public_key": public, "private_box": box, "kdf_salt": salt}
    )
    return row


def open_key(row: HandlerKey, password: str) -> bytes:
    key = crypto.password_key(password, bytes(row.kdf_salt))
    return crypto.unlock(key, bytes(row.private_box))


def rewrap(row: HandlerKey, old_password: str, new_password: str) -> None:
    private = open_key(row, old_password)
    row.kdf_salt = crypto.random_bytes(16)
    row.private_box = crypto.lock(crypto.password_key(new_password, bytes(row.kdf_salt)), private)
    row.save(update_fields=["kdf_salt", "private_box"])


def remember(request: HttpRequest, response: HttpResponseBase, private: bytes) -> None:
    wrap = crypto.random_bytes()
    request.session[SESSION_KEY] = base64.b64encode(crypto.lock(wrap, private)).decode()
    response.set_cookie(
        COOKIE,
        base64.urlsafe_b64encode(wrap).decode(),
        path=COOKIE_PATH,
        httponly=True,
        samesite="Strict",
        secure=settings.SECURE_COOKIES,
    )


def unlocked(request: HttpRequest) -> bytes | None:
    """The handler's private key for this request, if they unlocked it this session."""
    boxed, wrap = request.session.get(SESSION_KEY), request.COOKIES.get(COOKIE)
    if not boxed or not wrap:
        return None
    try:
        return crypto.unlock(base64.urlsafe_b64decode(wrap), base64.b64decode(boxed))
    except (crypto.DecryptionError, binascii.Error, ValueError):
        return None


def forget(request: HttpRequest, response: HttpResponseBase) -> None:
    request.session.pop(SESSION_KEY, None)
    response.delete_cookie(COOKIE, path=COOKIE_PATH)
