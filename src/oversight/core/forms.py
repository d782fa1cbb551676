"""Showing an action's refusal on the form that asked for it; fields every app needs."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseForm

BIGGEST_ID = 2**63 - 1  # the largest value of a 64-bit primary key, on every database


class IdsField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Several rows chosen by id; an id no database integer holds (≥ 2^63, found by the API
    fuzzer) is refused as any unknown id is, instead of an OverflowError from SQLite."""

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            try:
                number = int(str(pk))
            except ValueError:
                continue  # Django refuses it, naming it
            if not -BIGGEST_ID - 1 <= number <= BIGGEST_ID:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)  # type: ignore[misc]  # private in the stubs


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
