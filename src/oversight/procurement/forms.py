"""The forms of procurement's staff pages: they parse; the actions decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.procurement.models import Kind, Origin, Outcome, OversightBody, VoteChoice
from oversight.procurement.models.proposals import SECTIONS, TESTS
from oversight.registry.models import Organisation, Technology

TEXT = forms.Textarea(attrs={"rows": 3})


class NewProposalForm(forms.Form):
    agency = forms.ModelChoiceField(Organisation.objects.none(), label=_("Agency"))
    body = forms.ModelChoiceField(OversightBody.objects.all(), label=_("Oversight body"))
    kind = forms.ChoiceField(choices=Kind.choices, label=_("What is proposed"))
    title = forms.CharField(max_length=300, label=_("Title"))
    technology = forms.ModelChoiceField(
        Technology.objects.published(), label=_("Technology (from the registry)")
    )
    supplier = forms.ModelChoiceField(
        Organisation.objects.all(), required=False, label=_("Supplier or donor")
    )
    origin = forms.ChoiceField(choices=Origin.choices, label=_("How it entered the country"))
    origin_reference = forms.CharField(
        max_length=200, required=False, label=_("Licence, decision or transfer reference")
    )
    value = forms.DecimalField(
        max_digits=16, decimal_places=2, required=False, min_value=0, label=_("Value")
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]


class ImpactReportForm(forms.Form):
    shared_with = forms.ModelMultipleChoiceField(
        Organisation.objects.all(), required=False, label=_("Named recipients of the data")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in SECTIONS + TESTS:
            self.fields[name] = forms.CharField(
                label=label, required=False, widget=TEXT, max_length=20000
            )


class MeetingForm(forms.Form):
    held_at = forms.DateTimeField(
        label=_("Held at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(max_length=300, label=_("Place"))
    attendance = forms.IntegerField(min_value=0, label=_("Attendance"))
    summary = forms.CharField(widget=TEXT, label=_("Summary of what was said"))
    minutes = forms.CharField(widget=TEXT, label=_("Minutes"))


class AnalysisForm(forms.Form):
    theme = forms.CharField(max_length=200, label=_("Theme"))
    response = forms.CharField(widget=TEXT, label=_("Response to the comments"))
    comments = forms.MultipleChoiceField(
        required=False, label=_("Comments considered"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, comments: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["comments"].choices = [  # type: ignore[attr-defined]
            (str(c.pk), f"#{c.pk} {c.name or ''}: {c.text[:80]}") for c in comments
        ]


class VoteForm(forms.Form):
    choice = forms.ChoiceField(choices=VoteChoice.choices, label=_("Your vote"))
    conflict = forms.CharField(
        required=False, widget=TEXT, label=_("Declared conflict of interest (if any)")
    )


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(choices=Outcome.choices, label=_("Outcome"))
    reasons = forms.CharField(widget=TEXT, label=_("Reasons"))
    conditions = forms.CharField(widget=TEXT, required=False, label=_("Conditions"))
    legality_met = forms.BooleanField(required=False, label=_("The legality test is met"))
    necessity_met = forms.BooleanField(
        required=False, label=_("The necessity and proportionality test is met")
    )
    aim_met = forms.BooleanField(required=False, label=_("The legitimate aim test is met"))


class ReasonForm(forms.Form):
    reasons = forms.CharField(widget=TEXT, label=_("Reasons"))


class PolicyForm(forms.Form):
    permitted_uses = forms.CharField(widget=TEXT, label=_("Permitted uses"))
    prohibited_uses = forms.CharField(widget=TEXT, label=_("Prohibited uses"))
    retention = forms.CharField(widget=TEXT, label=_("Data retention"))
    access = forms.CharField(widget=TEXT, label=_("Access"))
    sharing = forms.CharField(widget=TEXT, label=_("Sharing"))
    shared_with = forms.ModelMultipleChoiceField(
        Organisation.objects.all(), required=False, label=_("Named recipients")
    )
    training = forms.CharField(widget=TEXT, label=_("Training"))
    auditing = forms.CharField(widget=TEXT, label=_("Auditing"))


class DeploymentForm(forms.Form):
    place = forms.CharField(max_length=300, label=_("Where"))
    started_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    ended_on = forms.DateField(
        required=False, label=_("Until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    data_volume = forms.CharField(max_length=300, label=_("How much data"))


class AnnualReportForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, label=_("Year"))
    uses_count = forms.IntegerField(min_value=0, label=_("Number of uses"))
    uses = forms.CharField(widget=TEXT, label=_("Uses, and the data collected"))
    sharing = forms.CharField(widget=TEXT, label=_("Sharing, by named recipient"))
    recipients = forms.ModelMultipleChoiceField(
        Organisation.objects.all(), required=False, label=_("Recipients")
    )
    locations = forms.CharField(widget=TEXT, label=_("Where it was deployed"))
    audits = forms.CharField(widget=TEXT, label=_("Audits and violations"))
    breaches = forms.CharField(widget=TEXT, label=_("Data breaches"))
    effectiveness = forms.CharField(
        widget=TEXT, label=_("Effectiveness against the stated purpose")
    )
    costs = forms.CharField(widget=TEXT, label=_("Costs"))


class ReviewForm(forms.Form):
    review = forms.CharField(widget=TEXT, label=_("The body's review"))
