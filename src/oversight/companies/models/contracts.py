"""Customer contracts and the clauses they carry (A/HRC/41/35, para. 67(b)).

The clause library is reference data (`Clause`, stable codes). A contract records the
customer (confidential: never public), the destination, the product and the clauses it
carries; only the clause coverage per product and destination is public.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from oversight.registry.models import Jurisdiction, Organisation, Technology


class Clause(models.TextChoices):
    """The clause library; the codes are stored: never change one."""

    PROHIBITED_CUSTOMISATION = "prohibited_customisation", _("Prohibited customisation")
    PROHIBITED_TARGETING = "prohibited_targeting", _("Prohibited targeting")
    PROHIBITED_SERVICING = "prohibited_servicing", _("Prohibited servicing")
    PROHIBITED_USE = (
        "prohibited_use",
        _("Prohibited use against international human rights law"),
    )
    AUDIT_RIGHTS = "audit_rights", _("Audit rights")
    SUSPENSION = "suspension", _("Suspension and termination on misuse")
    END_USE_REPORTING = "end_use_reporting", _("End-use reporting")


# What every contract to a destination must carry for the UNGP check to hold.
REQUIRED_CLAUSES: tuple[str, ...] = (
    Clause.PROHIBITED_USE,
    Clause.AUDIT_RIGHTS,
    Clause.SUSPENSION,
)


def validate_clauses(value: object) -> None:
    if not isinstance(value, list) or any(code not in Clause.values for code in value):
        raise ValidationError(_("Choose clauses from the clause library."))


class CustomerContractQuerySet(models.QuerySet["CustomerContract"]):
    def for_product_to(
        self, technology: Technology, destination: str
    ) -> "CustomerContractQuerySet":
        """A company's contracts for one product to one country (its ISO code)."""
        return self.filter(technology=technology, destination_id=destination)


class CustomerContract(models.Model):
    company = models.ForeignKey(
        Organisation, verbose_name=_("company"), on_delete=models.PROTECT, related_name="+"
    )
    technology = models.ForeignKey(
        Technology, verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    customer = models.CharField(_("customer (confidential)"), max_length=300)
    destination = models.ForeignKey(
        Jurisdiction, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    signed_on = models.DateField(_("date"))
    clauses = models.JSONField(_("clauses"), default=list, validators=[validate_clauses])
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CustomerContractQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "-pk"]
        verbose_name = _("customer contract")
        verbose_name_plural = _("customer contracts")

    def __str__(self) -> str:
        return f"Contract #{self.pk} of {self.company}"

    @property
    def clause_labels(self) -> list[str]:
        return [str(Clause(code).label) for code in self.clauses if code in Clause.values]


class ClauseCoverage(models.Model):
    """How many of a company's contracts for one product to one country carry each clause:
    the public face of the contract register (the customers stay confidential). Kept by
    the action that registers a contract, in its transaction."""

    company = models.ForeignKey(
        Organisation, verbose_name=_("company"), on_delete=models.PROTECT, related_name="+"
    )
    technology = models.ForeignKey(
        Technology, verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    destination = models.ForeignKey(
        Jurisdiction, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    contracts = models.PositiveIntegerField(_("contracts"), default=0)
    carrying = models.JSONField(_("contracts carrying each clause"), default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["company_id", "technology_id", "destination_id"]
        verbose_name = _("clause coverage")
        verbose_name_plural = _("clause coverage")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "technology", "destination"],
                name="companies_one_coverage_per_product_and_country",
            )
        ]

    def __str__(self) -> str:
        return f"Clause coverage of {self.technology} to {self.destination_id}"

    def missing(self) -> list[str]:
        """The required clauses that some contract lacks."""
        return [c for c in REQUIRED_CLAUSES if self.carrying.get(c, 0) < self.contracts]
