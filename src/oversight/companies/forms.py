"""Forms for a company's own record; each `apply` calls one action."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.companies import actions
from oversight.companies.models import MisuseReport
from oversight.registry.models import Organisation, Technology


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Date, as YYYY-MM-DD."),
    )


class CompanyForm(forms.Form):
    """A form about one company; technology choices are that company's products."""

    def __init__(self, company: Organisation, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.company = company
        if "technology" in self.fields:
            field = self.fields["technology"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Technology.objects.filter(vendor=company)

    def apply(self, actor: Any) -> Any:
        raise NotImplementedError


class CommitmentForm(CompanyForm):
    """Files the next version of the commitment; the earlier ones stay public."""

    url = forms.URLField(label=_("Public URL of the policy"), assume_scheme="https")
    text = forms.CharField(
        label=_("Text of the commitment"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    signatory = forms.CharField(label=_("Signed by"), max_length=200, required=False)
    adopted_on = _date(_("Adopted on"))
    last_reviewed_on = _date(_("Last reviewed on"), required=False)

    def apply(self, actor: Any) -> Any:
        return actions.file_commitment(self.company, **self.cleaned_data, actor=actor)


class DueDiligenceForm(CompanyForm):
    technology = forms.ModelChoiceField(
        label=_("Product"), queryset=Technology.objects.none(), to_field_name="slug"
    )
    summary = forms.CharField(label=_("Public summary"), widget=forms.Textarea(attrs={"rows": 4}))
    url = forms.URLField(label=_("Document URL"), required=False, assume_scheme="https")
    completed_on = _date(_("Completed on"))
    valid_until = _date(_("Valid until"))

    def apply(self, actor: Any) -> Any:
        return actions.record_due_diligence(self.company, **self.cleaned_data, actor=actor)


class SafeguardForm(CompanyForm):
    technology = forms.ModelChoiceField(
        label=_("Product"),
        queryset=Technology.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All products"),
    )
    description = forms.CharField(
        label=_("Clauses"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("End-use restrictions, audit rights, termination on misuse, …"),
    )
    in_effect_since = _date(_("In effect since"))

    def apply(self, actor: Any) -> Any:
        return actions.record_safeguard(self.company, **self.cleaned_data, actor=actor)


class MisuseForm(CompanyForm):
    technology = forms.ModelChoiceField(
        label=_("Product"),
        queryset=Technology.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Not product-specific"),
    )
    end_user = forms.ModelChoiceField(
        label=_("End user's identifier in the registry (optional)"),
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.TextInput,
    )
    end_user_text = forms.CharField(
        label=_("End user, as reported"), max_length=300, required=False
    )
    description = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4})
    )
    addressed_to = forms.ChoiceField(
        label=_("Addressed to (the body that assesses the report)"),
        choices=MisuseReport.Addressee.choices,
        help_text=_(
            "The licensing authority of your State or the UN working group substantiates "
            "and resolves the report; you can add information to it."
        ),
    )

    def apply(self, actor: Any) -> Any:
        return actions.report_misuse(self.company, **self.cleaned_data, actor=actor)


class InformationForm(forms.Form):
    text = forms.CharField(
        label=_("Information to add"),
        max_length=actions.MAX_INFORMATION,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def apply(self, report: MisuseReport, actor: Any) -> MisuseReport:
        return actions.add_misuse_information(report, text=self.cleaned_data["text"], actor=actor)


class MisuseStatusForm(forms.Form):
    """The assessing body's decision on a misuse report (never the company's)."""

    status = forms.ChoiceField(label=_("New status"), choices=MisuseReport.Status.choices)
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Published with the report and written to the audit log; one per line."),
    )
    resolution = forms.CharField(
        label=_("Resolution (when resolved)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def apply(self, report: MisuseReport, actor: Any) -> MisuseReport:
        data = self.cleaned_data
        return actions.change_misuse_status(
            report,
            status=data["status"],
            reasons=data["reasons"].splitlines(),
            resolution=data["resolution"],
            actor=actor,
        )


FORMS: dict[str, type[CompanyForm]] = {
    "commitment": CommitmentForm,
    "due-diligence": DueDiligenceForm,
    "safeguard": SafeguardForm,
    "misuse": MisuseForm,
}
