"""Published decisions (the public register), licences, appeals and alert subscriptions."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from oversight.licensing.models.applications import Application
from oversight.licensing.models.review import Recommendation
from oversight.registry.models import Category, Jurisdiction, Organisation


class Outcome(models.TextChoices):
    ISSUED = "issued", _("Licence issued")
    REFUSED = "refused", _("Refused")
    EXEMPT = "exempt", _("No licence required")
    REGISTERED = "registered", _("Registered research transfer")
    BLOCKED = "blocked", _("Blocked by a moratorium")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Source(models.TextChoices):
    OVERSIGHT = "oversight", _("Decided in Oversight")
    UK_SECD = "uk-secd", _("UK export licensing statistics (historical)")


class DecisionQuerySet(models.QuerySet["Decision"]):
    def published(self) -> "DecisionQuerySet":
        return self.all()  # every decision is public by design (66d, 66f)

    def current(self) -> "DecisionQuerySet":
        return self.filter(superseded=False)


class Decision(models.Model):
    """One published outcome with its reasons: a row of the public register."""

    reference = models.CharField(_("reference"), max_length=60, unique=True)
    source = models.CharField(_("source"), max_length=20, choices=Source, default=Source.OVERSIGHT)
    application = models.ForeignKey(
        Application,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome, db_index=True)
    exporting_jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=_("exporting State"), on_delete=models.PROTECT, related_name="+"
    )
    destination = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("destination"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="licence_decisions",
    )
    exporter = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    exporter_name = models.CharField(_("exporter"), max_length=300, blank=True)
    end_user_types = models.JSONField(_("end-user types"), default=list, blank=True)
    end_use = models.TextField(_("stated end use"), blank=True)
    categories = models.JSONField(_("technology categories"), default=list, blank=True)
    categories_text = models.CharField(max_length=300, editable=False, blank=True)
    control_codes = models.JSONField(_("control-list entries"), default=list, blank=True)
    control_codes_text = models.CharField(max_length=1000, editable=False, blank=True)
    reasons = models.JSONField(_("reasons"), default=list)
    criteria = models.JSONField(_("review criteria"), default=list, blank=True)
    review_recommendation = models.CharField(
        _("review recommendation"), max_length=30, choices=Recommendation, blank=True
    )
    review_summary = models.TextField(_("review summary"), blank=True)
    justification = models.TextField(
        _("justification for deciding against the review"), blank=True
    )
    conditions = models.JSONField(_("conditions"), default=list, blank=True)
    comments_considered = models.JSONField(_("comments considered"), default=list, blank=True)
    redactions = models.JSONField(_("redactions and their reasons"), default=list, blank=True)
    screening = models.JSONField(_("screening"), default=list, blank=True)
    licence_number = models.CharField(_("licence number"), max_length=40, blank=True)
    licences = models.PositiveIntegerField(_("licences"), default=1)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    decided_on = models.DateField(_("decided on"))
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Historical decisions: the statistics rows folded into this one (not public).
    parts = models.JSONField(default=dict, blank=True, editable=False)
    superseded = models.BooleanField(_("superseded (e.g. by an appeal)"), default=False)
    published_at = models.DateTimeField(_("published"))

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-published_at", "reference"]
        verbose_name = _("licensing decision")
        verbose_name_plural = _("licensing decisions")
        indexes = [models.Index(fields=["source", "destination"])]

    def __str__(self) -> str:
        return f"{self.reference}: {self.outcome}"

    DERIVED = ("categories_text", "control_codes_text", "year")

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.derive_columns()
        if "update_fields" in kwargs:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "categories_text",
                "control_codes_text",
                "year",
            }
        super().save(*args, **kwargs)

    def derive_columns(self) -> None:
        """Set the columns derived from others (`save()` does; a bulk write must)."""
        self.categories_text = f" {' '.join(self.categories)} " if self.categories else ""
        self.control_codes_text = f" {' '.join(self.control_codes)} " if self.control_codes else ""
        self.year = self.decided_on.year


class LicenceStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")
    SURRENDERED = "surrendered", _("Surrendered")


LICENCE_MACHINE: dict[str, frozenset[str]] = {
    LicenceStatus.ACTIVE: frozenset(
        {
            LicenceStatus.SUSPENDED,
            LicenceStatus.REVOKED,
            LicenceStatus.EXPIRED,
            LicenceStatus.SURRENDERED,
        }
    ),
    LicenceStatus.SUSPENDED: frozenset(
        {LicenceStatus.ACTIVE, LicenceStatus.REVOKED, LicenceStatus.EXPIRED}
    ),
}


class LicenceQuerySet(models.QuerySet["Licence"]):
    def live(self) -> "LicenceQuerySet":
        """Not ended: active or suspended (either may still be revoked or expire)."""
        return self.filter(status__in=[LicenceStatus.ACTIVE, LicenceStatus.SUSPENDED])


class Licence(models.Model):
    number = models.CharField(_("number"), max_length=40, unique=True)
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="licence"
    )
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=12, choices=LicenceStatus, default=LicenceStatus.ACTIVE
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    conditions = models.JSONField(_("conditions"), default=list)
    flagged_for_review = models.BooleanField(_("flagged for review"), default=False)
    flags = models.JSONField(_("why flagged"), default=list, blank=True)
    status_reasons = models.JSONField(_("reasons for the status"), default=list, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = LicenceQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "number"]
        verbose_name = _("licence")
        verbose_name_plural = _("licences")

    def __str__(self) -> str:
        return self.number


class Appeal(models.Model):
    class State(models.TextChoices):
        LODGED = "lodged", _("Lodged")
        ALLOWED = "allowed", _("Allowed: the application is decided again")
        DISMISSED = "dismissed", _("Dismissed: the decision stands")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="appeals")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="appeals")
    grounds = models.TextField(_("grounds"))
    lodged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    lodged_at = models.DateTimeField(_("lodged"))
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.LODGED)
    outcome_reasons = models.JSONField(_("reasons for the outcome"), default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["-lodged_at"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self) -> str:
        return f"{self.application_id} appeal {self.state}"


# An appeal is decided once: allowed (the application is decided again) or dismissed.
APPEAL_MACHINE: dict[str, frozenset[str]] = {
    Appeal.State.LODGED: frozenset({Appeal.State.ALLOWED, Appeal.State.DISMISSED}),
}


class Subscription(models.Model):
    """An e-mail alert on new decisions for a destination or a technology category."""

    email = models.EmailField(_("e-mail address"))
    destination = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("destination"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    category = models.CharField(
        _("technology category"), max_length=30, choices=Category, blank=True
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")

    def __str__(self) -> str:
        # Never the address: this goes into the audit log.
        return f"Subscription #{self.pk}: {self.destination_id or ''} {self.category}".strip()
