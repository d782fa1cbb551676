"""Forms of the licensing staff pages: the applicant's draft, the officer's and reviewer's work."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.core.forms import ChoiceSearchField
from oversight.licensing.models import Application, ConfidentialField, Party, Status
from oversight.licensing.models.applications import ResearchPurpose
from oversight.licensing.models.review import Criterion, Rating, Recommendation
from oversight.registry.models import Category, Jurisdiction, Technology


def _countries() -> list[tuple[str, Any]]:
    rows = Jurisdiction.objects.filter(kind=Jurisdiction.Kind.COUNTRY).values_list("code", "name")
    return [("", _("Choose…")), *rows]


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class VersionMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class DraftForm(forms.Form):
    destination = ChoiceSearchField(
        label=_("Destination country"),
        required=False,
        help_text=_("Type a few letters of its name or its ISO code, then choose."),
    )
    transit = forms.MultipleChoiceField(
        label=_("Transit countries"),
        required=False,
        help_text=_("Every country the goods pass through on the way, if any."),
    )
    servicing = forms.BooleanField(
        label=_("This is a servicing contract for a tool already delivered"), required=False
    )
    end_use = forms.CharField(
        label=_("Stated end use"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    end_use_statement = forms.FileField(
        label=_("End-use statement (signed, PDF)"),
        required=False,
        help_text=_("Leave empty to keep the statement already attached."),
    )
    research_transfer = forms.BooleanField(
        label=_("This is a good-faith security research transfer"), required=False
    )
    research_purpose = forms.ChoiceField(
        label=_("Research purpose"),
        required=False,
        choices=[("", "—"), *ResearchPurpose.choices],
    )
    research_description = forms.CharField(
        label=_("Research description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    declaration_accurate = forms.BooleanField(
        label=_("I declare the information given is accurate and complete"), required=False
    )
    declaration_conditions = forms.BooleanField(
        label=_("I undertake to comply with the licence conditions and to report misuse"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["destination"].choices = _countries()  # type: ignore[attr-defined]
        self.fields["transit"].choices = _countries()[1:]  # type: ignore[attr-defined]

    @classmethod
    def for_application(cls, app: Application, **kwargs: Any) -> "DraftForm":
        initial = {
            "destination": app.destination_id or "",
            "transit": list(app.transit or []),
            "servicing": app.servicing,
            "end_use": app.end_use,
            "research_transfer": app.research_transfer,
            "research_purpose": app.research_purpose,
            "research_description": app.research_description,
            "declaration_accurate": app.declaration_accurate,
            "declaration_conditions": app.declaration_conditions,
        }
        return cls(initial=initial, **kwargs)

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "destination_id": data["destination"] or None,
            "transit": list(data["transit"]),
            "servicing": data["servicing"],
            "end_use": data["end_use"].strip(),
            "research_transfer": data["research_transfer"],
            "research_purpose": data["research_purpose"],
            "research_description": data["research_description"].strip(),
            "declaration_accurate": data["declaration_accurate"],
            "declaration_conditions": data["declaration_conditions"],
        }


class LineForm(forms.Form):
    technology = forms.ModelChoiceField(label=_("Technology"), queryset=Technology.objects.none())
    control_code = forms.CharField(label=_("Control-list entry"), max_length=32)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    quantity = forms.IntegerField(label=_("Quantity"))
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=2)
    currency = forms.CharField(label=_("Currency (ISO 4217)"), max_length=3, initial="GBP")

    def __init__(self, *args: Any, exporter_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["technology"]
        field.queryset = Technology.objects.filter(vendor_id=exporter_id)  # type: ignore[attr-defined]


class PartyForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Party.Role.choices)
    name = forms.CharField(label=_("Name"), max_length=300)
    kind = forms.ChoiceField(label=_("Type"), choices=Party.Kind.choices)
    jurisdiction = ChoiceSearchField(
        label=_("Country"), help_text=_("Type a few letters of its name or its ISO code.")
    )
    address = forms.CharField(label=_("Address"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["jurisdiction"].choices = _countries()  # type: ignore[attr-defined]


class ConfidentialForm(forms.Form):
    field = forms.ChoiceField(label=_("Withhold"), choices=ConfidentialField.Field.choices)
    reason = forms.CharField(
        label=_("Reason (published)"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonsForm(VersionMixin):
    reasons = forms.CharField(
        label=_("Reasons (published; one per line)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ResearchRulingForm(VersionMixin):
    ruling = forms.ChoiceField(
        label=_("Ruling on the research safe harbour"),
        choices=[
            ("confirm", _("Confirm: register the research transfer")),
            ("refuse", _("Refuse: screen it as any export")),
        ],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons for the ruling (published; one per line)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecideForm(VersionMixin):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("issued", _("Approve: issue a licence")),
            ("refused", _("Refuse")),
            ("exempt", _("No licence required")),
        ],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons (published; one per line)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    cited = forms.MultipleChoiceField(
        label=_("Review criteria the decision rests on (required to refuse)"),
        choices=Criterion.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    justification = forms.CharField(
        label=_("Justification for deciding against the review (published)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required when the decision goes against the review's recommendation, "
            "or drops the conditions it advised."
        ),
    )
    conditions = forms.CharField(
        label=_("Conditions of the licence (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. end-use monitoring, post-shipment verification, periodic reporting"),
    )
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ReviewForm(VersionMixin):
    recommendation = forms.ChoiceField(label=_("Recommendation"), choices=Recommendation.choices)
    summary = forms.CharField(
        label=_("Summary of advice (published)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    conditions = forms.CharField(
        label=_("Conditions advised"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in Criterion.choices:
            self.fields[f"{value}_rating"] = forms.ChoiceField(
                label=_("%(c)s: rating") % {"c": label}, choices=Rating.choices
            )
            self.fields[f"{value}_reasoning"] = forms.CharField(
                label=_("%(c)s: reasoning") % {"c": label},
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"{value}_evidence"] = forms.CharField(
                label=_("%(c)s: evidence links (one per line)") % {"c": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 1}),
            )

    def criteria(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [
            {
                "criterion": value,
                "rating": data[f"{value}_rating"],
                "reasoning": data[f"{value}_reasoning"],
                "evidence": lines_of(data[f"{value}_evidence"]),
            }
            for value in Criterion.values
        ]


class AppealForm(VersionMixin):
    grounds = forms.CharField(
        label=_("Grounds of appeal"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AppealDecisionForm(forms.Form):
    allow = forms.ChoiceField(
        label=_("Appeal"),
        choices=[("yes", _("Allow: decide again")), ("no", _("Dismiss: the decision stands"))],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons (published; one per line)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ListFilterForm(forms.Form):
    """The staff list's search: free text over the reference, exporter and destination,
    and the status. A bad status is a field error, never a silently empty list."""

    q = forms.CharField(
        label=_("Reference, exporter or destination"), required=False, max_length=200
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Status.choices]
    )


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    destination = forms.ChoiceField(label=_("Destination"), required=False)
    category = forms.ChoiceField(label=_("Technology category"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["destination"].choices = [("", _("Any")), *_countries()[1:]]  # type: ignore[attr-defined]
        self.fields["category"].choices = [("", _("Any")), *Category.choices]  # type: ignore[attr-defined]
