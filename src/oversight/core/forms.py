"""Showing an action's refusal on the form that asked for it."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.forms import BaseForm


def same_name(name: str) -> str | None:
    return name


def attach_errors(
    form: BaseForm, error: ValidationError, field_for: Callable[[str], str | None] = same_name
) -> None:
    """Each message on the field it names (as `field_for` maps it), on the form otherwise.

    Actions validate with the names of model fields; `field_for` maps those to the
    form's own field names where they differ.
    """
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for name, messages in error.message_dict.items():
        field = field_for(name)
        target = field if field is not None and field in form.fields else None
        for message in messages:
            form.add_error(target, message)
