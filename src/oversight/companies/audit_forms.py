"""Forms of standards and audits; each `apply` calls one action (which checks who acts)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.accounts.models import Role, User
from oversight.companies import actions
from oversight.companies.forms import _date
from oversight.companies.models import (
    AuditFirm,
    CorrectiveAction,
    Engagement,
    Finding,
    Requirement,
    StandardVersion,
    Vote,
)
from oversight.registry.models import Organisation, Technology

TEXT = {"rows": 3}


def _field(form: forms.Form, name: str) -> Any:
    """A model choice field of the form, to narrow its queryset and its labels."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    return field


class VersionForm(forms.Form):
    def __init__(self, version: StandardVersion, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version = version

    def apply(self, actor: Any) -> Any:
        raise NotImplementedError


class RequirementForm(VersionForm):
    identifier = forms.CharField(label=_("Identifier"), max_length=20)
    text = forms.CharField(label=_("Requirement"), widget=forms.Textarea(attrs=TEXT))
    guidance = forms.CharField(
        label=_("Guidance"), required=False, widget=forms.Textarea(attrs=TEXT)
    )
    recommendation = forms.CharField(
        label=_("Recommendation implemented (A/HRC/41/35)"), max_length=40
    )

    def apply(self, actor: Any) -> Any:
        return actions.add_requirement(self.version, **self.cleaned_data, actor=actor)


class VoteForm(VersionForm):
    choice = forms.ChoiceField(label=_("Your vote"), choices=Vote.Choice.choices)

    def apply(self, actor: Any) -> Any:
        return actions.cast_vote(self.version, choice=self.cleaned_data["choice"], actor=actor)


class AdoptForm(VersionForm):
    def apply(self, actor: Any) -> Any:
        return actions.adopt_version(self.version, actor=actor)


class NextVersionForm(VersionForm):
    def apply(self, actor: Any) -> Any:
        return actions.draft_next_version(self.version.standard, actor=actor)


VERSION_FORMS: dict[str, type[VersionForm]] = {
    "requirement": RequirementForm,
    "vote": VoteForm,
    "adoption": AdoptForm,
    "next": NextVersionForm,
}


class EngagementOpenForm(forms.Form):
    """The company commissions an audit from an accredited firm's named auditor."""

    firm = forms.ModelChoiceField(label=_("Audit firm"), queryset=AuditFirm.objects.none())
    auditor = forms.ModelChoiceField(
        label=_("Lead auditor"), queryset=User.objects.none(), to_field_name="username"
    )
    version = forms.ModelChoiceField(
        label=_("Standard version"), queryset=StandardVersion.objects.none()
    )
    products = forms.ModelMultipleChoiceField(
        label=_("Products in scope"), queryset=Technology.objects.none(), to_field_name="slug"
    )
    period_start = _date(_("Period from"))
    period_end = _date(_("Period to"))
    access_until = _date(_("Auditor's access until"))
    sample_cases = forms.CharField(
        label=_("Sample cases, one a line"), required=False, widget=forms.Textarea(attrs=TEXT)
    )

    def __init__(self, company: Organisation, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.company = company
        _field(self, "firm").queryset = AuditFirm.objects.select_related("organisation")
        _field(self, "auditor").queryset = User.objects.filter(roles__role=Role.AUDITOR).distinct()
        _field(self, "version").queryset = StandardVersion.objects.adopted().select_related(
            "standard"
        )
        _field(self, "products").queryset = Technology.objects.filter(vendor=company)

    def apply(self, actor: Any) -> Engagement:
        data = dict(self.cleaned_data)
        cases = data.pop("sample_cases").splitlines()
        data["products"] = list(data["products"])
        return actions.open_engagement(self.company, **data, sample_cases=cases, actor=actor)


class EngagementForm(forms.Form):
    def __init__(self, engagement: Engagement, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.engagement = engagement

    def apply(self, actor: Any) -> Any:
        raise NotImplementedError


class IndependenceForm(EngagementForm):
    statement = forms.CharField(
        label=_("Declaration of independence"),
        widget=forms.Textarea(attrs=TEXT),
        help_text=_("That you, your firm and your family have no tie to the company that "
                    "could bear on this audit."),
    )  # fmt: skip

    def apply(self, actor: Any) -> Any:
        return actions.declare_independence(self.engagement, **self.cleaned_data, actor=actor)


class FindingForm(EngagementForm):
    requirement = forms.ModelChoiceField(
        label=_("Requirement"), queryset=Requirement.objects.none()
    )
    result = forms.ChoiceField(label=_("Result"), choices=Finding.Result.choices)
    evidence = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs=TEXT))

    def __init__(self, engagement: Engagement, *args: Any, **kwargs: Any) -> None:
        super().__init__(engagement, *args, **kwargs)
        # Every requirement, not only the audited version's: the action refuses the others.
        _field(self, "requirement").queryset = Requirement.objects.filter(
            version__standard=engagement.version.standard
        ).select_related("version")
        _field(self, "requirement").label_from_instance = lambda r: (
            f"{r.identifier} (v{r.version.number})"
        )

    def apply(self, actor: Any) -> Any:
        return actions.record_finding(self.engagement, **self.cleaned_data, actor=actor)


class PlanForm(EngagementForm):
    finding = forms.ModelChoiceField(label=_("Nonconformity"), queryset=Finding.objects.none())
    description = forms.CharField(label=_("Corrective action"), widget=forms.Textarea(attrs=TEXT))
    owner = forms.CharField(label=_("Owner at the company"), max_length=200)
    due_on = _date(_("Deadline"))

    def __init__(self, engagement: Engagement, *args: Any, **kwargs: Any) -> None:
        super().__init__(engagement, *args, **kwargs)
        _field(self, "finding").queryset = Finding.objects.filter(
            engagement=engagement
        ).select_related("requirement")
        _field(self, "finding").label_from_instance = lambda f: (
            f"{f.requirement.identifier}: {f.get_result_display()}"
        )

    def apply(self, actor: Any) -> Any:
        data = dict(self.cleaned_data)
        return actions.plan_corrective_action(data.pop("finding"), **data, actor=actor)


def _actions_of(engagement: Engagement) -> Any:
    return CorrectiveAction.objects.filter(finding__engagement=engagement)


class DoneForm(EngagementForm):
    action = forms.ModelChoiceField(
        label=_("Corrective action"), queryset=CorrectiveAction.objects.none()
    )
    note = forms.CharField(label=_("What the company did"), widget=forms.Textarea(attrs=TEXT))

    def __init__(self, engagement: Engagement, *args: Any, **kwargs: Any) -> None:
        super().__init__(engagement, *args, **kwargs)
        _field(self, "action").queryset = _actions_of(engagement)

    def apply(self, actor: Any) -> Any:
        return actions.complete_corrective_action(
            self.cleaned_data["action"], note=self.cleaned_data["note"], actor=actor
        )


class VerifyForm(DoneForm):
    accepted = forms.TypedChoiceField(
        label=_("Verification"),
        choices=[("yes", _("Verified: the action was taken")), ("no", _("Not yet: reopen it"))],
        coerce=lambda value: value == "yes",
    )
    note = forms.CharField(label=_("What you checked"), widget=forms.Textarea(attrs=TEXT))

    def apply(self, actor: Any) -> Any:
        data = self.cleaned_data
        return actions.verify_corrective_action(
            data["action"], accepted=data["accepted"], note=data["note"], actor=actor
        )


class PublishForm(EngagementForm):
    summary = forms.CharField(label=_("Public summary"), widget=forms.Textarea(attrs={"rows": 5}))

    def apply(self, actor: Any) -> Any:
        return actions.publish_summary(self.engagement, **self.cleaned_data, actor=actor)


class WithdrawForm(EngagementForm):
    reason = forms.CharField(label=_("Reason for withdrawing"), widget=forms.Textarea(attrs=TEXT))

    def apply(self, actor: Any) -> Any:
        return actions.withdraw_engagement(self.engagement, **self.cleaned_data, actor=actor)


ENGAGEMENT_FORMS: dict[str, type[EngagementForm]] = {
    "independence": IndependenceForm,
    "finding": FindingForm,
    "plan": PlanForm,
    "done": DoneForm,
    "verification": VerifyForm,
    "publication": PublishForm,
    "withdrawal": WithdrawForm,
}


class ConflictForm(forms.Form):
    company = forms.ModelChoiceField(
        label=_("Company"), queryset=Organisation.objects.companies(), to_field_name="slug"
    )
    description = forms.CharField(
        label=_("Nature of the conflict"), widget=forms.Textarea(attrs=TEXT)
    )

    def apply(self, actor: Any) -> Any:
        return actions.declare_conflict(**self.cleaned_data, actor=actor)


class AccreditForm(forms.Form):
    """A standards body's member accredits an audit firm for a period (or renews it)."""

    organisation = forms.ModelChoiceField(
        label=_("Audit firm"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.AUDITOR),
        to_field_name="slug",
    )
    body = forms.ModelChoiceField(
        label=_("For the standards body"),
        queryset=Organisation.objects.none(),
        to_field_name="slug",
    )
    reference = forms.CharField(label=_("Accreditation reference"), max_length=100)
    accredited_on = _date(_("Accredited on"))
    accredited_until = _date(_("Accredited until"))

    def __init__(self, bodies: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "body").queryset = bodies

    def apply(self, actor: Any) -> Any:
        data = dict(self.cleaned_data)
        return actions.accredit_firm(data.pop("organisation"), **data, actor=actor)
