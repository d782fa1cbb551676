"""Forms: the complainant's report and reply, and each step a handler takes."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from oversight.grievances import evidence, subjects
from oversight.grievances.models import Channel, Destination, Outcome, RemedyKind, RemedyStatus
from oversight.grievances.rules import PUBLISH
from oversight.grievances.uploads import EncryptedUpload
from oversight.registry.models import Category, Jurisdiction, Organisation, Technology

RIGHTS = [
    ("privacy", _("Privacy")),
    ("expression", _("Freedom of expression and opinion")),
    ("assembly", _("Peaceful assembly and association")),
    ("movement", _("Freedom of movement")),
    ("equality", _("Equality and non-discrimination")),
    ("security", _("Life, liberty and security")),
    ("fair_trial", _("Fair trial")),
    ("other", _("Something else")),
]
CONSENTS = [(value, label) for value, label in Destination.choices] + [
    (PUBLISH, _("Publishing it anonymised, without anything that could identify me"))
]


class FilesWidget(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.Field):
    """Files already encrypted by the upload handler; checked by their content."""

    widget = FilesWidget

    def to_python(self, value: Any) -> list[tuple[EncryptedUpload, str]]:
        uploads = [u for u in (value or []) if isinstance(u, EncryptedUpload)]
        if len(uploads) > settings.GRIEVANCE_MAX_FILES:
            raise forms.ValidationError(
                _("Send at most %(n)d files at a time.") % {"n": settings.GRIEVANCE_MAX_FILES}
            )
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append((upload, evidence.check(upload)))
            except evidence.EvidenceError as exc:
                errors.append(str(exc))
        if errors:
            raise forms.ValidationError(errors)
        return checked


def _optional_choice(queryset: Any, label: Any, help_text: Any = "") -> forms.ModelChoiceField:  # type: ignore[type-arg]
    return forms.ModelChoiceField(
        queryset, required=False, label=label, help_text=help_text, empty_label=_("I don't know")
    )


class FilesMixin(forms.Form):
    evidence = EvidenceField(
        required=False,
        label=_("Evidence files (optional)"),
        help_text=_(
            "Pictures, PDF, text, audio or video. We remove hidden information (such as "
            "the place a photo was taken) from pictures and PDFs. Audio and video are kept as "
            "they are."
        ),
    )
    keep_original = forms.BooleanField(
        required=False,
        label=_("Also keep my pictures and PDFs exactly as they are (with hidden information)"),
    )


class ReportForm(FilesMixin):
    what_happened = forms.CharField(
        label=_("What happened?"),
        help_text=_("In your own words. Include what you think is important."),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
    )
    when = forms.CharField(
        label=_("When did it happen? (optional)"),
        help_text=_("An approximate date is fine, such as “spring 2024”."),
        required=False,
        max_length=200,
    )
    country = _optional_choice(
        Jurisdiction.objects.filter(kind=Jurisdiction.Kind.COUNTRY), _("In which country?")
    )
    organisation = _optional_choice(
        Organisation.objects.all(), _("Which agency or company do you suspect? (optional)")
    )
    technology = _optional_choice(
        Technology.objects.published(), _("Which product or tool do you suspect? (optional)")
    )
    category = forms.ChoiceField(
        label=_("What kind of technology, if you know? (optional)"),
        choices=[("", _("I don't know")), *Category.choices],
        required=False,
    )
    deployed = forms.ChoiceField(
        label=_("Is it about a technology an agency is known to use? (optional)"),
        help_text=_(
            "From the public inventory of surveillance technologies agencies hold. This stays "
            "encrypted with the rest of your report."
        ),
        choices=[],  # filled per form from the registered providers
        required=False,
    )
    route_to_overseer = forms.BooleanField(
        label=_(
            "I agree that my report may be sent to the body that oversees this agency's use "
            "of that technology"
        ),
        required=False,
    )
    suspected = forms.CharField(
        label=_("Anything else about who is responsible? (optional)"),
        required=False,
        max_length=2000,
    )
    rights = forms.MultipleChoiceField(
        label=_("Which of your rights were affected? (optional)"),
        choices=RIGHTS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    harm = forms.CharField(
        label=_("How were you harmed? (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=10000,
    )
    remedy = forms.MultipleChoiceField(
        label=_("What would put things right? (optional)"),
        choices=RemedyKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    remedy_text = forms.CharField(
        label=_("In your words (optional)"), required=False, max_length=5000
    )
    consents = forms.MultipleChoiceField(
        label=_("Who may we share your report with? (optional)"),
        help_text=_("We share only with those you tick. You can say no to all of them."),
        choices=CONSENTS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    contact = forms.ChoiceField(
        label=_("How should we reach you?"),
        choices=[
            ("receipt", _("Only through my receipt: I will come back and check (safest)")),
            ("email", _("E-mail me when there is news (the e-mail says nothing else)")),
        ],
        widget=forms.RadioSelect,
        initial="receipt",
    )
    email = forms.EmailField(label=_("E-mail address (only if you chose e-mail)"), required=False)
    name = forms.CharField(
        label=_("Your name (optional)"),
        help_text=_(
            "You do not have to say who you are. If you do, it is locked away separately and "
            "shown to a handler only if a custodian approves a recorded, justified request."
        ),
        required=False,
        max_length=300,
    )
    identity_contact = forms.CharField(
        label=_("How could we identify or reach you, if ever needed? (optional)"),
        required=False,
        max_length=1000,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("contact") == "email" and not data.get("email"):
            self.add_error("email", _("Give an e-mail address, or choose the receipt only."))
        if data.get("route_to_overseer") and not data.get("deployed"):
            self.add_error(
                "route_to_overseer",
                _("Choose the technology first, or leave this unticked."),
            )
        return data

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offered = subjects.choices()
        self.has_subjects = bool(offered)
        field = self.fields["deployed"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("None of these, or I don't know")), *offered]


class ReplyForm(FilesMixin):
    message = forms.CharField(
        label=_("Your message (optional)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=20000,
    )


class ReceiptForm(forms.Form):
    receipt = forms.CharField(
        label=_("Your receipt"),
        help_text=_("The 25 digits you were given. Spaces do not matter."),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )


class UnlockForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput)


class TriageForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("admissible", _("Admissible")), ("out_of_scope", _("Out of scope"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason sent to the complainant (if out of scope)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class RouteForm(forms.Form):
    channel = forms.ModelChoiceField(Channel.objects.accepting(), label=_("Share with"))


class TextForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}))


class RemedyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Remedy"), choices=RemedyKind.choices)
    detail = forms.CharField(label=_("Details"), widget=forms.Textarea(attrs={"rows": 3}))


class RemedyStatusForm(forms.Form):
    remedy = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("New status"), choices=RemedyStatus.choices)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    concerns = forms.ModelChoiceField(
        Organisation.objects.all(), label=_("Organisation concerned"), required=False
    )
    technology = forms.ModelChoiceField(
        Technology.objects.all(), label=_("Technology concerned"), required=False
    )
