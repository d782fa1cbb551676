"""Forms of the casework pages (#14 §3-4): rulings, catch-all notifications, questions,
the advice and bulk approval. They check shape only; the actions' rules decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.licensing.forms import DecideForm, VersionMixin, lines_of
from oversight.registry.models import Jurisdiction, Technology

__all__ = ["lines_of"]

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class RulingRequestForm(forms.Form):
    item_name = forms.CharField(label=_("Item"), max_length=200, required=False)
    description = forms.CharField(
        label=_("What the item does and how (published with the ruling)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    technical_specs = forms.CharField(
        label=_("Technical specifications"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confidential_details = forms.CharField(
        label=_("Confidential details (never published: customers, prices, trade secrets)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RulingAnswerForm(VersionMixin):
    controlled = forms.ChoiceField(
        label=_("Is the item controlled?"),
        choices=YES_NO,
        required=False,
        widget=forms.RadioSelect,
    )
    control_entry = forms.CharField(
        label=_("Control-list entry (when controlled)"), max_length=40, required=False
    )
    reasoning = forms.CharField(
        label=_("Reasoning (published)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class CatchAllForm(forms.Form):
    technology = forms.ModelChoiceField(
        label=_("Item (one of your company's products)"),
        queryset=Technology.objects.none(),
        required=False,
    )
    destination = forms.ChoiceField(label=_("Destination"), required=False)
    end_user = forms.CharField(label=_("End user"), max_length=300, required=False)
    concern = forms.CharField(
        label=_(
            "What you know of the risk of internal repression or serious violations of "
            "human rights"
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, exporter_ids: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["technology"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Technology.objects.filter(vendor__in=exporter_ids).order_by("name")
        countries = Jurisdiction.objects.filter(kind=Jurisdiction.Kind.COUNTRY)
        choices = [("", _("Choose…")), *countries.values_list("code", "name")]
        self.fields["destination"].choices = choices  # type: ignore[attr-defined]


class CatchAllDecisionForm(VersionMixin):
    licence_required = forms.ChoiceField(
        label=_("Is a licence required for this item to this destination?"),
        choices=YES_NO,
        required=False,
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Reasons (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Question to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reply_days = forms.IntegerField(
        label=_("Days to reply"), min_value=1, max_value=90, required=False
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class AdviceForm(DecideForm):
    """The decision as advice to be countersigned: the same fields as deciding."""


class CountersignForm(VersionMixin):
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AssignForm(forms.Form):
    officer = forms.ChoiceField(label=_("Assign to"), required=False)

    def __init__(self, *args: Any, officers: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Nobody"))] + [(str(u.pk), u.get_username()) for u in officers]
        self.fields["officer"].choices = choices  # type: ignore[attr-defined]


class CiteRulingForm(forms.Form):
    ruling = forms.CharField(label=_("Ruling reference"), max_length=30)
    line = forms.IntegerField(label=_("Goods line (blank: all)"), min_value=1, required=False)


class BulkApprovalForm(forms.Form):
    applications = forms.MultipleChoiceField(
        label=_("Cases to approve"), required=False, widget=forms.CheckboxSelectMultiple
    )
    reasons = forms.CharField(
        label=_("Reasons (published with each decision; one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, references: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["applications"].choices = [(r, r) for r in references]  # type: ignore[attr-defined]
