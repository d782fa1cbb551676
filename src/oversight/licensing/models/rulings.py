"""Before an application: classification rulings and catch-all notifications (§3).

A classification ruling answers an exporter's question "is this item controlled, and
under which entry?"; the answer is public (`classification-rulings`), the exporter's
confidential details never are. A catch-all notification (Regulation (EU) 2021/821,
Art. 5) tells the authority that an unlisted cyber-surveillance item may be used for
internal repression or serious violations of human rights at a destination; the
authority decides whether a licence is required there, and if so the item is treated
as controlled for that destination.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from oversight.registry.models import ControlEntry, Jurisdiction, Organisation, Technology


class RulingState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ANSWERED = "answered", _("Answered")
    WITHDRAWN = "withdrawn", _("Withdrawn")


RULING_MACHINE: dict[str, frozenset[str]] = {
    RulingState.REQUESTED: frozenset({RulingState.ANSWERED, RulingState.WITHDRAWN}),
}


class RulingQuerySet(models.QuerySet["RulingRequest"]):
    def published(self) -> "RulingQuerySet":
        return self.filter(state=RulingState.ANSWERED)

    def open(self) -> "RulingQuerySet":
        return self.filter(state=RulingState.REQUESTED)


class RulingRequest(models.Model):
    """An exporter's request for a classification ruling, and the officer's ruling."""

    reference = models.CharField(_("reference"), max_length=30, unique=True)
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("authority's State"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    exporter = models.ForeignKey(
        Organisation, verbose_name=_("exporter"), on_delete=models.PROTECT, related_name="+"
    )
    item_name = models.CharField(_("item"), max_length=200)
    description = models.TextField(_("item description"))
    technical_specs = models.TextField(_("technical specifications"), blank=True)
    # Never published: trade secrets, customers, prices the exporter gave to be understood.
    confidential_details = models.TextField(_("confidential details"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"))
    due_on = models.DateField(_("answer due by"))
    state = models.CharField(
        _("state"), max_length=12, choices=RulingState, default=RulingState.REQUESTED
    )
    controlled = models.BooleanField(_("controlled"), null=True, blank=True)
    control_entry = models.ForeignKey(
        ControlEntry,
        verbose_name=_("control-list entry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reasoning = models.TextField(_("reasoning"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    late = models.BooleanField(_("answered after its deadline"), default=False)
    version = models.PositiveIntegerField(default=1)

    objects = RulingQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("classification ruling")
        verbose_name_plural = _("classification rulings")

    def __str__(self) -> str:
        return self.reference


class CatchAllState(models.TextChoices):
    NOTIFIED = "notified", _("Notified, awaiting the authority's decision")
    LICENCE_REQUIRED = "licence_required", _("Licence required")
    NO_LICENCE_REQUIRED = "no_licence_required", _("No licence required")


CATCH_ALL_MACHINE: dict[str, frozenset[str]] = {
    CatchAllState.NOTIFIED: frozenset(
        {CatchAllState.LICENCE_REQUIRED, CatchAllState.NO_LICENCE_REQUIRED}
    ),
}


class CatchAllQuerySet(models.QuerySet["CatchAllNotification"]):
    def binding(self) -> "CatchAllQuerySet":
        """Notifications that stop 'no licence required': decided 'licence required', or
        not yet decided (Art. 5(2): the exporter may not export until the authority has)."""
        return self.exclude(state=CatchAllState.NO_LICENCE_REQUIRED)


class CatchAllNotification(models.Model):
    reference = models.CharField(_("reference"), max_length=30, unique=True)
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("authority's State"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    exporter = models.ForeignKey(
        Organisation, verbose_name=_("exporter"), on_delete=models.PROTECT, related_name="+"
    )
    technology = models.ForeignKey(
        Technology, verbose_name=_("item"), on_delete=models.PROTECT, related_name="+"
    )
    destination = models.ForeignKey(
        Jurisdiction, verbose_name=_("destination"), on_delete=models.PROTECT, related_name="+"
    )
    end_user = models.CharField(_("end user"), max_length=300, blank=True)
    concern = models.TextField(
        _("what the exporter knows of the risk of internal repression or serious violations")
    )
    notified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    notified_at = models.DateTimeField(_("notified"))
    due_on = models.DateField(_("decision due by"))
    state = models.CharField(
        _("state"), max_length=20, choices=CatchAllState, default=CatchAllState.NOTIFIED
    )
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    late = models.BooleanField(_("decided after its deadline"), default=False)
    version = models.PositiveIntegerField(default=1)

    objects = CatchAllQuerySet.as_manager()

    class Meta:
        ordering = ["-notified_at", "-pk"]
        verbose_name = _("catch-all notification")
        verbose_name_plural = _("catch-all notifications")

    def __str__(self) -> str:
        return self.reference


class RulingCitation(models.Model):
    """An application (or one of its goods lines) relies on a published ruling."""

    application = models.ForeignKey(
        "licensing.Application", on_delete=models.CASCADE, related_name="cited_rulings"
    )
    ruling = models.ForeignKey(
        RulingRequest, verbose_name=_("ruling"), on_delete=models.PROTECT, related_name="citations"
    )
    line = models.PositiveSmallIntegerField(_("goods line"), null=True, blank=True)

    class Meta:
        ordering = ["application", "ruling"]
        verbose_name = _("cited ruling")
        verbose_name_plural = _("cited rulings")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "ruling"], name="licensing_unique_ruling_citation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id} cites {self.ruling_id}"
