"""What the licensing staff views share: running an action and reporting its refusal."""

import re
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oversight.core.rules import Refused
from oversight.core.transitions import IllegalTransition
from oversight.licensing.actions import Changed
from oversight.licensing.models import Application
from oversight.licensing.views import pages

REFUSALS = (ValidationError, IllegalTransition, Changed, PermissionDenied)


def refusal_messages(error: Exception) -> list[str]:
    """Each reason as a person reads it: a rule's own words, a field's name before others."""
    if isinstance(error, Refused):
        return error.verdict.messages
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
VERSION = gettext_lazy("Version")
WHOLE = re.compile(r"[0-9]{1,9}")  # ASCII digits: "²".isdigit() is true, int("²") fails


class NotANumber(ValueError):
    def __init__(self, label: Any) -> None:
        super().__init__(_("%(field)s: enter a whole number.") % {"field": label})


def posted_number(
    request: HttpRequest, name: str, label: Any, *, default: int | None = None
) -> int | None:
    """A whole number from the form; `default` when absent (or blank, with no default)."""
    raw = request.POST.get(name)
    if raw is None or (default is None and not raw.strip()):
        return default
    if not WHOLE.fullmatch(raw.strip()):
        raise NotANumber(label)
    return int(raw)


def bad_input(request: HttpRequest, app: Application, error: NotANumber) -> HttpResponseBase:
    """The application's page again with the message, as a 400: nothing was changed."""
    messages.error(request, str(error))
    response = pages.detail(request, app.reference)
    response.status_code = 400
    return response
