"""Showing an action's refusal on the form that asked for it; fields every app needs."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

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


class ChoiceSearchInput(forms.TextInput):
    """A text field with its own <datalist>: type a few letters and the browser offers a
    short list of matches, with no JavaScript; for a choice among hundreds (countries,
    organisations). Each option reads "Name (CODE)"."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"autocomplete": "off", **(attrs or {})})
        self.choices: list[tuple[Any, Any]] = []

    def format_value(self, value: Any) -> str | None:
        labels = {str(key): label for key, label in self.choices if key}
        text = str(value) if value not in (None, "") else ""
        return f"{labels[text]} ({text})" if text in labels else (text or None)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> Any:
        attrs = {**(attrs or {}), "list": f"{(attrs or {}).get('id', name)}-options"}
        return super().get_context(name, value, attrs)

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> Any:
        field = super().render(name, value, attrs, renderer)
        options = format_html_join(
            "", '<option value="{} ({})">', ((label, key) for key, label in self.choices if key)
        )
        list_id = f"{(attrs or {}).get('id', name)}-options"
        return format_html('{}<datalist id="{}">{}</datalist>', field, list_id, options)


class ChoiceSearchField(forms.ChoiceField):
    """A choice typed rather than picked: its code, its name, or "Name (CODE)" as the
    datalist offers it, in any case. Anything else is refused naming the field."""

    widget = ChoiceSearchInput
    default_error_messages = {
        "invalid_choice": _("Choose from the list: nothing there is called “%(value)s”."),
    }

    def to_python(self, value: Any) -> str:
        return match_choice(str(super().to_python(value)), self.choices)


class ModelChoiceSearchField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """The same typed choice for a foreign key (a case's country, say)."""

    widget = ChoiceSearchInput
    default_error_messages = ChoiceSearchField.default_error_messages

    def to_python(self, value: Any) -> Any:
        return super().to_python(match_choice(str(value or ""), self.choices))


def match_choice(typed: str, options: Any) -> str:
    """The key of the option typed as its key, its name or "Name (KEY)", in any case;
    else the text as typed, which the field then refuses as not one of its choices."""
    text = typed.strip()
    choices = [(str(key), str(label)) for key, label in options if str(key)]
    by_key = {key.casefold(): key for key, _label in choices}
    by_name = {label.casefold(): key for key, label in choices}
    folded = text.casefold()
    if folded in by_key or folded in by_name:
        return by_key.get(folded) or by_name[folded]
    if folded.endswith(")") and "(" in folded:
        code = folded.rsplit("(", 1)[1].rstrip(")").strip()
        return by_key.get(code, text)
    return text
