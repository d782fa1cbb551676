"""Sign-in in two steps: password, then a second factor (enrolled on first sign-in).

Between the steps the session holds only a pending user id with a time limit;
the user is not signed in until the second factor is accepted.
"""

from base64 import b32encode
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth import login as auth_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from oversight.accounts import actions
from oversight.accounts.actions import throttle
from oversight.accounts.forms import CodeForm, EnrolForm, LoginForm
from oversight.accounts.models import User

PENDING = "oversight_pending_login"
PENDING_SECONDS = 300
GENERIC_ERROR = _(
    "Those sign-in details did not work. Check them and try again; after several "
    "failed attempts you must wait a few minutes."
)


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _pending(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    data = request.session.get(PENDING)
    if not isinstance(data, dict):
        return None
    if timezone.now().timestamp() - float(data.get("at", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    user = User.objects.filter(pk=int(data.get("uid", 0)), is_active=True).first()
    return (user, data) if user is not None else None


def _has_authenticator(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def _finish(request: HttpRequest, user: User, device: Any, data: dict[str, Any]) -> None:
    """Both factors accepted: sign in and remember the device for is_verified()."""
    request.session.pop(PENDING, None)
    user.otp_device = device  # type: ignore[attr-defined]  # django-otp persists it
    auth_login(request, user, backend=data["backend"])
    throttle.record_success(user.username)


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    form = LoginForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        username = form.cleaned_data["username"]
        user = None
        if not throttle.is_locked(username):
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                throttle.record_failure(username)
        if user is not None:
            request.session[PENDING] = {
                "uid": user.pk,
                "backend": user.backend,  # type: ignore[attr-defined]
                "at": timezone.now().timestamp(),
                "next": _safe_next(request, next_url),
            }
            step = "accounts:verify" if _has_authenticator(user) else "accounts:enrol"
            return redirect(step)
        form.add_error(None, GENERIC_ERROR)
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


def _match(user: User, code: str) -> Any:
    """The confirmed device that accepts `code`: 6 digits go to the authenticator."""
    kind = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    with transaction.atomic():  # devices are locked while verified: no replay in parallel
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if isinstance(device, kind) and device.verify_token(code):
                return device
    return None


def _enrolment_code_ok(device: TOTPDevice, code: str) -> bool:
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        return bool(locked.verify_token(code))


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def verify_view(request: HttpRequest) -> HttpResponse:
    pending = _pending(request)
    if pending is None:
        return redirect("accounts:login")
    user, data = pending
    if not _has_authenticator(user):
        return redirect("accounts:enrol")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        locked = throttle.is_locked(user.username)
        device = None if locked else _match(user, form.cleaned_data["code"])
        if device is not None:
            _finish(request, user, device, data)
            if isinstance(device, StaticDevice):
                actions.note_backup_code_used(user)
            return redirect(data["next"])
        if not locked:
            throttle.record_failure(user.username)
        form.add_error("code", GENERIC_ERROR)
    return render(request, "accounts/verify.html", {"form": form})


def qr_svg(url: str) -> str:
    """The otpauth:// URL as an inline SVG (no script, no style, no other host)."""
    code = segno.make(url, error="m")
    title = str(_("QR code of your authenticator set-up key"))
    return str(code.svg_inline(scale=5, dark="#000", light="#fff", title=title))


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def enrol_view(request: HttpRequest) -> HttpResponse:
    pending = _pending(request)
    if pending is None:
        return redirect("accounts:login")
    user, data = pending
    if _has_authenticator(user):
        return redirect("accounts:verify")
    device = actions.start_enrolment(user)
    form = EnrolForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        locked = throttle.is_locked(user.username)
        if not locked and _enrolment_code_ok(device, form.cleaned_data["code"]):
            codes = actions.confirm_enrolment(user, device)
            _finish(request, user, device, data)
            context = {"codes": codes, "next": data["next"]}
            return render(request, "accounts/backup_codes.html", context)
        if not locked:
            throttle.record_failure(user.username)
        form.add_error("code", GENERIC_ERROR)
    secret = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "qr": qr_svg(device.config_url),
    }
    return render(request, "accounts/enrol.html", context)
