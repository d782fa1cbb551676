"""Public comment periods attachable to any matter (an application, a purchase proposal).

The matter's app registers who may moderate comments and mark them considered
(`access.register_manager`); administrators always may.
"""

import uuid
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConsultationQuerySet(models.QuerySet["Consultation"]):
    def open(self, now: datetime | None = None) -> "ConsultationQuerySet":
        """Taking comments now: opened, not past its closing time, not closed."""
        now = now or timezone.now()
        return self.filter(closed_at__isnull=True, opens_at__lte=now, closes_at__gt=now)

    def closed(self) -> "ConsultationQuerySet":
        return self.filter(closed_at__isnull=False)

    def due(self, now: datetime | None = None) -> "ConsultationQuerySet":
        """Past their closing time and not yet closed (for the daily timer)."""
        return self.filter(closed_at__isnull=True, closes_at__lte=now or timezone.now())

    def for_matter(self, obj: models.Model) -> "ConsultationQuerySet":
        matter_type = ContentType.objects.get_for_model(obj)
        return self.filter(matter_type=matter_type, matter_id=str(obj.pk))


class Consultation(models.Model):
    matter_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    matter_id = models.CharField(max_length=64)
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    notice = models.JSONField(_("public notice"), default=dict, help_text=_("{label: value}"))
    redactions = models.JSONField(
        _("redactions"), default=list, help_text=_('[{"field": …, "reason": …}], published')
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        indexes = [models.Index(fields=["matter_type", "matter_id"])]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    @property
    def matter(self) -> Any:
        return self.matter_type.get_object_for_this_type(pk=self.matter_id)

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class StakeholderType(models.TextChoices):
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    ACADEMIC = "academic", _("Academic")
    INDUSTRY = "industry", _("Industry")
    GOVERNMENT = "government", _("Government")
    INDIVIDUAL = "individual", _("Individual")


class CommentQuerySet(models.QuerySet["Comment"]):
    def published(self) -> "CommentQuerySet":
        """Accepted comments of closed consultations: the only comment text ever public."""
        return self.filter(status=Comment.Status.ACCEPTED, consultation__closed_at__isnull=False)

    def withheld(self) -> "CommentQuerySet":
        return self.filter(status=Comment.Status.REJECTED)

    def pending(self) -> "CommentQuerySet":
        return self.filter(status=Comment.Status.PENDING)

    def to_consider(self) -> "CommentQuerySet":
        return self.filter(status=Comment.Status.ACCEPTED, considered_at__isnull=True)


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Withheld")

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="comments"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    stakeholder_type = models.CharField(
        _("stakeholder type"), max_length=20, choices=StakeholderType
    )
    text = models.TextField(_("comment"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    rejection_reason = models.TextField(_("reason withheld"), blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    considered_at = models.DateTimeField(_("considered at"), null=True, blank=True)
    considered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    response = models.TextField(_("response"), blank=True)
    idempotency_key = models.CharField(max_length=64, unique=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        # Never the text or the name: this goes into the public audit log.
        return f"Comment #{self.pk} on {self.consultation.reference}"


def _attachment_path(instance: "CommentAttachment", filename: str) -> str:
    """A random name: the uploader's file name never reaches the disk."""
    return f"consultations/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class CommentAttachment(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Attachment #{self.pk} of comment #{self.comment_id}"


class Invitation(models.Model):
    """A stakeholder invited by e-mail to comment; the address is never published."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    organisation = models.ForeignKey(
        "registry.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "email"], name="consultations_one_invitation_per_address"
            )
        ]

    def __str__(self) -> str:
        return f"Invitation #{self.pk} to {self.consultation.reference}"
