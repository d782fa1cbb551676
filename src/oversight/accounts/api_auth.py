"""Bearer-token authentication for the API, its typed request, and `GET /api/v1/me`.

Tokens are looked up by their SHA-256 digest (the only form we store); revoked
tokens and inactive users are refused with 401.
"""

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.security import HttpBearer

from oversight.accounts.models import APIToken, User, hash_token

# Record use at most once a minute per token, not a write on every request.
LAST_USED_GRANULARITY = timedelta(minutes=1)


class ApiRequest(HttpRequest):
    """A request that passed `token_auth`: `auth` is the token's (active) user.

    Endpoints behind `token_auth` take `request: ApiRequest`, so reading the
    user needs no cast.
    """

    auth: User


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        if not token.startswith("ovt_") or len(token) > 200:
            return None
        row = (
            APIToken.objects.select_related("user")
            .filter(digest=hash_token(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if row is None:
            return None
        now = timezone.now()
        if row.last_used_at is None or now - row.last_used_at >= LAST_USED_GRANULARITY:
            APIToken.objects.filter(pk=row.pk).update(last_used_at=now)
        return row.user


token_auth = TokenAuth()
router = Router(tags=["accounts"])


class RoleOut(Schema):
    role: str
    jurisdiction: str | None
    organisation: str | None


class MeOut(Schema):
    username: str
    roles: list[RoleOut]


@router.get("/me", auth=token_auth, response=MeOut, summary="The token's user and roles")
def me(request: ApiRequest) -> MeOut:
    user = request.auth
    rows = user.roles.select_related("organisation").order_by("role", "pk")
    roles = [
        RoleOut(
            role=row.role,
            jurisdiction=row.jurisdiction_id,
            organisation=row.organisation.slug if row.organisation else None,
        )
        for row in rows
    ]
    return MeOut(username=user.username, roles=roles)
