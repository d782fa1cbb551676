"""A company's record under the UN Guiding Principles: what the licensing check reads.

Commitment, product due diligence, contractual safeguards and misuse reports (A/HRC/41/35,
paras 66(f), 67(a)(b)(c)).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from oversight.registry.models import Organisation, Technology


class HumanRightsCommitment(models.Model):
    company = models.ForeignKey(
        Organisation,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="human_rights_commitments",
    )
    # Versioned (para. 67(a)): each filing is the next version; none is ever changed.
    version = models.PositiveIntegerField(_("version"), default=1)
    url = models.URLField(_("public URL"), max_length=500)
    text = models.TextField(_("text"), blank=True)
    signatory = models.CharField(_("signed by"), max_length=200, blank=True)
    adopted_on = models.DateField(_("adopted on"))
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-adopted_on", "-pk"]
        verbose_name = _("human rights commitment")
        verbose_name_plural = _("human rights commitments")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "version"], name="companies_one_commitment_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"Commitment #{self.pk} of {self.company}"


class DueDiligence(models.Model):
    company = models.ForeignKey(
        Organisation, verbose_name=_("company"), on_delete=models.PROTECT, related_name="+"
    )
    technology = models.ForeignKey(
        Technology,
        verbose_name=_("technology"),
        on_delete=models.PROTECT,
        related_name="due_diligence",
    )
    summary = models.TextField(_("public summary"))
    url = models.URLField(_("document URL"), max_length=500, blank=True)
    completed_on = models.DateField(_("completed on"))
    valid_until = models.DateField(_("valid until"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-completed_on", "-pk"]
        verbose_name = _("product due diligence")
        verbose_name_plural = _("product due diligence")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("completed_on")),
                name="companies_due_diligence_valid_after_completion",
            )
        ]

    def __str__(self) -> str:
        return f"Due diligence #{self.pk} on {self.technology}"


class ContractualSafeguard(models.Model):
    company = models.ForeignKey(
        Organisation, verbose_name=_("company"), on_delete=models.PROTECT, related_name="+"
    )
    technology = models.ForeignKey(
        Technology,
        verbose_name=_("technology"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: the clauses cover all the company's products."),
    )
    description = models.TextField(
        _("clauses"),
        help_text=_("End-use restrictions, audit rights, termination on misuse, …"),
    )
    in_effect_since = models.DateField(_("in effect since"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-in_effect_since", "-pk"]
        verbose_name = _("contractual safeguard")
        verbose_name_plural = _("contractual safeguards")

    def __str__(self) -> str:
        return f"Safeguard #{self.pk} of {self.company}"


class MisuseReportQuerySet(models.QuerySet["MisuseReport"]):
    def public(self) -> "MisuseReportQuerySet":
        return self.filter(
            status__in=[MisuseReport.Status.SUBSTANTIATED, MisuseReport.Status.RESOLVED]
        )

    def unresolved_substantiated(self) -> "MisuseReportQuerySet":
        return self.filter(status=MisuseReport.Status.SUBSTANTIATED)

    def to_assess(self) -> "MisuseReportQuerySet":
        """Reports still waiting for the assessing body's decision (or its resolution)."""
        return self.exclude(
            status__in=[MisuseReport.Status.UNSUBSTANTIATED, MisuseReport.Status.RESOLVED]
        )


class MisuseReport(models.Model):
    class Status(models.TextChoices):
        REPORTED = "reported", _("Reported")
        UNDER_INVESTIGATION = "under_investigation", _("Under investigation")
        SUBSTANTIATED = "substantiated", _("Substantiated")
        UNSUBSTANTIATED = "unsubstantiated", _("Unsubstantiated")
        RESOLVED = "resolved", _("Resolved")

    class Addressee(models.TextChoices):
        """The oversight body that assesses the report (never the company)."""

        AUTHORITY = "authority", _("The licensing authority of the company's State")
        WORKING_GROUP = "working_group", _("The UN working group")

    company = models.ForeignKey(
        Organisation, verbose_name=_("company"), on_delete=models.PROTECT, related_name="+"
    )
    technology = models.ForeignKey(
        Technology,
        verbose_name=_("technology"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="misuse_reports",
    )
    end_user = models.ForeignKey(
        Organisation,
        verbose_name=_("end user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="misuse_reports_as_end_user",
    )
    end_user_text = models.CharField(_("end user (as reported)"), max_length=300, blank=True)
    description = models.TextField(_("description"))
    reported_on = models.DateField(_("reported on"))
    addressed_to = models.CharField(
        _("addressed to"), max_length=20, choices=Addressee, default=Addressee.AUTHORITY
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.REPORTED)
    # The assessing body's reasons for the current status (public with the report).
    status_reasons = models.JSONField(_("reasons for the status"), default=list, blank=True)
    # What the company added after filing: [{"on": "YYYY-MM-DD", "text": …}] (not public).
    information = models.JSONField(_("information added by the company"), default=list, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MisuseReportQuerySet.as_manager()

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = _("misuse report")
        verbose_name_plural = _("misuse reports")

    def __str__(self) -> str:
        return f"Misuse report #{self.pk} ({self.company})"

    @property
    def end_user_label(self) -> str:
        return self.end_user.name if self.end_user else self.end_user_text
