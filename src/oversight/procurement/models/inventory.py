"""The inventory of what each agency holds, its chain, use policies, deployments, annual
reports and suspensions."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from oversight.registry.models import Organisation, Technology


class HoldingStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    IN_USE = "in_use", _("In use")
    SUSPENDED = "suspended", _("Suspended")
    DECOMMISSIONED = "decommissioned", _("Decommissioned")
    NOT_APPROVED = "not_approved", _("Not approved")


HOLDING_MACHINE: dict[str, frozenset[str]] = {
    HoldingStatus.PROPOSED: frozenset({HoldingStatus.APPROVED, HoldingStatus.NOT_APPROVED}),
    HoldingStatus.APPROVED: frozenset(
        {HoldingStatus.IN_USE, HoldingStatus.SUSPENDED, HoldingStatus.DECOMMISSIONED}
    ),
    HoldingStatus.IN_USE: frozenset({HoldingStatus.SUSPENDED, HoldingStatus.DECOMMISSIONED}),
    HoldingStatus.SUSPENDED: frozenset({HoldingStatus.IN_USE, HoldingStatus.DECOMMISSIONED}),
}


class Origin(models.TextChoices):
    """What let the technology into the country: the start of its chain."""

    LICENCE = "licence", _("Export licence")
    HISTORICAL_DECISION = "historical_decision", _("Historical licensing decision")
    TRANSFER = "transfer", _("Known transfer")
    UNKNOWN = "unknown", _("Not known")


class HoldingQuerySet(models.QuerySet["Holding"]):
    def public(self) -> "HoldingQuerySet":
        return self.select_related("agency", "technology", "supplier").order_by(
            "agency__name", "technology__name"
        )

    def of_agency(self, agency_ids: object) -> "HoldingQuerySet":
        return self.filter(agency_id__in=agency_ids)

    def before_body(self, organisation_ids: object) -> "HoldingQuerySet":
        return self.filter(body__organisation_id__in=organisation_ids)

    def reporting(self) -> "HoldingQuerySet":
        """Approved for use: these owe an annual report."""
        return self.filter(
            status__in=[HoldingStatus.APPROVED, HoldingStatus.IN_USE, HoldingStatus.SUSPENDED]
        )


class Holding(models.Model):
    """One surveillance technology one agency holds (or proposes to): the inventory's row.

    `chain` is the one identifier of its chain, from the origin that let it in (a licence
    reference, a historical decision or a known transfer's id) through the purchase, its
    deployments, annual reports and grievances.
    """

    chain = models.CharField(_("chain"), max_length=40, unique=True, editable=False)
    agency = models.ForeignKey(
        Organisation, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    technology = models.ForeignKey(
        Technology, verbose_name=_("technology"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.ForeignKey(
        "procurement.OversightBody", verbose_name=_("oversight body"), on_delete=models.PROTECT
    )
    supplier = models.ForeignKey(
        Organisation,
        verbose_name=_("supplier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=HoldingStatus, default=HoldingStatus.PROPOSED
    )
    version = models.PositiveIntegerField(default=0)
    origin = models.CharField(_("origin"), max_length=30, choices=Origin, default=Origin.UNKNOWN)
    origin_reference = models.CharField(
        _("origin reference"),
        max_length=200,
        blank=True,
        help_text=_("The licence reference, historical decision or transfer id."),
    )
    flags = models.JSONField(_("review flags"), default=list, blank=True)
    flagged_for_review = models.BooleanField(_("flagged for review"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = HoldingQuerySet.as_manager()

    class Meta:
        ordering = ["agency__name", "technology__name"]
        verbose_name = _("inventory entry")
        verbose_name_plural = _("inventory")

    def __str__(self) -> str:
        return f"{self.chain}: {self.technology} ({self.agency})"


class PolicyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved and published")
    SUPERSEDED = "superseded", _("Superseded")


class UsePolicy(models.Model):
    """One versioned use policy per technology held; recipients are named organisations."""

    holding = models.ForeignKey(Holding, on_delete=models.CASCADE, related_name="policies")
    version = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=PolicyStatus, default=PolicyStatus.DRAFT
    )
    permitted_uses = models.TextField(_("permitted uses"))
    prohibited_uses = models.TextField(_("prohibited uses"))
    retention = models.TextField(_("data retention"))
    access = models.TextField(_("access"))
    sharing = models.TextField(_("sharing"))
    shared_with = models.ManyToManyField(
        Organisation, verbose_name=_("shared with"), blank=True, related_name="+"
    )
    training = models.TextField(_("training"))
    auditing = models.TextField(_("auditing"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    approved_at = models.DateTimeField(_("approved and published at"), null=True, blank=True)

    class Meta:
        ordering = ["holding", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["holding", "version"], name="one_policy_version")
        ]

    def __str__(self) -> str:
        return f"{self.holding.chain} policy v{self.version}"


class Deployment(models.Model):
    holding = models.ForeignKey(Holding, on_delete=models.PROTECT, related_name="deployments")
    place = models.CharField(_("where"), max_length=300)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    data_volume = models.CharField(_("how much data"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.place}, {self.started_on}"


# The Oakland headings of an annual surveillance report (field, label).
REPORT_HEADINGS: tuple[tuple[str, StrOrPromise], ...] = (
    ("uses", _("Uses, and the data collected")),
    ("sharing", _("Sharing, by named recipient")),
    ("locations", _("Where it was deployed")),
    ("audits", _("Audits and violations")),
    ("breaches", _("Data breaches")),
    ("effectiveness", _("Effectiveness against the stated purpose")),
    ("costs", _("Costs")),
)


class AnnualReport(models.Model):
    holding = models.ForeignKey(Holding, on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField(_("year"))
    uses_count = models.PositiveIntegerField(_("number of uses"))
    uses = models.TextField(_("uses, and the data collected"))
    sharing = models.TextField(_("sharing, by named recipient"))
    recipients = models.ManyToManyField(
        Organisation, verbose_name=_("recipients"), blank=True, related_name="+"
    )
    locations = models.TextField(_("where it was deployed"))
    complaints = models.PositiveIntegerField(
        _("complaints"), null=True, blank=True, help_text=_("None when too few to show.")
    )
    audits = models.TextField(_("audits and violations"))
    breaches = models.TextField(_("data breaches"))
    effectiveness = models.TextField(_("effectiveness against the stated purpose"))
    costs = models.TextField(_("costs"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(default=timezone.now)
    reviewed_at = models.DateTimeField(_("reviewed by the oversight body"), null=True, blank=True)
    review = models.TextField(_("the oversight body's review"), blank=True)

    class Meta:
        ordering = ["holding", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["holding", "year"], name="one_report_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.holding.chain} {self.year}"


class Suspension(models.Model):
    holding = models.ForeignKey(Holding, on_delete=models.PROTECT, related_name="suspensions")
    reasons = models.TextField(_("reasons"))
    suspended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    suspended_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-suspended_at"]

    def __str__(self) -> str:
        return f"{self.holding.chain} suspended {self.suspended_at:%Y-%m-%d}"
