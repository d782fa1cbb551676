"""Forms for the administrators' jurisdiction settings (moratorium, safeguards regime)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.registry import actions
from oversight.registry.models import Jurisdiction


class ReasonsMixin(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Published with the change and written to the audit log; one per line."),
    )

    def reason_lines(self) -> list[str]:
        text: str = self.cleaned_data["reasons"]
        return [line.strip() for line in text.splitlines() if line.strip()]


class MoratoriumForm(ReasonsMixin):
    in_force = forms.BooleanField(label=_("A moratorium is in force"), required=False)
    since = forms.DateField(
        label=_("In force since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Date, as YYYY-MM-DD."),
    )
    scope = forms.MultipleChoiceField(
        label=_("Scope"),
        choices=Jurisdiction.MoratoriumScope.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reference = forms.URLField(
        label=_("Reference (law, decree)"), required=False, assume_scheme="https"
    )
    field_order = ["in_force", "since", "scope", "reference", "reasons"]

    def apply(self, jurisdiction: Jurisdiction, actor: Any) -> Jurisdiction:
        data = self.cleaned_data
        return actions.set_moratorium(
            jurisdiction,
            in_force=data["in_force"],
            since=data["since"],
            scope=data["scope"],
            reference=data["reference"],
            actor=actor,
            reasons=self.reason_lines(),
        )

    @classmethod
    def for_jurisdiction(cls, jurisdiction: Jurisdiction, **kwargs: Any) -> "MoratoriumForm":
        initial = {
            "in_force": jurisdiction.moratorium_in_force,
            "since": jurisdiction.moratorium_since,
            "scope": jurisdiction.moratorium_scope,
            "reference": jurisdiction.moratorium_reference,
        }
        return cls(initial=initial, prefix="moratorium", **kwargs)


class SafeguardsForm(ReasonsMixin):
    status = forms.ChoiceField(
        label=_("Safeguards regime"), choices=Jurisdiction.Safeguards.choices
    )
    since = forms.DateField(
        label=_("Status since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Date, as YYYY-MM-DD."),
    )
    evidence = forms.URLField(
        label=_("Evidence"),
        required=False,
        assume_scheme="https",
        help_text=_("A public link to the certification or the draft law."),
    )
    field_order = ["status", "since", "evidence", "reasons"]

    def apply(self, jurisdiction: Jurisdiction, actor: Any) -> Jurisdiction:
        data = self.cleaned_data
        return actions.set_safeguards_status(
            jurisdiction,
            status=data["status"],
            since=data["since"],
            evidence=data["evidence"],
            actor=actor,
            reasons=self.reason_lines(),
        )

    @classmethod
    def for_jurisdiction(cls, jurisdiction: Jurisdiction, **kwargs: Any) -> "SafeguardsForm":
        initial = {
            "status": jurisdiction.safeguards_status,
            "since": jurisdiction.safeguards_since,
            "evidence": jurisdiction.safeguards_evidence,
        }
        return cls(initial=initial, prefix="safeguards", **kwargs)
