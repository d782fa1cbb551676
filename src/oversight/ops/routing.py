"""Public reads from a read replica (settings.DATABASE_REPLICA_URL).

The middleware marks a request as a public read when it is a GET or HEAD without a
session cookie: an anonymous visitor of the portal. The router then sends that request's
reads to the replica; writes, signed-in staff, the shared limits and sessions always use
the primary, so nobody acts on a row the replica has not caught up with yet.
"""

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse

_public_read: ContextVar[bool] = ContextVar("oversight_public_read", default=False)
# Read where they are written: flood limits (the database cache) and sessions.
PRIMARY_ONLY = {"django_cache", "sessions"}


def public_reads(get_response: Callable[[HttpRequest], HttpResponse]) -> Any:
    def middleware(request: HttpRequest) -> HttpResponse:
        public = request.method in ("GET", "HEAD") and (
            settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
        token = _public_read.set(public)
        try:
            return get_response(request)
        finally:
            _public_read.reset(token)

    return middleware


class ReplicaRouter:
    def db_for_read(self, model: type[models.Model], **hints: Any) -> str | None:
        if _public_read.get() and model._meta.app_label not in PRIMARY_ONLY:
            return "replica"
        return None

    def db_for_write(self, model: type[models.Model], **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: models.Model, obj2: models.Model, **hints: Any) -> bool:
        return True  # one database, two copies

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"
