"""The oversight body: an organisation with members, each for a term, and a quorum."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from oversight.registry.models import Jurisdiction, Organisation


class OversightBody(models.Model):
    """A council's privacy commission or a national oversight body, over one jurisdiction."""

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=_("jurisdiction"), on_delete=models.PROTECT, related_name="+"
    )
    quorum = models.PositiveSmallIntegerField(
        _("quorum"), help_text=_("Members who must vote (not recused) for a decision.")
    )

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("oversight body")
        verbose_name_plural = _("oversight bodies")

    def __str__(self) -> str:
        return self.organisation.name


class MembershipQuerySet(models.QuerySet["Membership"]):
    def serving(self, on: date) -> "MembershipQuerySet":
        """Members whose term covers `on`."""
        return self.filter(term_start__lte=on).filter(
            models.Q(term_end__isnull=True) | models.Q(term_end__gte=on)
        )


class Membership(models.Model):
    body = models.ForeignKey(OversightBody, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("public name"), max_length=200)
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "user", "term_start"], name="one_membership_per_term"
            )
        ]

    def __str__(self) -> str:
        return self.name
