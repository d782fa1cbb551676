"""Independent audits of companies against a standard of conduct (A/HRC/41/35, para. 69).

An accredited audit firm's named auditor (role AUDITOR in the firm) runs an engagement:
one company, one adopted standard version, a scope (products, period) and sample cases.
The auditor declares independence before seeing anything, records one finding per
requirement with its evidence, and the company answers each nonconformity with
corrective actions (owner, deadline) that the auditor verifies. The auditor publishes a
summary; the company's audit status is derived from its latest published audit.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from oversight.companies.models.standards import Requirement, StandardVersion
from oversight.registry.models import Organisation, Technology


class AuditFirm(models.Model):
    """An audit firm, accredited by a standards body for a period."""

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("audit firm"), on_delete=models.PROTECT, related_name="+"
    )
    accredited_by = models.ForeignKey(
        Organisation, verbose_name=_("accredited by"), on_delete=models.PROTECT, related_name="+"
    )
    reference = models.CharField(_("accreditation reference"), max_length=100)
    accredited_on = models.DateField(_("accredited on"))
    accredited_until = models.DateField(_("accredited until"))

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("accredited audit firm")
        verbose_name_plural = _("accredited audit firms")
        constraints = [
            models.CheckConstraint(
                condition=Q(accredited_until__gte=models.F("accredited_on")),
                name="companies_accreditation_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    def accredited(self, on: date) -> bool:
        return self.accredited_on <= on <= self.accredited_until


class ConflictOfInterest(models.Model):
    """An auditor's declared conflict with a company: any engagement between them is refused."""

    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    company = models.ForeignKey(
        Organisation, verbose_name=_("company"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("nature of the conflict"))
    declared_on = models.DateField(_("declared on"))

    class Meta:
        ordering = ["-declared_on", "-pk"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")

    def __str__(self) -> str:
        return f"Conflict #{self.pk}"


class EngagementQuerySet(models.QuerySet["Engagement"]):
    def published(self) -> "EngagementQuerySet":
        return self.filter(status=Engagement.Status.PUBLISHED)


class Engagement(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned: waiting for the auditor's declaration of independence")
        FIELDWORK = "fieldwork", _("Fieldwork")
        PUBLISHED = "published", _("Summary published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    company = models.ForeignKey(
        Organisation, verbose_name=_("company"), on_delete=models.PROTECT, related_name="+"
    )
    firm = models.ForeignKey(
        AuditFirm, verbose_name=_("audit firm"), on_delete=models.PROTECT, related_name="+"
    )
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead auditor"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.ForeignKey(
        StandardVersion,
        verbose_name=_("standard version"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    products = models.ManyToManyField(Technology, verbose_name=_("products"), related_name="+")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    access_until = models.DateField(
        _("auditor's access until"),
        help_text=_("The auditor sees the non-public record in scope until this day."),
    )
    sample_cases = models.JSONField(_("sample cases"), default=list, blank=True)
    reaudit_of = models.ForeignKey(
        "self",
        verbose_name=_("re-audit of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reaudits",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PLANNED)
    independence_statement = models.TextField(_("declaration of independence"), blank=True)
    independence_declared_at = models.DateTimeField(null=True, blank=True)
    summary = models.TextField(_("published summary"), blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EngagementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit engagement")
        verbose_name_plural = _("audit engagements")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="companies_engagement_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"Audit #{self.pk} of {self.company}"


class Finding(models.Model):
    class Result(models.TextChoices):
        CONFORMS = "conforms", _("Conforms")
        MINOR = "minor", _("Minor nonconformity")
        MAJOR = "major", _("Major nonconformity")
        OBSERVATION = "observation", _("Observation")

    engagement = models.ForeignKey(
        Engagement, verbose_name=_("engagement"), on_delete=models.PROTECT, related_name="findings"
    )
    requirement = models.ForeignKey(
        Requirement, verbose_name=_("requirement"), on_delete=models.PROTECT, related_name="+"
    )
    result = models.CharField(_("result"), max_length=20, choices=Result)
    evidence = models.TextField(_("evidence"))
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["engagement", "requirement__position", "requirement__identifier"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "requirement"], name="companies_one_finding_per_requirement"
            )
        ]

    def __str__(self) -> str:
        return f"Finding #{self.pk}"

    @property
    def nonconformity(self) -> bool:
        return self.result in (self.Result.MINOR, self.Result.MAJOR)


class CorrectiveActionQuerySet(models.QuerySet["CorrectiveAction"]):
    def unverified(self) -> "CorrectiveActionQuerySet":
        return self.exclude(status=CorrectiveAction.Status.VERIFIED)

    def overdue(self, today: date) -> "CorrectiveActionQuerySet":
        return self.unverified().filter(due_on__lt=today)


class CorrectiveAction(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Reported done by the company")
        VERIFIED = "verified", _("Verified by the auditor")

    finding = models.ForeignKey(
        Finding, verbose_name=_("finding"), on_delete=models.PROTECT, related_name="actions"
    )
    description = models.TextField(_("corrective action"))
    owner = models.CharField(
        _("owner"), max_length=200, help_text=_("Who at the company answers for it.")
    )
    due_on = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.OPEN)
    completion_note = models.TextField(_("what the company did"), blank=True)
    verification_note = models.TextField(_("auditor's verification"), blank=True)
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CorrectiveActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")

    def __str__(self) -> str:
        return f"Corrective action #{self.pk}"

    def overdue(self, today: date) -> bool:
        return self.status != self.Status.VERIFIED and self.due_on < today
