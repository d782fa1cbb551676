"""Standards of conduct for the industry, and the body that adopts them (A/HRC/41/35, para. 69).

A standard is a line of versions. A version is drafted, voted on by the standards body's
members (industry, civil society and States) and adopted; once adopted, neither it nor
its requirements change again. A new version is a new row with its own requirements,
copied from the one before, so an audit against version 1 stays an audit against
version 1 whatever version 2 says.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from oversight.registry.models import Organisation


class Constituency(models.TextChoices):
    INDUSTRY = "industry", _("Industry")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    STATE = "state", _("States")


class StandardsMember(models.Model):
    """A person who sits on a standards body for one constituency (role STANDARDS_MEMBER)."""

    body = models.ForeignKey(
        Organisation, verbose_name=_("standards body"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    constituency = models.CharField(_("constituency"), max_length=20, choices=Constituency)
    joined_on = models.DateField(_("joined on"))

    class Meta:
        ordering = ["body", "constituency", "pk"]
        verbose_name = _("standards body member")
        verbose_name_plural = _("standards body members")
        constraints = [
            models.UniqueConstraint(fields=["body", "user"], name="companies_one_seat_per_body")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.constituency})"


class Standard(models.Model):
    body = models.ForeignKey(
        Organisation, verbose_name=_("standards body"), on_delete=models.PROTECT, related_name="+"
    )
    slug = models.SlugField(_("identifier"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=300)
    scope = models.TextField(_("scope"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("standard of conduct")
        verbose_name_plural = _("standards of conduct")

    def __str__(self) -> str:
        return self.title


class StandardVersionQuerySet(models.QuerySet["StandardVersion"]):
    def adopted(self) -> "StandardVersionQuerySet":
        return self.filter(status=StandardVersion.Status.ADOPTED)


class StandardVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")

    standard = models.ForeignKey(
        Standard, verbose_name=_("standard"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    # Who voted how, as the adoption recorded it: {"for": [...], "against": [...], ...}.
    adoption_votes = models.JSONField(_("votes at adoption"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StandardVersionQuerySet.as_manager()

    class Meta:
        ordering = ["standard", "-number"]
        verbose_name = _("standard version")
        verbose_name_plural = _("standard versions")
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "number"], name="companies_one_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.standard} v{self.number}"


class Requirement(models.Model):
    version = models.ForeignKey(
        StandardVersion,
        verbose_name=_("standard version"),
        on_delete=models.PROTECT,
        related_name="requirements",
    )
    identifier = models.CharField(_("identifier"), max_length=20)
    text = models.TextField(_("requirement"))
    guidance = models.TextField(_("guidance"), blank=True)
    recommendation = models.CharField(
        _("recommendation implemented"),
        max_length=40,
        help_text=_("The paragraph of A/HRC/41/35 it implements, e.g. 67(a)."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["version", "position", "identifier"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "identifier"], name="companies_one_requirement_identifier"
            )
        ]

    def __str__(self) -> str:
        return f"{self.identifier} ({self.version})"


class Vote(models.Model):
    class Choice(models.TextChoices):
        FOR = "for", _("For")
        AGAINST = "against", _("Against")
        ABSTAIN = "abstain", _("Abstain")

    version = models.ForeignKey(
        StandardVersion, verbose_name=_("standard version"), on_delete=models.PROTECT,
        related_name="votes",
    )  # fmt: skip
    member = models.ForeignKey(
        StandardsMember, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+"
    )
    choice = models.CharField(_("vote"), max_length=10, choices=Choice)
    cast_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["version", "member"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["version", "member"], name="companies_one_vote_each")
        ]

    def __str__(self) -> str:
        return f"Vote #{self.pk}"
