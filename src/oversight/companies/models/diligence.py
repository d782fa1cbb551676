"""Due diligence that can be compared: per product and stage (A/HRC/41/35, paras 67(a)(b)).

An assessment covers one product at one stage of its life (design, development, sale,
servicing). It rates the risk to each right (likelihood, severity, mitigation), ticks the
human-rights-by-design features from one taxonomy, and lists the civil-society
consultations held (who, when, what changed). Every assessment is a new row: the latest
per product and stage is current, and it must be reviewed by its `review_by` date (at
most a year after it was made). The codes below are stored: never change one.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from oversight.registry.models import Organisation, Technology

REVIEW_DAYS = 366  # "at least yearly": a review date at most a year (and a leap day) on


class Stage(models.TextChoices):
    DESIGN = "design", _("Design")
    DEVELOPMENT = "development", _("Development")
    SALE = "sale", _("Sale")
    SERVICING = "servicing", _("Servicing")


class Right(models.TextChoices):
    PRIVACY = "privacy", _("Privacy")
    EXPRESSION = "expression", _("Freedom of expression")
    ASSEMBLY = "assembly", _("Freedom of assembly and association")
    NON_DISCRIMINATION = "non_discrimination", _("Non-discrimination")
    LIFE_SECURITY = "life_security", _("Life and security of person")


class Level(models.IntegerChoices):
    LOW = 1, _("Low")
    MEDIUM = 2, _("Medium")
    HIGH = 3, _("High")
    VERY_HIGH = 4, _("Very high")


class Feature(models.TextChoices):
    """Human rights by design: the taxonomy every assessment ticks from."""

    CUSTOMER_AUDIT_LOGGING = "customer_audit_logging", _("Audit logging by the customer")
    GEOFENCING = "geofencing", _("Geofencing")
    TARGET_TYPE_RESTRICTIONS = "target_type_restrictions", _("Target-type restrictions")
    REMOTE_DISABLE = "remote_disable", _("Remote disable")
    MISUSE_DETECTION = "misuse_detection", _("Misuse detection")
    DATA_MINIMISATION = "data_minimisation", _("Data minimisation")
    RETENTION_LIMITS = "retention_limits", _("Retention limits")


class AssessmentQuerySet(models.QuerySet["StageAssessment"]):
    def current(self) -> "AssessmentQuerySet":
        """The latest assessment of each product and stage (the others are history)."""
        later = StageAssessment.objects.filter(
            technology=models.OuterRef("technology"),
            stage=models.OuterRef("stage"),
        ).filter(
            Q(assessed_on__gt=models.OuterRef("assessed_on"))
            | Q(assessed_on=models.OuterRef("assessed_on"), pk__gt=models.OuterRef("pk"))
        )
        return self.exclude(models.Exists(later))


class StageAssessment(models.Model):
    company = models.ForeignKey(
        Organisation, verbose_name=_("company"), on_delete=models.PROTECT, related_name="+"
    )
    technology = models.ForeignKey(
        Technology, verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage)
    assessed_on = models.DateField(_("assessed on"))
    review_by = models.DateField(_("review by"))
    summary = models.TextField(_("public summary"))
    features = models.JSONField(_("human rights by design"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["technology_id", "stage", "-assessed_on", "-pk"]
        verbose_name = _("due diligence assessment")
        verbose_name_plural = _("due diligence assessments")
        constraints = [
            models.CheckConstraint(
                condition=Q(review_by__gte=models.F("assessed_on")),
                name="companies_stage_assessment_review_after_assessment",
            )
        ]

    def __str__(self) -> str:
        return f"Assessment #{self.pk} of {self.technology} ({self.stage})"


class AssessedRisk(models.Model):
    """The risk to one right, as the assessment rates it, and how it is mitigated."""

    assessment = models.ForeignKey(StageAssessment, on_delete=models.PROTECT, related_name="risks")
    right = models.CharField(_("right"), max_length=30, choices=Right)
    likelihood = models.PositiveSmallIntegerField(_("likelihood"), choices=Level)
    severity = models.PositiveSmallIntegerField(_("severity"), choices=Level)
    mitigation = models.TextField(_("mitigation"))

    class Meta:
        ordering = ["assessment_id", "right"]
        verbose_name = _("assessed risk")
        verbose_name_plural = _("assessed risks")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "right"], name="companies_one_risk_per_right"
            )
        ]

    def __str__(self) -> str:
        return f"{self.right} in assessment #{self.assessment_id}"


class Consultation(models.Model):
    """A civil-society consultation held for an assessment: who, when, what it changed."""

    assessment = models.ForeignKey(
        StageAssessment, on_delete=models.PROTECT, related_name="consultations"
    )
    held_with = models.CharField(_("held with"), max_length=300)
    held_on = models.DateField(_("held on"))
    outcome = models.TextField(_("what changed because of it"))

    class Meta:
        ordering = ["assessment_id", "held_on", "pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self) -> str:
        return f"Consultation with {self.held_with} on {self.held_on}"
