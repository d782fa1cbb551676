"""Forms for the contract register and the stage assessments; each `apply` calls one action.

The assessment form rates every right (a likelihood, a severity, a mitigation each) and
takes up to three consultations; a consultation row left blank is not one.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.companies import actions, rules
from oversight.companies.forms import CompanyForm, _date
from oversight.companies.models import Clause, Feature, Level, Right, Stage
from oversight.registry.models import Jurisdiction, Technology

CONSULTATION_ROWS = 3
LEVELS = [("", _("Choose")), *Level.choices]


def _product() -> forms.ModelChoiceField:  # type: ignore[type-arg]
    return forms.ModelChoiceField(
        label=_("Product"), queryset=Technology.objects.none(), to_field_name="slug"
    )


class ContractForm(CompanyForm):
    technology = _product()
    customer = forms.CharField(
        label=_("Customer"),
        max_length=300,
        help_text=_("Confidential: never published, never written to the public log."),
    )
    destination = forms.ModelChoiceField(
        label=_("Country of the customer"),
        queryset=Jurisdiction.objects.order_by("name"),
        to_field_name="code",
    )
    signed_on = _date(_("Signed on"))
    clauses = forms.MultipleChoiceField(
        label=_("Clauses it carries"),
        choices=Clause.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Every contract must carry the prohibited-use, audit-rights and "
            "suspension clauses for the UNGP check to hold."
        ),
    )

    def apply(self, actor: Any) -> Any:
        return actions.register_contract(self.company, **self.cleaned_data, actor=actor)


class AssessmentForm(CompanyForm):
    technology = _product()
    stage = forms.ChoiceField(label=_("Stage"), choices=Stage.choices)
    assessed_on = _date(_("Assessed on"))
    review_by = _date(_("Review by (at most a year later)"))
    summary = forms.CharField(label=_("Public summary"), widget=forms.Textarea(attrs={"rows": 3}))
    features = forms.MultipleChoiceField(
        label=_("Human rights by design"),
        choices=Feature.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for right in Right:
            for name, label in (("likelihood", _("likelihood")), ("severity", _("severity"))):
                self.fields[f"{right.value}_{name}"] = forms.TypedChoiceField(
                    label=f"{right.label}: {label}", choices=LEVELS, coerce=int, required=False
                )
            self.fields[f"{right.value}_mitigation"] = forms.CharField(
                label=f"{right.label}: {_('mitigation')}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for n in range(1, CONSULTATION_ROWS + 1):
            self.fields[f"consultation_{n}_held_with"] = forms.CharField(
                label=_("Consultation %(n)d: held with") % {"n": n},
                max_length=300,
                required=False,
                help_text=_("Published: name an organisation only with its consent."),
            )
            self.fields[f"consultation_{n}_held_on"] = _date(
                _("Consultation %(n)d: held on") % {"n": n}, required=False
            )
            self.fields[f"consultation_{n}_outcome"] = forms.CharField(
                label=_("Consultation %(n)d: what changed because of it") % {"n": n},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """The fields in fieldsets, for the page: the assessment, one per right, one per
        consultation."""
        found: list[tuple[Any, list[forms.BoundField]]] = [
            (
                _("The assessment"),
                [self[n] for n in ("technology", "stage", "assessed_on", "review_by", "summary")],
            ),
            (_("Human rights by design"), [self["features"]]),
        ]
        for right in Right:
            names = [f"{right.value}_{part}" for part in ("likelihood", "severity", "mitigation")]
            found.append(
                (_("Risk to %(right)s") % {"right": right.label}, [self[n] for n in names])
            )
        for n in range(1, CONSULTATION_ROWS + 1):
            names = [f"consultation_{n}_{part}" for part in ("held_with", "held_on", "outcome")]
            legend = _("Consultation %(n)d (optional)") % {"n": n}
            found.append((legend, [self[name] for name in names]))
        return found

    def apply(self, actor: Any) -> Any:
        data = self.cleaned_data
        risks = [
            rules.RiskIn(
                right=right.value,
                likelihood=data.get(f"{right.value}_likelihood") or None,
                severity=data.get(f"{right.value}_severity") or None,
                mitigation=data.get(f"{right.value}_mitigation") or "",
            )
            for right in Right
        ]
        consultations = []
        for n in range(1, CONSULTATION_ROWS + 1):
            row = rules.ConsultationIn(
                held_with=data.get(f"consultation_{n}_held_with") or "",
                held_on=data.get(f"consultation_{n}_held_on"),
                outcome=data.get(f"consultation_{n}_outcome") or "",
            )
            if row.held_with or row.held_on or row.outcome:
                consultations.append(row)
        return actions.record_assessment(
            self.company,
            technology=data["technology"],
            stage=data["stage"],
            assessed_on=data["assessed_on"],
            review_by=data["review_by"],
            summary=data["summary"],
            features=data["features"],
            risks=risks,
            consultations=consultations,
            actor=actor,
        )


DILIGENCE_FORMS: dict[str, type[CompanyForm]] = {
    "contract": ContractForm,
    "assessment": AssessmentForm,
}
