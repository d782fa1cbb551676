"""The forms of licence conditions: set one, submit evidence, assess it, decide a proposal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.licensing.forms import VersionMixin
from oversight.licensing.models import ConditionKind
from oversight.registry.models import Organisation


class ConditionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of condition"), choices=ConditionKind.choices)
    terms = forms.CharField(
        label=_("Terms (published)"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence_due = forms.DateField(
        label=_("Evidence due by"), widget=forms.DateInput(attrs={"type": "date"})
    )
    auditor = forms.ModelChoiceField(
        label=_("Auditor (for an audit condition)"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.AUDITOR).order_by("name"),
        to_field_name="slug",
        required=False,
    )


class EvidenceForm(VersionMixin):
    evidence = forms.CharField(
        label=_("Evidence (seen by the licensing officers, not published)"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AssessmentForm(VersionMixin):
    met = forms.ChoiceField(
        label=_("Does the evidence meet the condition?"),
        choices=[("yes", _("Yes: the condition is met")), ("no", _("No: it is insufficient"))],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons (one per line)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ProposalForm(forms.Form):
    suspend = forms.ChoiceField(
        label=_("Suspend the licence?"),
        choices=[("yes", _("Suspend it")), ("no", _("Decline the proposal"))],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons (published; one per line)"), widget=forms.Textarea(attrs={"rows": 3})
    )
