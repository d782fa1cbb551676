"""One row per periodic job and due slot: the unique key that lets only one worker run it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobRun(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    job = models.CharField(_("job"), max_length=100)
    slot = models.DateTimeField(_("due slot"))
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.QUEUED)
    queued_at = models.DateTimeField(_("queued"))
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    result = models.JSONField(_("result"), default=dict)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-slot", "job"]
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="ops_one_run_per_job_and_slot")
        ]
        indexes = [models.Index(fields=["job", "-slot"])]

    def __str__(self) -> str:
        return f"{self.job} {self.slot:%Y-%m-%d %H:%M}"


class OutgoingMail(models.Model):
    """One e-mail on its way: written in the transaction of the action that sends it, so
    none goes out for a change rolled back and none is lost for one kept; delivered by the
    worker (`actions.deliver_mail`), retried on failure. The recipients, subject and body
    are wiped once it is sent or given up: the outbox is not a list of addresses."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        SENT = "sent", _("sent")
        FAILED = "failed", _("given up")

    purpose = models.CharField(_("purpose"), max_length=60)  # e.g. "grievances.message"
    to = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("body"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.CharField(_("last error"), max_length=100, blank=True)  # a class name only
    queued_at = models.DateTimeField(_("queued"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-queued_at"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["state", "queued_at"])]

    def __str__(self) -> str:
        return f"mail #{self.pk} ({self.purpose}, {self.state})"  # never an address
