"""Grievances: channels, encrypted reports, their timeline, files, remedies and keys.

Columns named `*_box` hold ciphertext only (see crypto.py). Plain columns hold only
what routing, deadlines, retention and the statistics need: channel, status, dates,
consents, and the optional country and technology category picked from lists.
"""

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oversight.registry.models import Category, Jurisdiction, Organisation, Technology


class Destination(models.TextChoices):
    """Who a report may go to, each needing the complainant's consent."""

    COMPANY = "company", _("The company concerned")
    STATE = "state", _("The State's oversight body")
    UN = "un", _("The UN working group")


class ChannelQuerySet(models.QuerySet["Channel"]):
    def accepting(self) -> "ChannelQuerySet":
        """Open to reports: a recovery key, and a handler who holds the channel key to read."""
        return self.filter(accepting=True).exclude(escrow_public_key=b"").exclude(reading_key=b"")


class Channel(models.Model):
    """An inbox owned by an organisation; its handlers hold the grievance-handler role there."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT
    )
    kind = models.CharField(_("receives reports as"), max_length=10, choices=Destination)
    is_default = models.BooleanField(_("default channel of /report/"), default=False)
    accepting = models.BooleanField(_("accepting reports"), default=True)
    retention_days = models.PositiveIntegerField(_("days kept after closure"), default=365)
    response_days = models.PositiveIntegerField(_("days to respond"), default=30)
    escrow_public_key = models.BinaryField(_("recovery (escrow) public key"), default=b"")
    # The public half of the channel's key; its private half exists only in ChannelKeyShares.
    reading_key = models.BinaryField(_("channel public key"), default=b"")

    objects = ChannelQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SiteSalt(models.Model):
    """The site-wide salt of receipt lookups (one row), like GlobaLeaks' tenant salt."""

    salt = models.BinaryField()

    def __str__(self) -> str:
        return "site salt"

    @classmethod
    def current(cls) -> bytes:
        row, _ = cls.objects.get_or_create(pk=1, defaults={"salt": secrets.token_bytes(32)})
        return bytes(row.salt)


class HandlerKey(models.Model):
    """A handler's key pair; the private half is locked under their password's Argon2id key."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grievance_key"
    )
    public_key = models.BinaryField()
    private_box = models.BinaryField()
    kdf_salt = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"key of {self.user_id}"


class Status(models.TextChoices):
    RECEIVED = "received", _("Received, waiting to be read")
    ADMISSIBLE = "admissible", _("Accepted for investigation")
    OUT_OF_SCOPE = "out_of_scope", _("Out of scope (reason sent)")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", _("Substantiated")
    NOT_SUBSTANTIATED = "not_substantiated", _("Not substantiated")
    RESOLVED = "resolved", _("Resolved by remedy")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReportQuerySet(models.QuerySet["Report"]):
    def in_channels(self, channels: models.QuerySet[Channel]) -> "ReportQuerySet":
        return self.filter(assignments__channel__in=channels).distinct()

    def open(self) -> "ReportQuerySet":
        return self.filter(status__in=[Status.RECEIVED, Status.ADMISSIBLE])

    def overdue(self) -> "ReportQuerySet":
        return self.open().filter(due_at__lt=timezone.now())

    def expired(self) -> "ReportQuerySet":
        return self.filter(purge_after__lte=timezone.now())


def new_reference() -> str:
    """A short staff-facing reference; it is not a secret and opens nothing."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "G-" + "".join(secrets.choice(alphabet) for _ in range(8))


