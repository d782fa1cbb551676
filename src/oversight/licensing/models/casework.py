"""Casework at volume (§4): teams and queues, routing rules, case files, questions to the
applicant, and the countersigning chain in front of issuing a decision."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from oversight.licensing.models.applications import Application
from oversight.registry.models import Jurisdiction


class Team(models.Model):
    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=_("State"), on_delete=models.PROTECT, related_name="+"
    )
    slug = models.SlugField(_("slug"), max_length=60)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["jurisdiction", "name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "slug"], name="licensing_unique_team")
        ]

    def __str__(self) -> str:
        return self.name


class TeamMember(models.Model):
    """A licensing officer of the team's State; a countersigner is a senior officer."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    countersigner = models.BooleanField(_("countersigner (senior officer)"), default=False)

    class Meta:
        ordering = ["team", "pk"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="licensing_unique_team_member")
        ]

    def __str__(self) -> str:
        return f"{self.team_id}: {self.user_id}"


class Queue(models.Model):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="queues")
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    target_days = models.PositiveSmallIntegerField(
        _("target (days from submission, paused while the applicant is asked)"), default=20
    )

    class Meta:
        ordering = ["team", "name"]
        verbose_name = _("queue")
        verbose_name_plural = _("queues")

    def __str__(self) -> str:
        return self.name


class RoutingRule(models.Model):
    """Facts in, a queue out: the first active rule (by order) whose every condition holds.

    `conditions` maps a fact's name to what it must be: a list (the fact, or one of its
    values, is among them), a number (the fact is at least that) or true/false. An empty
    mapping matches every case (a State's last, catch-all rule). A rule never decides.
    """

    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=_("State"), on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=200)
    conditions = models.JSONField(_("conditions"), default=dict, blank=True)
    queue = models.ForeignKey(
        Queue, verbose_name=_("queue"), on_delete=models.PROTECT, related_name="rules"
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["jurisdiction", "order"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "order"], name="licensing_unique_routing_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"


class CaseFile(models.Model):
    """An application's casework: its queue, why it is there, and who has it."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="case_file"
    )
    queue = models.ForeignKey(
        Queue, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    rule = models.CharField(_("routing rule"), max_length=200, blank=True)
    facts = models.JSONField(_("facts routed on"), default=dict, blank=True)
    routed_at = models.DateTimeField(_("routed"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["application"]
        verbose_name = _("case file")
        verbose_name_plural = _("case files")

    def __str__(self) -> str:
        return f"{self.application_id} in {self.queue_id}"


class Question(models.Model):
    """An officer's question to the applicant; the case clock stops while it is open."""

    class State(models.TextChoices):
        OPEN = "open", _("Waiting for the applicant")
        ANSWERED = "answered", _("Answered")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="questions"
    )
    text = models.TextField(_("question"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField(_("asked"))
    reply_due = models.DateField(_("reply due by"))
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.OPEN)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        ordering = ["application", "asked_at", "pk"]
        verbose_name = _("question to the applicant")
        verbose_name_plural = _("questions to the applicant")

    def __str__(self) -> str:
        return f"{self.application_id} question #{self.pk}"


class CountersignStep(models.Model):
    """One step of a State's countersigning chain: a countersigner of `team` signs."""

    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=_("State"), on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="+"
    )
    label = models.CharField(_("label"), max_length=200)

    class Meta:
        ordering = ["jurisdiction", "order"]
        verbose_name = _("countersigning step")
        verbose_name_plural = _("countersigning steps")
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "order"], name="licensing_unique_countersign_step"
            )
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.label}"


class Advice(models.Model):
    """The officer's draft decision, countersigned before it may be issued."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="advice")
    outcome = models.CharField(_("outcome"), max_length=20)
    reasons = models.JSONField(_("reasons"), default=list)
    conditions = models.JSONField(_("conditions"), default=list, blank=True)
    cited = models.JSONField(_("criteria cited"), default=list, blank=True)
    justification = models.TextField(_("justification"), blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    drafted_at = models.DateTimeField(_("drafted"))
    needs = models.JSONField(_("why it must be countersigned"), default=list, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.DRAFT)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["application", "-drafted_at", "-pk"]
        verbose_name = _("advice")
        verbose_name_plural = _("advice")

    def __str__(self) -> str:
        return f"{self.application_id} advice v{self.version}: {self.outcome}"


class Countersignature(models.Model):
    advice = models.ForeignKey(Advice, on_delete=models.CASCADE, related_name="countersignatures")
    step = models.PositiveSmallIntegerField(_("step"))
    label = models.CharField(_("step"), max_length=200)
    advice_version = models.PositiveIntegerField(_("advice version signed"))
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed"))
    comment = models.TextField(_("comment"), blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_because = models.CharField(_("cancelled because"), max_length=300, blank=True)

    class Meta:
        ordering = ["advice", "step", "signed_at"]
        verbose_name = _("countersignature")
        verbose_name_plural = _("countersignatures")

    def __str__(self) -> str:
        return f"{self.advice_id} step {self.step} by {self.signer_id}"
