"""Witnessing: the logs this instance watches, and the witnesses that watch its own.

Rows are written only by `witness.actions`. Everything here is public by design: the
point of a witness is that anyone can see what it signed and what it caught.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WitnessedLog(models.Model):
    """Another instance's log that this one checks and cosigns (`oversight witness add`)."""

    url = models.CharField(_("address"), max_length=200, unique=True)
    origin = models.CharField(_("origin"), max_length=200)
    key = models.CharField(_("pinned verifier key"), max_length=300)
    added_at = models.DateTimeField(_("added"), default=timezone.now)
    # The largest checkpoint seen that extends every one before it.
    size = models.PositiveBigIntegerField(_("tree size"), null=True, blank=True)
    root = models.CharField(_("root hash"), max_length=44, blank=True)
    checkpoint = models.TextField(_("signed checkpoint"), blank=True)
    checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    error = models.CharField(_("last error"), max_length=500, blank=True)
    forked = models.BooleanField(_("fork detected"), default=False)

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.origin


class Cosignature(models.Model):
    """This instance's cosignature of a checkpoint of a witnessed log."""

    log = models.ForeignKey(WitnessedLog, on_delete=models.CASCADE, related_name="cosignatures")
    size = models.PositiveBigIntegerField(_("tree size"))
    root = models.CharField(_("root hash"), max_length=44)
    timestamp = models.PositiveBigIntegerField(_("time (POSIX)"))
    line = models.CharField(_("signature line"), max_length=400)
    note = models.TextField(_("cosigned checkpoint"))

    class Meta:
        ordering = ["-size"]
        constraints = [
            models.UniqueConstraint(
                fields=["log", "size", "root"], name="one_cosignature_per_tree"
            )
        ]

    def __str__(self) -> str:
        return f"{self.log_id} at size {self.size}"


class Fork(models.Model):
    """Evidence that a witnessed log signed two histories: both signed checkpoints."""

    log = models.ForeignKey(WitnessedLog, on_delete=models.CASCADE, related_name="forks")
    detected_at = models.DateTimeField(_("detected"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=500)
    seen = models.TextField(_("checkpoint seen before"))
    found = models.TextField(_("conflicting checkpoint"))

    class Meta:
        ordering = ["-detected_at"]
        constraints = [models.UniqueConstraint(fields=["log", "found"], name="one_fork_per_note")]

    def __str__(self) -> str:
        return f"fork of {self.log_id}: {self.reason}"


class Cosigner(models.Model):
    """A witness of this instance's log, whose cosignatures it collects and shows."""

    url = models.CharField(_("address"), max_length=200, unique=True)
    name = models.CharField(_("name"), max_length=200)
    key = models.CharField(_("pinned cosigner key"), max_length=300)
    added_at = models.DateTimeField(_("added"), default=timezone.now)
    checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    error = models.CharField(_("last error"), max_length=500, blank=True)

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.name


class ReceivedCosignature(models.Model):
    """A cosignature a witness made of one of this instance's checkpoints (verified)."""

    cosigner = models.ForeignKey(Cosigner, on_delete=models.CASCADE, related_name="received")
    size = models.PositiveBigIntegerField(_("tree size"))
    root = models.CharField(_("root hash"), max_length=44)
    timestamp = models.PositiveBigIntegerField(_("time (POSIX)"))
    line = models.CharField(_("signature line"), max_length=400)

    class Meta:
        ordering = ["-size"]
        constraints = [
            models.UniqueConstraint(
                fields=["cosigner", "size", "root"], name="one_received_cosignature_per_tree"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cosigner_id} at size {self.size}"
