"""Forms for analysts; each error names its field. Writes happen in `actions`, not here."""

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.core.forms import IdsField, ModelChoiceSearchField
from oversight.core.rules import Verdict
from oversight.monitoring import rules
from oversight.monitoring.models import Case, Communication, Reply
from oversight.monitoring.vocabulary import (
    AffiliationType,
    AttackVector,
    CaseStatus,
    Mandate,
    NameBasis,
    Right,
    VictimGroup,
)
from oversight.registry.models import Jurisdiction, Organisation, Technology

DATE = forms.DateInput(attrs={"type": "date"})


def _add_reasons(form: forms.BaseForm, verdict: Verdict) -> None:
    """A rule's reasons on the fields they name (on the form when they name none)."""
    for reason in verdict.reasons:
        form.add_error(reason.field, str(reason))


def _limit(form: forms.BaseForm, name: str, queryset: Any) -> None:
    """Offer only these rows in a choice field."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


class CaseForm(forms.ModelForm):  # type: ignore[type-arg]
    attack_vectors = forms.MultipleChoiceField(
        label=_("Attack vectors"),
        choices=AttackVector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    rights_affected = forms.MultipleChoiceField(
        label=_("Rights affected"),
        choices=Right.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    mandates = forms.MultipleChoiceField(
        label=_("Mandates concerned"),
        choices=Mandate.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_operator_countries = forms.ModelMultipleChoiceField(
        label=_("Other suspected operator States"),
        queryset=Jurisdiction.objects.none(),
        required=False,
        help_text=_("When several States are suspected of operating the tool together."),
    )

    class Meta:
        model = Case
        fields = [
            "title",
            "summary",
            "country",
            "occurred",
            "disclosed",
            "first_activity",
            "last_activity",
            "victim_count",
            "technology",
            "product",
            "vendor",
            "operator_country",
            "operator",
            "attack_vectors",
            "exploit",
            "attack_result",
            "verification",
            "forensics_by",
            "disclosed_by",
            "rights_affected",
            "mandates",
        ]
        widgets = {
            name: DATE for name in ("occurred", "disclosed", "first_activity", "last_activity")
        }
        # A country among 250 is typed, with the browser's list of matches.
        field_classes = {
            "country": ModelChoiceSearchField,
            "operator_country": ModelChoiceSearchField,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        at = self.Meta.fields.index("operator_country") + 1
        self.order_fields([*self.Meta.fields[:at], "other_operator_countries"])
        countries = Jurisdiction.objects.filter(kind=Jurisdiction.Kind.COUNTRY)
        _limit(self, "country", countries)
        _limit(self, "operator_country", countries)
        others = self.fields["other_operator_countries"]
        assert isinstance(others, forms.ModelMultipleChoiceField)
        others.queryset = countries
        if self.instance.pk and not self.is_bound:
            self.initial["other_operator_countries"] = self.instance.operator_countries[1:]
        _limit(self, "vendor", Organisation.objects.companies())
        _limit(self, "technology", Technology.objects.all())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _add_reasons(self, rules.case_dates(data))
        if data.get("other_operator_countries") and not data.get("operator_country"):
            self.add_error(
                "operator_country",
                _("Name the first suspected operator State before the others."),
            )
        # the model checks that the list starts with `operator_country`
        self.instance.operator_countries = self.operator_countries()
        return data

    def operator_countries(self) -> list[str]:
        """The first suspected operator State, then the others (each once)."""
        first = self.cleaned_data.get("operator_country")
        codes = [first.pk] if first is not None else []
        for state in self.cleaned_data.get("other_operator_countries") or []:
            if state.pk not in codes:
                codes.append(state.pk)
        return codes

    def values(self) -> dict[str, Any]:
        """The cleaned fields as `actions` take them (foreign keys by attname)."""
        values: dict[str, Any] = {}
        for name in self.Meta.fields:
            value = self.cleaned_data.get(name)
            if name == "operator_country":
                values["operator_countries"] = self.operator_countries()
            elif name in ("country", "vendor", "technology"):
                values[f"{name}_id"] = value.pk if value is not None else None
            else:
                values[name] = value
        return values


class VictimForm(forms.Form):
    group = forms.ChoiceField(label=_("Victim group"), choices=VictimGroup.choices)
    affiliation_type = forms.ChoiceField(
        label=_("Affiliation type"), choices=AffiliationType.choices
    )
    country = forms.ModelChoiceField(
        label=_("Victim's country"), queryset=Jurisdiction.objects.all(), required=False
    )
    name = forms.CharField(
        label=_("Name (restricted)"),
        max_length=300,
        required=False,
        help_text=_("Seen only by analysts; never published."),
    )
    affiliation = forms.CharField(
        label=_("Affiliation (restricted)"), max_length=300, required=False
    )
    basis = forms.ChoiceField(
        label=_("Basis for holding the name"), choices=NameBasis.choices, initial=NameBasis.NONE
    )
    basis_note = forms.CharField(
        label=_("How the basis was established"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("basis") in (NameBasis.PUBLIC_FIGURE, NameBasis.CONSENT) and not data.get(
            "basis_note"
        ):
            self.add_error("basis_note", _("Say how this basis was established (a link, a date)."))
        return data

    def split(self) -> tuple[dict[str, Any], dict[str, Any]]:
        data = self.cleaned_data
        victim = {
            "group": data["group"],
            "affiliation_type": data["affiliation_type"],
            "country_id": data["country"].pk if data.get("country") else None,
        }
        identity = {
            key: data.get(key) or "" for key in ("name", "affiliation", "basis", "basis_note")
        }
        return victim, identity


class SourceForm(forms.Form):
    citation = forms.CharField(label=_("Citation"), max_length=500, required=False)
    url = forms.URLField(
        label=_("Web address"), max_length=1000, required=False, assume_scheme="https"
    )
    accessed_on = forms.DateField(label=_("Date accessed"), required=False, widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "url" in self.errors:
            return data
        _add_reasons(self, rules.source(data.get("citation", ""), data.get("url", "")))
        return data

    def is_blank(self) -> bool:
        return not any(self.data.get(self.add_prefix(name)) for name in self.fields)


class CommunicationForm(forms.ModelForm):  # type: ignore[type-arg]
    mandates = forms.MultipleChoiceField(
        label=_("Sending mandates"), choices=Mandate.choices, widget=forms.CheckboxSelectMultiple
    )
    cases = IdsField(
        label=_("Cases"),
        queryset=Case.objects.none(),
        required=False,
        help_text=_("The cases this letter raises."),
    )

    class Meta:
        model = Communication
        fields = [
            "kind",
            "joint",
            "mandates",
            "addressee_kind",
            "addressee_state",
            "addressee_company",
            "sent_on",
            "subject",
            "letter_url",
            "follow_up_to",
        ]
        widgets = {"sent_on": DATE}

    def __init__(self, *args: Any, cases: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "cases", cases if cases is not None else Case.objects.none())
        _limit(self, "addressee_company", Organisation.objects.companies())
        countries = Jurisdiction.objects.filter(kind=Jurisdiction.Kind.COUNTRY)
        _limit(self, "addressee_state", countries)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        verdict = rules.communication(
            data.get("addressee_kind", ""),
            data.get("addressee_state"),
            data.get("addressee_company"),
            data.get("mandates") or [],
            bool(data.get("joint")),
        )
        _add_reasons(self, verdict)
        return data

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {name: data.get(name) for name in self.Meta.fields if name != "letter_url"} | {
            "letter_url": data.get("letter_url") or ""
        }


class ReplyForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Reply
        fields = ["received_on", "document_url", "summary", "assessment", "assessment_note"]
        widgets = {"received_on": DATE}

    def __init__(self, *args: Any, sent_on: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sent_on = sent_on

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        received = data.get("received_on")
        if received is not None:
            _add_reasons(self, rules.reply_date(self.sent_on, received))
        return data


class CaseFilterForm(forms.Form):
    """The analyst's search of cases: free text over the title, identifier, summary and
    product; the country concerned (only those with cases); the status."""

    q = forms.CharField(label=_("Words, identifier or product"), required=False, max_length=200)
    country = forms.ChoiceField(label=_("Country concerned"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *CaseStatus.choices]
    )

    def __init__(self, *args: Any, countries: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Any country")), *countries]  # type: ignore[attr-defined]


class WindowForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("To"), widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error(
                "end",
                _("The end of the window (%(end)s) is before its start (%(start)s).")
                % {"end": data["end"], "start": data["start"]},
            )
        return data
