"""Cases, their victims (identities kept apart), sources, communications and replies."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oversight.monitoring.vocabulary import (
    AddresseeKind,
    AffiliationType,
    AttackResult,
    CaseStatus,
    CommunicationKind,
    NameBasis,
    Precision,
    ReplyAssessment,
    Verification,
    VictimGroup,
)
from oversight.registry.models import Jurisdiction, Organisation, Technology

REPLY_DAYS = 60  # the special procedures' reply window


class CaseQuerySet(models.QuerySet["Case"]):
    def published(self) -> "CaseQuerySet":
        return self.filter(status=CaseStatus.PUBLISHED)

    def disclosed_between(self, start: date, end: date) -> "CaseQuerySet":
        return self.filter(disclosed__gte=start, disclosed__lte=end)


class Case(models.Model):
    """One individual case of abuse facilitated by digital surveillance."""

    external_id = models.CharField(_("external id"), max_length=200, unique=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    country = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("country concerned"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="monitoring_cases",
    )
    occurred = models.DateField(_("occurred"), null=True, blank=True)
    occurred_precision = models.CharField(
        _("precision"), max_length=5, choices=Precision, default=Precision.DAY
    )
    disclosed = models.DateField(_("disclosed"), null=True, blank=True)
    disclosed_precision = models.CharField(
        _("precision"), max_length=5, choices=Precision, default=Precision.DAY
    )
    first_activity = models.DateField(_("first activity"), null=True, blank=True)
    first_activity_precision = models.CharField(
        _("precision"), max_length=5, choices=Precision, default=Precision.DAY
    )
    last_activity = models.DateField(_("last activity"), null=True, blank=True)
    last_activity_precision = models.CharField(
        _("precision"), max_length=5, choices=Precision, default=Precision.DAY
    )
    victim_count = models.PositiveIntegerField(_("number of victims"), default=1)
    victim_groups = models.JSONField(_("victim groups"), default=list, editable=False)
    affiliation_types = models.JSONField(_("affiliation types"), default=list, editable=False)
    technology = models.ForeignKey(
        Technology, verbose_name=_("technology"), null=True, blank=True, on_delete=models.PROTECT
    )
    product = models.CharField(_("product as reported"), max_length=200, blank=True)
    vendor = models.ForeignKey(
        Organisation,
        verbose_name=_("vendor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="monitoring_cases_as_vendor",
    )
    operator_country = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("suspected operator (State)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="monitoring_cases_operated",
    )
    # Every suspected operator State, ISO codes in the order the source names them
    # ('Mexico; El Salvador' → ["MX", "SV"]); `operator_country` is always the first
    # (`actions` keeps the two in step, `clean` checks it), so joins and links stay simple.
    operator_countries = models.JSONField(_("suspected operator States"), default=list, blank=True)
    operator = models.CharField(_("suspected operator (agency)"), max_length=300, blank=True)
    attack_vectors = models.JSONField(_("attack vectors"), default=list, blank=True)
    exploit = models.CharField(_("exploit"), max_length=200, blank=True)
    attack_result = models.CharField(
        _("result"), max_length=12, choices=AttackResult, default=AttackResult.UNKNOWN
    )
    verification = models.CharField(
        _("verification"), max_length=12, choices=Verification, default=Verification.ALLEGED
    )
    forensics_by = models.CharField(_("forensic analysis by"), max_length=200, blank=True)
    disclosed_by = models.CharField(_("disclosed by"), max_length=200, blank=True)
    rights_affected = models.JSONField(_("rights affected"), default=list, blank=True)
    mandates = models.JSONField(_("mandates concerned"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus, default=CaseStatus.DRAFT
    )
    transfers = models.ManyToManyField(
        "registry.Transfer", verbose_name=_("related transfers"), blank=True
    )
    # Publisher hosts of the sources (kept by actions): public, unlike the full addresses.
    source_hosts = models.JSONField(_("sources (publishers)"), default=list, editable=False)
    source_count = models.PositiveIntegerField(_("number of sources"), default=0, editable=False)
    dataset = models.CharField(_("dataset"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-disclosed", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return self.title

    def operator_states(self) -> list[Jurisdiction]:
        """The suspected operator States, in the order the case names them."""
        found = Jurisdiction.objects.in_bulk(self.operator_countries)
        return [found[code] for code in self.operator_countries if code in found]

    def clean(self) -> None:
        codes = self.operator_countries
        if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
            raise ValidationError({"operator_countries": _("Expected a list of country codes.")})
        if len(set(codes)) != len(codes):
            raise ValidationError({"operator_countries": _("A State is named twice.")})
        known = set(Jurisdiction.objects.filter(pk__in=codes).values_list("pk", flat=True))
        if unknown := [code for code in codes if code not in known]:
            raise ValidationError(
                {"operator_countries": _("Not in the registry: %s") % ", ".join(unknown)}
            )
        if self.operator_country_id != (codes[0] if codes else None):
            raise ValidationError(
                {"operator_country": _("Must be the first of the suspected operator States.")}
            )


class Victim(models.Model):
    """A targeted person as the public may know them: role, affiliation type, country."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="victims")
    group = models.CharField(_("group"), max_length=30, choices=VictimGroup)
    group_as_reported = models.CharField(_("role as reported"), max_length=200, blank=True)
    affiliation_type = models.CharField(
        _("affiliation type"), max_length=20, choices=AffiliationType
    )
    country = models.ForeignKey(
        Jurisdiction, verbose_name=_("country"), null=True, blank=True, on_delete=models.PROTECT
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("victim")
        verbose_name_plural = _("victims")

    def __str__(self) -> str:
        return f"{self.get_group_display()} ({self.case_id})"


class VictimIdentity(models.Model):
    """Who the victim is. Restricted: reached only through `monitoring.access`."""

    victim = models.OneToOneField(Victim, on_delete=models.CASCADE, related_name="identity")
    name = models.CharField(_("name"), max_length=300, blank=True)
    code_name = models.CharField(_("code name"), max_length=200, blank=True)
    affiliation = models.CharField(_("affiliation"), max_length=300, blank=True)
    basis = models.CharField(
        _("basis for holding the name"), max_length=20, choices=NameBasis, default=NameBasis.NONE
    )
    basis_note = models.TextField(_("how the basis was established"), blank=True)

    class Meta:
        verbose_name = _("victim identity")
        verbose_name_plural = _("victim identities")

    def __str__(self) -> str:
        return f"identity of victim {self.victim_id}"  # never the name: audit and logs read this


class Source(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="sources")
    citation = models.CharField(_("citation"), max_length=500, blank=True)
    url = models.URLField(_("web address"), max_length=1000, blank=True)
    accessed_on = models.DateField(_("date accessed"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.CheckConstraint(
                condition=~Q(citation="", url=""), name="monitoring_source_citation_or_url"
            )
        ]

    def __str__(self) -> str:
        return f"source {self.pk} of case {self.case_id}"


class ReferenceCounter(models.Model):
    """The last number given to letters for one addressee code and year (AL MEX 3/2026)."""

    code = models.CharField(max_length=3)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["code", "year"], name="monitoring_counter_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.last}/{self.year}"


class CommunicationQuerySet(models.QuerySet["Communication"]):
    def published(self) -> "CommunicationQuerySet":
        return self.filter(published_on__isnull=False)

    def sent_between(self, start: date, end: date) -> "CommunicationQuerySet":
        return self.filter(sent_on__gte=start, sent_on__lte=end)

    def overdue(self, today: date | None = None) -> "CommunicationQuerySet":
        today = today or timezone.localdate()
        return self.filter(first_reply_on__isnull=True, reply_due__lt=today)


class Communication(models.Model):
    """A letter from the special procedures to a State or a company."""

    reference = models.CharField(_("reference"), max_length=30, unique=True)
    kind = models.CharField(_("type"), max_length=2, choices=CommunicationKind)
    joint = models.BooleanField(_("joint communication"), default=False)
    mandates = models.JSONField(_("sending mandates"), default=list)
    addressee_kind = models.CharField(_("addressee"), max_length=10, choices=AddresseeKind)
    addressee_state = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("addressee State"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="monitoring_communications",
    )
    addressee_company = models.ForeignKey(
        Organisation,
        verbose_name=_("addressee company"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="monitoring_communications",
    )
    sent_on = models.DateField(_("date sent"))
    reply_due = models.DateField(_("reply due"))
    subject = models.CharField(_("subject"), max_length=300)
    letter_url = models.URLField(_("letter (web address)"), max_length=1000, blank=True)
    cases = models.ManyToManyField(Case, verbose_name=_("cases"), related_name="communications")
    case_ids = models.JSONField(_("cases"), default=list, editable=False)
    follow_up_to = models.ForeignKey(
        "self",
        verbose_name=_("follow-up to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    first_reply_on = models.DateField(_("first reply received"), null=True, editable=False)
    reply_count = models.PositiveIntegerField(_("replies"), default=0, editable=False)
    published_on = models.DateField(_("published"), null=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CommunicationQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = _("communication")
        verbose_name_plural = _("communications")

    def __str__(self) -> str:
        return self.reference

    @staticmethod
    def due_date(sent_on: date) -> date:
        return sent_on + timedelta(days=REPLY_DAYS)

    def is_overdue(self, today: date | None = None) -> bool:
        return self.first_reply_on is None and self.reply_due < (today or timezone.localdate())

    @property
    def addressee_name(self) -> str:
        target = self.addressee_company or self.addressee_state
        return str(target) if target else ""


class Reply(models.Model):
    communication = models.ForeignKey(
        Communication, on_delete=models.CASCADE, related_name="replies"
    )
    received_on = models.DateField(_("date received"))
    document_url = models.URLField(_("reply (web address)"), max_length=1000, blank=True)
    summary = models.TextField(_("summary of the reply"), blank=True)
    assessment = models.CharField(
        _("assessment"),
        max_length=20,
        choices=ReplyAssessment,
        default=ReplyAssessment.NOT_ASSESSED,
    )
    assessment_note = models.TextField(_("analyst's assessment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_on", "pk"]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return f"reply to {self.communication_id} of {self.received_on}"
