"""Screening results on submit and the human rights review of an application."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from oversight.licensing.models.applications import Application


class Screening(models.Model):
    """The automatic checks run on an application, with each rule's verdict and reasons."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="screenings"
    )
    at = models.DateTimeField(_("screened at"))
    stage = models.CharField(_("stage"), max_length=20, default="submit")
    # [{rule, title, ok, effect, reasons, matches}], as `rules.Check.as_dict` gives them.
    results = models.JSONField(_("results"), default=list)
    outcome = models.CharField(_("outcome"), max_length=20, blank=True)

    class Meta:
        ordering = ["application", "-at", "-pk"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self) -> str:
        return f"{self.application_id} screened {self.at:%Y-%m-%d}"


class Criterion(models.TextChoices):
    LEGAL_BASIS = (
        "legal_basis",
        _("An accessible, foreseeable legal basis for surveillance in the destination"),
    )
    PRIOR_AUTHORISATION = "prior_authorisation", _("Prior independent authorisation")
    OVERSIGHT = "oversight", _("Independent oversight")
    REMEDY = "remedy", _("Effective remedy")
    NECESSITY = "necessity", _("Necessity and proportionality")
    LEGITIMATE_AIM = "legitimate_aim", _("Legitimate aim")
    END_USER_RECORD = "end_user_record", _("The end user's record")
    TECHNOLOGY_RISK = "technology_risk", _("The technology's risk")
    COMPANY_COMPLIANCE = "company_compliance", _("The company's compliance")


class Rating(models.TextChoices):
    MEETS = "meets", _("Meets")
    PARTLY = "partly", _("Partly meets")
    DOES_NOT_MEET = "does_not_meet", _("Does not meet")
    UNKNOWN = "unknown", _("Unknown")


class Recommendation(models.TextChoices):
    APPROVE = "approve", _("Approve")
    APPROVE_WITH_CONDITIONS = "approve_with_conditions", _("Approve with conditions")
    REFUSE = "refuse", _("Refuse")


class Review(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recommendation = models.CharField(_("recommendation"), max_length=30, choices=Recommendation)
    summary = models.TextField(_("summary of advice"))
    conditions = models.TextField(_("conditions advised"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"))

    class Meta:
        ordering = ["application", "-submitted_at"]
        verbose_name = _("human rights review")
        verbose_name_plural = _("human rights reviews")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.recommendation}"


class ReviewCriterion(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="criteria")
    criterion = models.CharField(_("criterion"), max_length=30, choices=Criterion)
    rating = models.CharField(_("rating"), max_length=15, choices=Rating)
    reasoning = models.TextField(_("reasoning"))
    evidence = models.JSONField(_("evidence links"), default=list, blank=True)

    class Meta:
        ordering = ["review", "pk"]
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "criterion"], name="licensing_unique_review_criterion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.rating}"