class Report(models.Model):
    reference = models.CharField(max_length=12, unique=True, default=new_reference)
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="reports")
    lookup = models.BinaryField(unique=True)  # Argon2id(receipt, site salt), first half
    form_nonce = models.CharField(max_length=64, unique=True)  # idempotency of the submit
    public_key = models.BinaryField()
    receipt_box = models.BinaryField()  # private key, locked under the receipt's key
    retry_box = models.BinaryField(default=b"")  # receipt under the form nonce, for one hour
    answers_box = models.BinaryField()  # all answers, sealed to the report
    identity_box = models.BinaryField(default=b"")  # sealed to the channel's escrow key only
    country = models.ForeignKey(Jurisdiction, null=True, blank=True, on_delete=models.SET_NULL)
    category = models.CharField(max_length=30, choices=Category, blank=True)
    consents = models.JSONField(default=list)  # Destination values, plus "publish"
    contact_by_email = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status, default=Status.RECEIVED)
    outcome = models.CharField(max_length=20, choices=Outcome, blank=True)
    concerns = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL)
    concerns_technology = models.ForeignKey(
        Technology, null=True, blank=True, on_delete=models.SET_NULL
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    remedied_at = models.DateTimeField(null=True, blank=True)
    purge_after = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_overdue(self) -> bool:
        return self.status in (Status.RECEIVED, Status.ADMISSIBLE) and self.due_at < timezone.now()

    def close_clock(self, now: datetime) -> None:
        self.closed_at = now
        self.purge_after = now + timedelta(days=self.channel.retention_days)


class Assignment(models.Model):
    """A channel a report is in: where it was sent, or routed to with consent."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="assignments")
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="assignments")
    escrow_box = models.BinaryField()  # report private key sealed to the channel's escrow key
    reading_box = models.BinaryField(default=b"")  # report private key sealed to the channel key
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "channel"], name="one_assignment_each")
        ]

    def __str__(self) -> str:
        return f"{self.report_id} in {self.channel_id}"


class ChannelKeyShare(models.Model):
    """The channel's private key sealed to one handler's public key: it opens every report
    of the channel. The first handler to unlock makes the key; a holder admits the others."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="key_shares")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="channel_key_shares"
    )
    sealed_to = models.BinaryField()  # the handler public key it was sealed to
    box = models.BinaryField()
    admitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    admitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["channel", "user"], name="one_channel_share_each")
        ]

    def __str__(self) -> str:
        return f"key of channel {self.channel_id} for {self.user_id}"


class KeyShare(models.Model):
    """A report's private key sealed to one handler (before channel keys): read, never written."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="shares")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    sealed_to = models.BinaryField()  # the handler public key it was sealed to
    box = models.BinaryField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "user"], name="one_share_each")]

    def __str__(self) -> str:
        return f"share of {self.report_id} for {self.user_id}"


class Entry(models.Model):
    class Kind(models.TextChoices):
        FROM_COMPLAINANT = "from_complainant", _("Message from the complainant")
        TO_COMPLAINANT = "to_complainant", _("Message to the complainant")
        NOTE = "note", _("Investigation note (staff only)")
        STEP = "step", _("What happened to the report")  # triage, routing, remedy, closure

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=20, choices=Kind)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    body_box = models.BinaryField()
    nonce = models.CharField(max_length=64, unique=True, null=True)  # noqa: DJ001 - idempotency; many NULLs
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} on {self.report_id}"


class EvidenceFile(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="files")
    stored_name = models.CharField(max_length=64, unique=True)  # random; file store path
    key_box = models.BinaryField()  # the file's stream key, sealed to the report
    meta_box = models.BinaryField()  # {"name", "type", "cleaned", "original"} sealed
    size = models.PositiveBigIntegerField()  # ciphertext size on disk
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"file {self.pk} of {self.report_id}"


class RemedyKind(models.TextChoices):
    APOLOGY = "apology", _("Apology")
    CESSATION = "cessation", _("Cessation of the surveillance")
    DELETION = "deletion", _("Deletion of data")
    COMPENSATION = "compensation", _("Compensation")
    RESTITUTION = "restitution", _("Restitution")
    REHABILITATION = "rehabilitation", _("Rehabilitation")
    NON_REPETITION = "non_repetition", _("Guarantee of non-repetition")
    OTHER = "other", _("Other")


class RemedyStatus(models.TextChoices):
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    PROVIDED = "provided", _("Provided")
    REFUSED = "refused", _("Refused")


class Remedy(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="remedies")
    kind = models.CharField(max_length=20, choices=RemedyKind)
    status = models.CharField(max_length=10, choices=RemedyStatus, default=RemedyStatus.OFFERED)
    detail_box = models.BinaryField(default=b"")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.kind} ({self.status})"


class IdentityRequest(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for the custodian")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="identity_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    reason_box = models.BinaryField()  # sealed to the channel's escrow key: the custodian reads it
    state = models.CharField(max_length=10, choices=State, default=State.PENDING)
    identity_box = models.BinaryField(default=b"")  # sealed to the requester once approved
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"identity request {self.pk} ({self.state})"


class Statistic(models.Model):
    """A published count, rebuilt daily; counts under the threshold are suppressed."""

    dimension = models.CharField(_("dimension"), max_length=30)
    value = models.CharField(_("value"), max_length=100)
    label = models.CharField(_("label"), max_length=200)
    reports = models.PositiveIntegerField(_("reports"), null=True, blank=True)
    suppressed = models.BooleanField(_("suppressed (too few to show)"), default=False)
    computed_on = models.DateField(_("computed on"))

    class Meta:
        ordering = ["dimension", "value"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "value"], name="one_statistic_each")
        ]

    def __str__(self) -> str:
        return f"{self.dimension}={self.value}"
