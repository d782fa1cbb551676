"""Proposals, their structured impact report and the three tests of 66(b); meetings, the
analysis of the public comment, votes and the decision."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from oversight.procurement.models.body import Membership, OversightBody
from oversight.registry.models import Organisation, Technology


class Kind(models.TextChoices):
    ACQUISITION = "acquisition", _("Acquisition")
    NEW_USE = "new_use", _("New use of a technology already held")
    DATA_SHARING = "data_sharing", _("Data-sharing agreement")
    FUNDING = "funding", _("Accepting funds or a donation")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONSULTATION = "consultation", _("Open for public comment")
    DELIBERATION = "deliberation", _("Before the oversight body")
    APPROVED = "approved", _("Approved")
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", _("Approved with conditions")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


MACHINE: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.CONSULTATION, Status.WITHDRAWN}),
    Status.CONSULTATION: frozenset({Status.DELIBERATION, Status.WITHDRAWN}),
    Status.DELIBERATION: frozenset(
        {Status.APPROVED, Status.APPROVED_WITH_CONDITIONS, Status.REJECTED, Status.WITHDRAWN}
    ),
}

# The impact report's sections, in the order the report reads (field, label).
SECTIONS: tuple[tuple[str, StrOrPromise], ...] = (
    ("purpose", _("Purpose, and the problem it addresses")),
    ("how_it_works", _("How the technology works")),
    ("data_retention", _("Data collected, retention and deletion")),
    ("sharing", _("Who it is shared with")),
    ("accuracy_bias", _("Accuracy and known bias")),
    ("equity", _("Affected communities and equity")),
    ("fiscal_cost", _("Fiscal cost, over the whole life")),
    ("alternatives", _("Alternatives considered")),
    ("laws", _("The laws that apply")),
)
# The three tests of 66(b), each with its reasoning.
TESTS: tuple[tuple[str, StrOrPromise], ...] = (
    ("legality_citation", _("Legality: the law or rule that permits the use, cited precisely")),
    ("legality_reasoning", _("Legality: why that law permits this use")),
    ("necessity_reasoning", _("Necessity and proportionality: why less intrusive means fail")),
    ("legitimate_aim", _("Legitimate aim")),
    ("aim_reasoning", _("Legitimate aim: how the use serves it")),
)


class ProposalQuerySet(models.QuerySet["Proposal"]):
    def public(self) -> "ProposalQuerySet":
        """Every proposal past its draft: submitted proposals are public."""
        return self.exclude(status=Status.DRAFT)

    def of_agency(self, agency_ids: object) -> "ProposalQuerySet":
        return self.filter(agency_id__in=agency_ids)

    def before_body(self, organisation_ids: object) -> "ProposalQuerySet":
        return self.public().filter(body__organisation_id__in=organisation_ids)


class Proposal(models.Model):
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    status = models.CharField(_("status"), max_length=30, choices=Status, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=0)
    agency = models.ForeignKey(
        Organisation, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    body = models.ForeignKey(
        OversightBody, verbose_name=_("oversight body"), on_delete=models.PROTECT
    )
    technology = models.ForeignKey(
        Technology, verbose_name=_("technology"), on_delete=models.PROTECT, related_name="+"
    )
    supplier = models.ForeignKey(
        Organisation,
        verbose_name=_("supplier or donor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    holding = models.ForeignKey(
        "procurement.Holding",
        verbose_name=_("inventory entry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    origin = models.CharField(_("origin"), max_length=30, default="unknown")
    origin_reference = models.CharField(_("origin reference"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=300)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    # The impact report.
    purpose = models.TextField(_("purpose, and the problem it addresses"), blank=True)
    how_it_works = models.TextField(_("how the technology works"), blank=True)
    data_retention = models.TextField(_("data collected, retention and deletion"), blank=True)
    sharing = models.TextField(_("who it is shared with"), blank=True)
    shared_with = models.ManyToManyField(
        Organisation, verbose_name=_("shared with"), blank=True, related_name="+"
    )
    accuracy_bias = models.TextField(_("accuracy and known bias"), blank=True)
    equity = models.TextField(_("affected communities and equity"), blank=True)
    fiscal_cost = models.TextField(_("fiscal cost, over the whole life"), blank=True)
    alternatives = models.TextField(_("alternatives considered"), blank=True)
    laws = models.TextField(_("the laws that apply"), blank=True)
    # The three tests of 66(b).
    legality_citation = models.CharField(_("law permitting the use"), max_length=500, blank=True)
    legality_reasoning = models.TextField(_("legality: reasoning"), blank=True)
    necessity_reasoning = models.TextField(_("necessity and proportionality"), blank=True)
    legitimate_aim = models.CharField(_("legitimate aim"), max_length=300, blank=True)
    aim_reasoning = models.TextField(_("legitimate aim: reasoning"), blank=True)
    # Fields withheld from publication, each with its reason: [{"field": …, "reason": …}].
    withheld = models.JSONField(_("withheld"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    flags = models.JSONField(_("review flags"), default=list, blank=True)
    flagged_for_review = models.BooleanField(_("flagged for review"), default=False)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    @property
    def is_decided(self) -> bool:
        return self.status in (
            Status.APPROVED,
            Status.APPROVED_WITH_CONDITIONS,
            Status.REJECTED,
        )


class Meeting(models.Model):
    """A public meeting or hearing on a proposal."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="meetings")
    held_at = models.DateTimeField(_("held at"))
    place = models.CharField(_("place"), max_length=300)
    attendance = models.PositiveIntegerField(_("attendance"))
    summary = models.TextField(_("summary of what was said"))
    minutes = models.TextField(_("minutes"))

    class Meta:
        ordering = ["held_at"]

    def __str__(self) -> str:
        return f"{self.place}, {self.held_at:%Y-%m-%d}"


class CommentAnalysis(models.Model):
    """The body's response to the public comment, by theme, naming the comments considered.

    `themes` is [{"theme": …, "response": …, "comments": [comment id, …]}].
    """

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="analysis")
    themes = models.JSONField(_("themes"), default=list)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Analysis of the comment on {self.proposal_id}"


class VoteChoice(models.TextChoices):
    APPROVE = "approve", _("Approve")
    APPROVE_WITH_CONDITIONS = "approve_with_conditions", _("Approve with conditions")
    REJECT = "reject", _("Reject")
    ABSTAIN = "abstain", _("Abstain")
    RECUSED = "recused", _("Recused")


class Vote(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="votes")
    choice = models.CharField(_("vote"), max_length=30, choices=VoteChoice)
    conflict = models.TextField(_("declared conflict of interest"), blank=True)
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["member__name"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "member"], name="one_vote_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.choice}"


class Outcome(models.TextChoices):
    APPROVE = "approve", _("Approve")
    APPROVE_WITH_CONDITIONS = "approve_with_conditions", _("Approve with conditions")
    REJECT = "reject", _("Reject")


class Decision(models.Model):
    """The outcome with its reasons, and the body's finding on each test of 66(b)."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome)
    reasons = models.TextField(_("reasons"))
    conditions = models.TextField(_("conditions"), blank=True)
    legality_met = models.BooleanField(_("legality met"))
    necessity_met = models.BooleanField(_("necessity and proportionality met"))
    aim_met = models.BooleanField(_("legitimate aim met"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.outcome}"
