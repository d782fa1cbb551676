"""The staff forms; each hands typed values to an action, whose refusal names the field.

The forms check types only; what is required is the rules' to say (`rules.py`), so that
a refusal lists every reason at once, on the page as in the API.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.registry.models import Organisation
from oversight.vulnerabilities.models import Decision, Source


class DateInput(forms.DateInput):
    input_type = "date"


class VulnerabilityForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Organisation.objects.none())
    agency_reference = forms.CharField(
        label=_("Agency's reference"), max_length=64, required=False
    )
    product = forms.CharField(label=_("Affected product"), max_length=200, required=False)
    vendor = forms.CharField(label=_("Vendor"), max_length=200, required=False)
    cvss_vector = forms.CharField(
        label=_("CVSS vector"),
        max_length=200,
        required=False,
        help_text=_("CVSS 3.1 or 4.0, e.g. CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
    )
    source = forms.ChoiceField(
        label=_("Source"), choices=Source.choices, widget=forms.RadioSelect, required=False
    )
    broker = forms.CharField(label=_("Broker (if purchased)"), max_length=200, required=False)
    found_on = forms.DateField(
        label=_("Date discovered, purchased or reported"), widget=DateInput, required=False
    )
    summary = forms.CharField(
        label=_("Summary (seen only by the board and the agency)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, agencies: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(pk__in=[a.pk for a in agencies])
        if len(agencies) == 1:
            self.initial.setdefault("agency", agencies[0].pk)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=Decision.Outcome.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    reasons = forms.CharField(
        label=_("Reasons"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    review_by = forms.DateField(
        label=_("Review by (required to restrict)"), required=False, widget=DateInput
    )
    disclosed_on = forms.DateField(
        label=_("Disclosed to the vendor on (today if empty)"), required=False, widget=DateInput
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ProgressForm(forms.Form):
    vendor_acknowledged_on = forms.DateField(
        label=_("Vendor acknowledged on"), required=False, widget=DateInput
    )
    fixed_on = forms.DateField(label=_("Fixed on"), required=False, widget=DateInput)
    fix_reference = forms.CharField(
        label=_("Fix (CVE, advisory or fixed version)"), max_length=200, required=False
    )
