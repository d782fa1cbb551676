"""Typed licence conditions with evidence deadlines, and the suspension proposals that a
missed deadline (or a substantiated misuse report or grievance) opens for the officer."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from oversight.licensing.models.outcomes import Licence
from oversight.registry.models import Organisation


class ConditionKind(models.TextChoices):
    END_USE_CERTIFICATE = "end_use_certificate", _("End-use certificate")
    POST_SHIPMENT_VERIFICATION = "post_shipment_verification", _("Post-shipment verification")
    USAGE_REPORT = "usage_report", _("Usage report")
    AUDIT = "audit", _("Audit by a named auditor")


class ConditionStatus(models.TextChoices):
    PENDING = "pending", _("Evidence due")
    SUBMITTED = "submitted", _("Evidence submitted, being assessed")
    MET = "met", _("Met")
    OVERDUE = "overdue", _("Overdue: no evidence by the deadline")


# Evidence may come late (overdue → submitted); an assessment that finds it insufficient
# sends the condition back (to pending, or overdue when its deadline has passed).
CONDITION_MACHINE: dict[str, frozenset[str]] = {
    ConditionStatus.PENDING: frozenset({ConditionStatus.SUBMITTED, ConditionStatus.OVERDUE}),
    ConditionStatus.OVERDUE: frozenset({ConditionStatus.SUBMITTED}),
    ConditionStatus.SUBMITTED: frozenset(
        {ConditionStatus.MET, ConditionStatus.PENDING, ConditionStatus.OVERDUE}
    ),
}


class ConditionQuerySet(models.QuerySet["LicenceCondition"]):
    def due_before(self, day: object) -> "ConditionQuerySet":
        """Conditions still waiting for evidence whose deadline is before `day`, on a
        licence that is still live."""
        return self.filter(
            status=ConditionStatus.PENDING,
            evidence_due__lt=day,
            licence__status__in=["active", "suspended"],
        )


class LicenceCondition(models.Model):
    licence = models.ForeignKey(Licence, on_delete=models.PROTECT, related_name="typed_conditions")
    kind = models.CharField(_("kind"), max_length=30, choices=ConditionKind)
    terms = models.TextField(_("terms"))
    auditor = models.ForeignKey(
        Organisation,
        verbose_name=_("auditor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    evidence_due = models.DateField(_("evidence due"))
    status = models.CharField(
        _("status"), max_length=12, choices=ConditionStatus, default=ConditionStatus.PENDING
    )
    # The exporter's evidence is not public: the register shows the status only.
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_at = models.DateTimeField(_("evidence submitted"), null=True, blank=True)
    assessment = models.TextField(_("assessment"), blank=True)
    met_on = models.DateField(_("met on"), null=True, blank=True)
    overdue_since = models.DateField(_("overdue since"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("set"))
    version = models.PositiveIntegerField(default=1)

    objects = ConditionQuerySet.as_manager()

    class Meta:
        ordering = ["evidence_due", "pk"]
        verbose_name = _("licence condition")
        verbose_name_plural = _("licence conditions")
        indexes = [models.Index(fields=["status", "evidence_due"])]

    def __str__(self) -> str:
        return f"{self.licence_id} condition #{self.pk} ({self.kind})"


class SuspensionProposal(models.Model):
    """Opened by the system for the officer: suspend this licence? Never suspends by itself."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        SUSPENDED = "suspended", _("Accepted: the licence was suspended")
        DECLINED = "declined", _("Declined")

    licence = models.ForeignKey(
        Licence, on_delete=models.PROTECT, related_name="suspension_proposals"
    )
    reason = models.TextField(_("why proposed"))
    condition = models.ForeignKey(
        LicenceCondition, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.OPEN)
    opened_at = models.DateTimeField(_("opened"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reasons = models.JSONField(_("reasons for the decision"), default=list, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("suspension proposal")
        verbose_name_plural = _("suspension proposals")
        constraints = [
            models.UniqueConstraint(
                fields=["licence", "reason"],
                condition=models.Q(state="open"),
                name="licensing_one_open_proposal_per_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.licence_id} proposal #{self.pk} ({self.state})"


PROPOSAL_MACHINE: dict[str, frozenset[str]] = {
    SuspensionProposal.State.OPEN: frozenset(
        {SuspensionProposal.State.SUSPENDED, SuspensionProposal.State.DECLINED}
    ),
}
