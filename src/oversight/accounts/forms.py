"""Forms for signing in, enrolling a second factor, and naming API tokens."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.accounts.models import RoleAssignment
from oversight.accounts.rules import scope_problems


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("Authenticator code (only while sign-in is paused)"),
        required=False,
        max_length=6,
        help_text=_(
            "Leave empty. If sign-in was paused after failed attempts, wait a few minutes "
            "and enter the 6-digit code from your authenticator app here with your password."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The 6-digit code from your authenticator app, or one of your backup codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        return "".join(str(self.cleaned_data["code"]).split()).lower()


class EnrolForm(CodeForm):
    code = forms.CharField(
        label=_("Code"),
        max_length=6,
        min_length=6,
        help_text=_("The 6-digit code your authenticator app shows now."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “nightly import”."),
    )


class RoleAssignmentForm(forms.ModelForm):  # type: ignore[type-arg]
    """Admin form: the scope must fit the role."""

    class Meta:
        model = RoleAssignment
        fields = ["user", "role", "jurisdiction", "organisation"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        problems = scope_problems(
            str(data.get("role", "")),
            jurisdiction=data.get("jurisdiction") is not None,
            organisation=data.get("organisation") is not None,
        )
        for problem in problems:
            field = problem.field if problem.field in self.fields else None
            self.add_error(field, problem.message)
        return data
