"""An export licence application: the exporter's goods lines, parties and declarations."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from oversight.registry.models import ControlEntry, Jurisdiction, Organisation, Technology


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    SCREENING = "screening", _("Screened, awaiting consultation")
    RESEARCH_CHECK = "research_check", _("Research transfer awaiting an officer's confirmation")
    CONSULTATION = "consultation", _("Public consultation")
    REVIEW = "review", _("Human rights review")
    DECISION = "decision", _("Awaiting decision")
    ISSUED = "issued", _("Licence issued")
    REFUSED = "refused", _("Refused")
    EXEMPT = "exempt", _("No licence required")
    REGISTERED = "registered", _("Registered research transfer")
    BLOCKED = "blocked", _("Blocked by a moratorium")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    APPEAL = "appeal", _("Under appeal")


# Who may follow whom; every move goes through one function in `licensing.actions`.
MACHINE: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.SUBMITTED, Status.WITHDRAWN}),
    Status.SUBMITTED: frozenset({Status.SCREENING, Status.WITHDRAWN}),
    Status.SCREENING: frozenset(
        {
            Status.CONSULTATION,
            Status.EXEMPT,
            Status.RESEARCH_CHECK,
            Status.BLOCKED,
            Status.WITHDRAWN,
        }
    ),
    # An officer confirms the research safe harbour, or refuses it (back to screening).
    Status.RESEARCH_CHECK: frozenset({Status.REGISTERED, Status.SCREENING, Status.WITHDRAWN}),
    Status.CONSULTATION: frozenset({Status.REVIEW, Status.WITHDRAWN}),
    Status.REVIEW: frozenset({Status.DECISION, Status.WITHDRAWN}),
    Status.DECISION: frozenset(
        {Status.ISSUED, Status.REFUSED, Status.EXEMPT, Status.BLOCKED, Status.WITHDRAWN}
    ),
    Status.REFUSED: frozenset({Status.APPEAL}),
    Status.BLOCKED: frozenset({Status.APPEAL}),
    Status.APPEAL: frozenset({Status.DECISION, Status.REFUSED, Status.BLOCKED}),
}
OPEN = frozenset(
    {
        Status.SUBMITTED,
        Status.SCREENING,
        Status.RESEARCH_CHECK,
        Status.CONSULTATION,
        Status.REVIEW,
        Status.DECISION,
    }
)
FINAL = frozenset(
    {
        Status.ISSUED,
        Status.REFUSED,
        Status.EXEMPT,
        Status.REGISTERED,
        Status.BLOCKED,
        Status.WITHDRAWN,
    }
)


class ResearchPurpose(models.TextChoices):
    VULNERABILITY_RESEARCH = "vulnerability_research", _("Vulnerability research")
    COORDINATED_DISCLOSURE = "coordinated_disclosure", _("Coordinated disclosure")
    DEFENSIVE_TOOLING = "defensive_tooling", _("Defensive tooling")


class ApplicationQuerySet(models.QuerySet["Application"]):
    def for_exporters(self, organisations: Any) -> "ApplicationQuerySet":
        return self.filter(exporter__in=organisations)

    def lodged_in(self, jurisdictions: Any) -> "ApplicationQuerySet":
        """Applications an authority sees: submitted to it (drafts stay with the company)."""
        return self.filter(exporting_jurisdiction__in=jurisdictions).exclude(status=Status.DRAFT)

    def open(self) -> "ApplicationQuerySet":
        return self.filter(status__in=OPEN)


class Application(models.Model):
    reference = models.CharField(_("reference"), max_length=30, unique=True)
    exporter = models.ForeignKey(
        Organisation,
        verbose_name=_("exporter"),
        on_delete=models.PROTECT,
        related_name="licence_applications",
    )
    exporting_jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("exporting State"),
        on_delete=models.PROTECT,
        related_name="licence_applications_out",
    )
    destination = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("destination"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="licence_applications_in",
    )
    transit = models.JSONField(
        _("transit countries"),
        default=list,
        blank=True,
        help_text=_("Codes of the countries the goods pass through on the way."),
    )
    servicing = models.BooleanField(
        _("this is a servicing contract for a tool already delivered"), default=False
    )
    end_use = models.TextField(_("stated end use"), blank=True)
    end_use_statement = models.FileField(
        _("end-use statement"), upload_to="licensing/end-use/%Y/", blank=True
    )
    research_transfer = models.BooleanField(
        _("this is a good-faith security research transfer"), default=False
    )
    research_purpose = models.CharField(
        _("research purpose"), max_length=30, choices=ResearchPurpose, blank=True
    )
    research_description = models.TextField(_("research description"), blank=True)
    # An officer's reasons for refusing the safe harbour (empty: not refused).
    research_refusal = models.JSONField(
        _("reasons the research safe harbour was refused"), default=list, blank=True
    )
    declaration_accurate = models.BooleanField(
        _("I declare the information given is accurate and complete"), default=False
    )
    declaration_conditions = models.BooleanField(
        _("I undertake to comply with the licence conditions and to report misuse"),
        default=False,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(default=1)  # bumped on every move: stale forms fail
    flagged_for_review = models.BooleanField(_("flagged for review"), default=False)
    creation_key = models.CharField(max_length=64, blank=True, editable=False)
    submit_key = models.CharField(max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("licence application")
        verbose_name_plural = _("licence applications")
        constraints = [
            models.UniqueConstraint(
                fields=["exporter", "creation_key"],
                condition=~Q(creation_key=""),
                name="licensing_unique_creation_key",
            )
        ]

    def __str__(self) -> str:
        return self.reference


class GoodsLine(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="lines")
    number = models.PositiveSmallIntegerField(_("line"))
    technology = models.ForeignKey(
        Technology, verbose_name=_("technology"), on_delete=models.PROTECT, related_name="+"
    )
    control_entry = models.ForeignKey(
        ControlEntry,
        verbose_name=_("control-list entry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)

    class Meta:
        ordering = ["application", "number"]
        verbose_name = _("goods line")
        verbose_name_plural = _("goods lines")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"], name="licensing_unique_line_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id}/{self.number} {self.technology_id}"


class Party(models.Model):
    class Role(models.TextChoices):
        CONSIGNEE = "consignee", _("Consignee")
        END_USER = "end_user", _("End user")
        ULTIMATE_END_USER = "ultimate_end_user", _("Ultimate end user")
        INTERMEDIARY = "intermediary", _("Intermediary")

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        COMMERCIAL = "commercial", _("Commercial")
        INDIVIDUAL = "individual", _("Individual")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("role"), max_length=20, choices=Role)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("type"), max_length=12, choices=Kind)
    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation in the registry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="licence_parties",
    )
    address = models.CharField(_("address"), max_length=500, blank=True)

    class Meta:
        ordering = ["application", "role", "pk"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"


class ConfidentialField(models.Model):
    """A commercial field the applicant asks to withhold from the public notice, and why."""

    class Field(models.TextChoices):
        VALUES = "values", _("Values of the goods")
        QUANTITIES = "quantities", _("Quantities")
        CONSIGNEE = "consignee", _("Consignee")
        INTERMEDIARIES = "intermediaries", _("Intermediaries")
        PRODUCT_NAMES = "product_names", _("Product names")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="confidential_fields"
    )
    field = models.CharField(_("field"), max_length=20, choices=Field)
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["application", "field"]
        verbose_name = _("confidential field")
        verbose_name_plural = _("confidential fields")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "field"], name="licensing_unique_confidential_field"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.field}"
