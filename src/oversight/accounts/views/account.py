"""The account page: second factor status, password, API tokens (created, listed, revoked)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from oversight.accounts import actions
from oversight.accounts.access import require_staff, roles_of
from oversight.accounts.forms import TokenForm
from oversight.accounts.models import APIToken, User


def _page(request: HttpRequest, form: TokenForm, new_token: str = "") -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    context = {
        "form": form,
        "new_token": new_token,
        "tokens": APIToken.objects.filter(user=user).order_by("revoked_at", "-created_at"),
        "assignments": user.roles.select_related("jurisdiction", "organisation"),
        "roles": roles_of(user),
    }
    return render(request, "accounts/staff/account.html", context)


@require_staff
def account(request: HttpRequest) -> HttpResponse:
    return _page(request, TokenForm())


@require_staff
@require_POST
def create_token(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form)
    _row, token = actions.issue_token(request.user, form.cleaned_data["name"])
    # Rendered, not redirected: the token exists in this one response only.
    return _page(request, TokenForm(), new_token=token)


@require_staff
@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(APIToken, pk=pk, user_id=request.user.pk)
    if actions.revoke_token(row, actor=request.user if isinstance(request.user, User) else None):
        messages.success(request, _("Token %(name)s revoked.") % {"name": row.name})
    return redirect("accounts:account")
