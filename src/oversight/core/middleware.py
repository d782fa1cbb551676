"""Response headers that keep every page private and self-contained."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CSP = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# For pages that must load nothing at all beyond our style sheet: the complainant's
# pages, and every server error page (it may be shown in the middle of a report).
STRICT_CSP = "; ".join(
    [
        "default-src 'none'",
        "style-src 'self'",
        "img-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)
PRIVATE_PREFIXES = ("/accounts/", "/staff/", "/admin/")
STRICT_PREFIXES = ("/report/",)
PERMISSIONS = "camera=(), microphone=(), geolocation=(), interest-cohort=()"


def privacy_headers(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if response.status_code >= 500 or request.path.startswith(STRICT_PREFIXES):
            # Also when a view raised, and its own headers were never set.
            response.headers["Content-Security-Policy"] = STRICT_CSP
            response.headers["Referrer-Policy"] = "no-referrer"
            response.headers["Cache-Control"] = "no-store"
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS)
        if request.path.startswith(PRIVATE_PREFIXES):
            response.headers["Cache-Control"] = "no-store"
        return response

    return middleware
