"""Complainant forms' own CSRF defence, which also makes each submit idempotent.

Complainant pages send `Referrer-Policy: no-referrer`, so browsers post them with
`Origin: null` (Chromium) or with neither Origin nor Referer; Django's CSRF check
rejects those, so these views are `csrf_exempt` and use this instead:

- a random cookie `grievance_form`, HttpOnly and SameSite=Strict, scoped to /report/
  (a cross-site page can neither read it nor make the browser send it);
- in each form a token `nonce.HMAC(SECRET_KEY, cookie ‖ nonce)`.

A post is accepted only when its token matches the cookie it came with. The nonce,
fresh per rendered form, is the idempotency key of the submit: posting the same
form twice makes one report.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.http import HttpRequest, HttpResponse

COOKIE = "grievance_form"
FIELD = "form_token"


def _mac(cookie: str, nonce: str) -> str:
    message = f"grievance-form:{cookie}:{nonce}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def cookie_of(request: HttpRequest) -> str:
    """The browser's cookie value, or a new one (set on the response by `attach`)."""
    value = request.COOKIES.get(COOKIE, "")
    if len(value) != 43:
        value = getattr(request, "_grievance_cookie", "") or secrets.token_urlsafe(32)
        request._grievance_cookie = value  # type: ignore[attr-defined]
    return value


def new_token(request: HttpRequest) -> str:
    nonce = secrets.token_urlsafe(24)
    return f"{nonce}.{_mac(cookie_of(request), nonce)}"


def verified_nonce(request: HttpRequest) -> str | None:
    """The nonce of a genuine post from our own form, or None."""
    cookie = request.COOKIES.get(COOKIE, "")
    nonce, _, mac = str(request.POST.get(FIELD, "")).partition(".")
    if not cookie or not nonce or not hmac.compare_digest(mac, _mac(cookie, nonce)):
        return None
    return nonce


def attach(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    new = getattr(request, "_grievance_cookie", "")
    if new:
        response.set_cookie(
            COOKIE,
            new,
            path="/report/",
            httponly=True,
            samesite="Strict",
            secure=settings.SECURE_COOKIES,
        )
    return response
