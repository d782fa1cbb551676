"""What procurement's staff views share: run an action, show its refusal, change nothing."""

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oversight.core.forms import attach_errors
from oversight.core.rules import Refused
from oversight.core.transitions import IllegalTransition
from oversight.procurement.actions import Changed

REFUSALS = (ValidationError, IllegalTransition, Changed, PermissionDenied)
SAVED = gettext_lazy("Saved. The change is in the audit log.")

# The page a form was posted from, built again with the bound forms to put back.
Page = Callable[[Mapping[str, Form]], HttpResponse]


def refusal_messages(error: Exception) -> list[str]:
    if isinstance(error, Refused):
        return error.verdict.messages
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [str(error)]


def attempt(
    request: HttpRequest,
    form: Form | None,
    work: Callable[[Any], Any],
    back: str,
    page: Page,
    name: str = "",
) -> HttpResponseBase:
    """Validate the form, run the action. On bad input or a refusal nothing changes and the
    page comes back (400) with the form as typed (`name` is the page's name for it), each
    reason beside the field it names, and a summary of the reasons at the top."""
    if form is not None and not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else _("Form")
            for error in errors:
                messages.error(request, f"{label}: {error}")
        return again(page, name, form)
    try:
        work(form.cleaned_data if form is not None else {})
    except REFUSALS as error:
        for message in refusal_messages(error):
            messages.error(request, message)
        if form is not None:
            put_back(form, error)
        return again(page, name, form)
    messages.success(request, SAVED)
    return redirect(back)


# Where an action names a field otherwise than the form does.
FORM_NAMES = {"reason": "reasons"}


def put_back(form: Form, error: Exception) -> None:
    """The refusal's reasons on the fields they name; the others above the form."""
    if isinstance(error, ValidationError):
        attach_errors(form, error, lambda name: FORM_NAMES.get(name, name))
    else:
        form.add_error(None, str(error))


def again(page: Page, name: str, form: Form | None) -> HttpResponse:
    response = page({name: form} if form is not None else {})
    response.status_code = 400
    return response
