"""The public comment form and the staff forms; each calls an action, errors go to fields."""

import secrets
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from oversight.consultations import uploads
from oversight.consultations.models import StakeholderType
from oversight.core.forms import attach_errors


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class CommentForm(forms.Form):
    name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=200,
        required=False,
        help_text=_("Leave it empty to comment anonymously; a name given is published."),
    )
    stakeholder_type = forms.ChoiceField(
        label=_("You comment as"), choices=[("", _("Choose…")), *StakeholderType.choices]
    )
    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Published with the others after the consultation closes."),
    )
    attachments = MultipleFileField(
        label=_("Attachments (optional)"),
        required=False,
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = _(
            "Up to %(n)d files: PDF, PNG, JPEG or plain text, %(mb)d MB each at most."
        ) % {"n": uploads.MAX_FILES, "mb": uploads.max_bytes() // (1024 * 1024)}
        if not self.is_bound:
            self.initial["idempotency_key"] = secrets.token_urlsafe(24)

    def attach_errors(self, error: ValidationError) -> None:
        """An action's errors on the field they name; the hidden key's on the form itself."""
        attach_errors(self, error, lambda name: None if name == "idempotency_key" else name)


class ModerationForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("reject", _("Withhold for abuse"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (required to withhold; published in place of the comment)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ConsiderForm(forms.Form):
    response = forms.CharField(
        label=_("Response (where the comment changed anything)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the stakeholder"))
