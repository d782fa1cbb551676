"""What the licensing staff views share: running an action and reporting its refusal."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oversight.core.transitions import IllegalTransition
from oversight.licensing.actions import Changed
from oversight.licensing.models import Application

REFUSALS = (ValidationError, IllegalTransition, Changed, PermissionDenied)


def refusal_messages(error: Exception) -> list[str]:
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return [f"{name}: {m}" for name, items in error.message_dict.items() for m in items]
        return list(error.messages)
    return [str(error)]


def to_detail(app: Application, anchor: str = "") -> HttpResponseBase:
    response = redirect("licensing:detail", reference=app.reference)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def attempt(
    request: HttpRequest,
    app: Application,
    work: Callable[[], Any],
    done: Any,
) -> HttpResponseBase:
    """Run the action; on refusal, show each reason (naming its field) and change nothing."""
    try:
        work()
    except REFUSALS as error:
        for message in refusal_messages(error):
            messages.error(request, message)
        return to_detail(app, "messages")
    messages.success(request, done)
    return to_detail(app)


def invalid(request: HttpRequest, app: Application, form: Form) -> HttpResponseBase:
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else _("Form")
        for error in errors:
            messages.error(request, f"{label}: {error}")
    return to_detail(app, "messages")


SAVED = gettext_lazy("Saved. The change is in the audit log.")
