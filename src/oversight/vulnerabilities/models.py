"""A State's vulnerabilities equities process (A/HRC/41/35 §66(f)).

An agency records each vulnerability it discovers, buys or is told of; the State's
equities board decides to disclose it to the vendor or to restrict it, with reasons,
and every restriction has a review date. Only the board of that State and the agency
that holds a vulnerability ever see it (`access.py`); the public sees yearly counts
(`YearStatistics`, computed by `actions.publish_statistics`), with small counts withheld.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    DISCOVERED = "discovered", _("Discovered by the agency")
    PURCHASED = "purchased", _("Purchased from a broker")
    REPORTED = "reported", _("Reported to the agency")


class Status(models.TextChoices):
    AWAITING = "awaiting", _("Awaiting the board's decision")
    RESTRICTED = "restricted", _("Restricted")
    DISCLOSED = "disclosed", _("Disclosed to the vendor")


# A restriction is reviewed by deciding again: restrict anew (with a new review date) or
# disclose. A disclosure is final.
MACHINE: dict[str, frozenset[str]] = {
    Status.AWAITING: frozenset({Status.RESTRICTED, Status.DISCLOSED}),
    Status.RESTRICTED: frozenset({Status.RESTRICTED, Status.DISCLOSED}),
    Status.DISCLOSED: frozenset(),
}


class VulnerabilityQuerySet(models.QuerySet["Vulnerability"]):
    def overdue(self, today: date) -> "VulnerabilityQuerySet":
        """Restricted past their review date."""
        return self.filter(status=Status.RESTRICTED, review_by__lt=today)

    def awaiting(self) -> "VulnerabilityQuerySet":
        return self.filter(status=Status.AWAITING)


class Vulnerability(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    jurisdiction = models.ForeignKey(
        "registry.Jurisdiction",
        verbose_name=_("State"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The State whose equities board decides: the agency's country."),
    )
    agency = models.ForeignKey(
        "registry.Organisation",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency_reference = models.CharField(
        _("agency's reference"),
        max_length=64,
        help_text=_("The agency's own identifier; one vulnerability per identifier."),
    )
    product = models.CharField(_("product"), max_length=200)
    vendor = models.CharField(_("vendor"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    cvss_vector = models.CharField(_("CVSS vector"), max_length=200)
    cvss_score = models.DecimalField(_("CVSS base score"), max_digits=3, decimal_places=1)
    severity = models.CharField(_("severity"), max_length=10)
    source = models.CharField(_("source"), max_length=12, choices=Source)
    broker = models.CharField(_("broker"), max_length=200, blank=True)
    found_on = models.DateField(_("date discovered, purchased or reported"))
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.AWAITING)
    review_by = models.DateField(_("restriction to be reviewed by"), null=True, blank=True)
    disclosed_on = models.DateField(_("disclosed to the vendor on"), null=True, blank=True)
    vendor_acknowledged_on = models.DateField(_("vendor acknowledged on"), null=True, blank=True)
    fixed_on = models.DateField(_("fixed on"), null=True, blank=True)
    fix_reference = models.CharField(
        _("fix"), max_length=200, blank=True, help_text=_("CVE, advisory or fixed version.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = VulnerabilityQuerySet.as_manager()

    class Meta:
        ordering = ["-found_on", "-pk"]
        verbose_name = _("vulnerability")
        verbose_name_plural = _("vulnerabilities")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "agency_reference"],
                name="vulnerabilities_one_per_agency_reference",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="restricted") | models.Q(review_by__isnull=False),
                name="vulnerabilities_restriction_has_review_date",
            ),
        ]

    def __str__(self) -> str:
        # Only the reference: this goes into the audit log, never the product.
        return self.reference

    def is_overdue(self, today: date) -> bool:
        return (
            self.status == Status.RESTRICTED
            and self.review_by is not None
            and self.review_by < today
        )


class Decision(models.Model):
    """One decision of the board, kept for ever: a review is a new decision."""

    class Outcome(models.TextChoices):
        DISCLOSE = "disclose", _("Disclose to the vendor")
        RESTRICT = "restrict", _("Restrict")

    vulnerability = models.ForeignKey(
        Vulnerability, on_delete=models.PROTECT, related_name="decisions"
    )
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome)
    reasons = models.TextField(_("reasons"))
    review_by = models.DateField(_("review by"), null=True, blank=True)
    disclosed_on = models.DateField(_("disclosed on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"Decision #{self.pk} on {self.vulnerability_id}"


class YearStatistics(models.Model):
    """The public figures of one State's year, as last published; a withheld count is null."""

    key = models.CharField(_("identifier"), max_length=24, unique=True)
    jurisdiction = models.ForeignKey(
        "registry.Jurisdiction",
        verbose_name=_("State"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    recorded = models.PositiveIntegerField(_("vulnerabilities recorded"), null=True)
    disclosed = models.PositiveIntegerField(_("disclosed"), null=True)
    restricted = models.PositiveIntegerField(_("restricted"), null=True)
    awaiting = models.PositiveIntegerField(_("awaiting a decision"), null=True)
    share_disclosed = models.DecimalField(
        _("share disclosed (%)"), max_digits=4, decimal_places=1, null=True
    )
    median_days_to_disclosure = models.DecimalField(
        _("median days to disclosure"), max_digits=7, decimal_places=1, null=True
    )
    restrictions_past_review = models.PositiveIntegerField(
        _("restrictions past their review date"), null=True
    )
    withheld = models.CharField(_("withheld as small counts"), max_length=300, blank=True)
    as_of = models.DateField(_("as of"))

    class Meta:
        ordering = ["jurisdiction_id", "-year"]
        verbose_name = _("vulnerability statistics")
        verbose_name_plural = _("vulnerability statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "year"], name="vulnerabilities_one_statistics_per_year"
            )
        ]

    def __str__(self) -> str:
        return self.key
