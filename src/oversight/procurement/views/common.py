"""What procurement's staff views share: run an action, show its refusal, change nothing."""

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
from oversight.procurement.actions import Changed

REFUSALS = (ValidationError, IllegalTransition, Changed, PermissionDenied)
SAVED = gettext_lazy("Saved. The change is in the audit log.")


def refusal_messages(error: Exception) -> list[str]:
    if isinstance(error, Refused):
        return error.verdict.messages
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [str(error)]


def attempt(
    request: HttpRequest, form: Form | None, work: Callable[[Any], Any], back: str
) -> HttpResponseBase:
    """Validate the form, run the action; each refusal reason becomes a message."""
    if form is not None and not form.is_valid():
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else _("Form")
            for error in errors:
                messages.error(request, f"{label}: {error}")
        return redirect(back + "#messages")
    try:
        work(form.cleaned_data if form is not None else {})
    except REFUSALS as error:
        for message in refusal_messages(error):
            messages.error(request, message)
        return redirect(back + "#messages")
    messages.success(request, SAVED)
    return redirect(back)
