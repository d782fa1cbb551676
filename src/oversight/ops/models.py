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
