"""What the licensing staff views share: running an action and reporting its refusal."""

import re
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponseBase, QueryDict
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oversight.core.forms import attach_errors
from oversight.core.rules import Refused
from oversight.core.transitions import IllegalTransition
from oversight.licensing import access
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
    typed: tuple[str, Form] | None = None,
) -> HttpResponseBase:
    """Run the action; on refusal, change nothing and say why. With `typed` (the page's
    name for the form, and the form as posted), the page comes back with the form as it
    was typed and each reason beside the field it names, under the summary."""
    try:
        work()
    except REFUSALS as error:
        for message in refusal_messages(error):  # the summary at the top of the page
            messages.error(request, message)
        if typed is None:
            return to_detail(app, "messages")
        name, form = typed
        _put_back(form, error, access.get_application_for_user(request.user, app.reference))
        return pages.show(request, app, {name: form})
    messages.success(request, done)
    return to_detail(app)


# Where a rule names a field otherwise than the form does.
FORM_NAMES = {"criteria": "cited"}


def _put_back(form: Form, error: Exception, fresh: Application) -> None:
    if isinstance(error, ValidationError):
        attach_errors(form, error, lambda name: FORM_NAMES.get(name, name))
    else:
        form.add_error(None, str(error))
    if isinstance(error, Changed) and isinstance(form.data, QueryDict):
        # The page now shows what changed: a second submit, after reading it, may go.
        data = form.data.copy()
        data["version"] = str(fresh.version)
        form.data = data


def invalid(request: HttpRequest, app: Application, form: Form, name: str) -> HttpResponseBase:
    """The page again with the form as posted and its errors beside the fields (400),
    and a summary of them at the top."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else _("Form")
        for error in errors:
            messages.error(request, f"{label}: {error}")
    return pages.show(request, app, {name: form})


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
