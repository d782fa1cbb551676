"""Reference data: jurisdictions, organisations, technologies, control entries, transfers."""

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from oversight.registry.rules import Moratorium


class JurisdictionQuerySet(models.QuerySet["Jurisdiction"]):
    def wassenaar(self) -> "JurisdictionQuerySet":
        return self.filter(wassenaar_participant=True)

    def search(self, text: str) -> "JurisdictionQuerySet":
        return self.filter(Q(name__icontains=text) | Q(code__iexact=text))


class Jurisdiction(models.Model):
    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country or territory (ISO 3166-1)")
        SUBDIVISION = "subdivision", _("State, province or region")
        CITY = "city", _("City or municipality")

    class Safeguards(models.TextChoices):
        NONE = "none", _("None")
        IN_PREPARATION = "in_preparation", _("In preparation")
        CERTIFIED = "certified", _("Certified")

    class MoratoriumScope(models.TextChoices):
        EXPORT = "export", _("Export")
        SALE = "sale", _("Sale")
        TRANSFER = "transfer", _("Transfer")
        USE = "use", _("Use")
        SERVICING = "servicing", _("Servicing")

    code = models.CharField(_("code"), max_length=16, primary_key=True)
    name = models.CharField(_("name"), max_length=200)
    official_name = models.CharField(_("official name"), max_length=300, blank=True)
    alpha3 = models.CharField(_("ISO alpha-3"), max_length=3, blank=True)
    numeric = models.CharField(_("ISO numeric"), max_length=3, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.COUNTRY)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.PROTECT
    )
    wassenaar_participant = models.BooleanField(
        _("Wassenaar Arrangement participant"), default=False
    )
    wassenaar_joined = models.PositiveSmallIntegerField(
        _("joined Wassenaar"), null=True, blank=True
    )
    moratorium_in_force = models.BooleanField(
        _("moratorium on privately developed surveillance tools in force"), default=False
    )
    moratorium_since = models.DateField(_("moratorium since"), null=True, blank=True)
    moratorium_scope = models.JSONField(
        _("moratorium scope"),
        default=list,
        blank=True,
        help_text=_("Any of: export, sale, transfer, use, servicing."),
    )
    moratorium_reference = models.URLField(_("moratorium reference"), blank=True)
    safeguards_status = models.CharField(
        _("safeguards regime"), max_length=20, choices=Safeguards, default=Safeguards.NONE
    )
    safeguards_since = models.DateField(_("safeguards status since"), null=True, blank=True)
    safeguards_evidence = models.URLField(_("safeguards evidence"), blank=True)

    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")

    def __str__(self) -> str:
        return self.name

    def moratorium_facts(self) -> Moratorium:
        """What the moratorium rule (`registry.rules.moratorium`) needs of this row."""
        return Moratorium(
            jurisdiction=self.code,
            name=self.name,
            in_force=self.moratorium_in_force,
            activities=frozenset(self.moratorium_scope or ()),
            since=self.moratorium_since,
            safeguards_certified=self.safeguards_status == self.Safeguards.CERTIFIED,
        )


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def companies(self) -> "OrganisationQuerySet":
        return self.filter(kind=Organisation.Kind.COMPANY)

    def search(self, text: str) -> "OrganisationQuerySet":
        return self.filter(Q(name__icontains=text) | Q(aliases_text__icontains=text))


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        AGENCY = "agency", _("Government agency")
        END_USER = "end_user", _("End user")
        NGO = "ngo", _("Non-governmental organisation")
        OVERSIGHT_BODY = "oversight_body", _("Oversight body")
        AUDITOR = "auditor", _("Auditor")
        UN_BODY = "un_body", _("United Nations body")

    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    name = models.CharField(_("legal name"), max_length=300)
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    aliases_text = models.TextField(editable=False, blank=True)  # for search
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("jurisdiction"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    identifiers = models.JSONField(
        _("identifiers"), default=dict, blank=True, help_text=_('e.g. {"lei": "…"}')
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.aliases_text = "\n".join(self.aliases)
        if "update_fields" in kwargs and "aliases" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "aliases_text"}
        super().save(*args, **kwargs)


class Category(models.TextChoices):
    """The surveillance-technology taxonomy."""

    INTRUSION = "intrusion", _("Intrusion software / spyware")
    MOBILE_INTERCEPTION = "mobile_interception", _("Mobile interception / IMSI catchers")
    NETWORK = "network", _("IP network surveillance / deep packet inspection")
    LAWFUL_INTERCEPTION = "lawful_interception", _("Lawful interception and monitoring centres")
    DATA_RETENTION = "data_retention", _("Data retention")
    LOCATION = "location", _("Location tracking")
    FORENSICS = "forensics", _("Device forensics")
    BIOMETRICS = "biometrics", _("Biometrics and facial recognition")
    SOCIAL_MEDIA = "social_media", _("Social media monitoring")
    ENCRYPTION = "encryption", _("Encryption / information security")
    OTHER = "other", _("Other surveillance technology")


class ControlEntry(models.Model):
    """An entry of a control list, e.g. Wassenaar 5.A.2 or the UK's ML10."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    short_description = models.CharField(_("short description"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    military = models.BooleanField(_("military list"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("control-list entry")
        verbose_name_plural = _("control-list entries")

    def __str__(self) -> str:
        return self.code


class TechnologyQuerySet(models.QuerySet["Technology"]):
    def published(self) -> "TechnologyQuerySet":
        return self.filter(published=True)


class Technology(models.Model):
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    name = models.CharField(_("name"), max_length=200)
    vendor = models.ForeignKey(
        Organisation,
        verbose_name=_("vendor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="technologies",
    )
    category = models.CharField(_("category"), max_length=30, choices=Category)
    control_entries = models.ManyToManyField(
        ControlEntry, verbose_name=_("control-list entries"), blank=True
    )
    # The codes of `control_entries`, kept by `registry.actions` for the public schema.
    control_codes = models.JSONField(_("control-list entries"), default=list, editable=False)
    privately_developed = models.BooleanField(_("privately developed"), default=True)
    encryption_only = models.BooleanField(
        _("encryption / information-security item only"), default=False
    )
    description = models.TextField(_("description"), blank=True)
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Drafts are seen only by the vendor's members.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TechnologyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("technology")
        verbose_name_plural = _("technologies")

    def __str__(self) -> str:
        return self.name


class TransferQuerySet(models.QuerySet["Transfer"]):
    def published(self) -> "TransferQuerySet":
        return self.filter(published=True)


class Transfer(models.Model):
    """A known sale or transfer of surveillance technology (supplier → recipient)."""

    class Completed(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        UNKNOWN = "unknown", _("Unknown")

    class Basis(models.TextChoices):
        OPEN_SOURCE = "open_source", _("Open sources")
        EXPORT_DATA = "export_data", _("Export data")
        OFFICIAL = "official", _("Recorded by an authority")

    external_id = models.CharField(_("external id"), max_length=200, unique=True)
    title = models.CharField(_("title"), max_length=300)
    supplier = models.ForeignKey(
        Organisation,
        verbose_name=_("supplier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers_supplied",
    )
    supplier_jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("supplier's country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers_out",
    )
    recipient_jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("recipient country"),
        on_delete=models.PROTECT,
        related_name="transfers_in",
    )
    end_user = models.ForeignKey(
        Organisation,
        verbose_name=_("end user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transfers_received",
    )
    end_user_text = models.CharField(_("end user as reported"), max_length=500, blank=True)
    supplier_country_text = models.CharField(
        _("supplier's country as reported"), max_length=200, blank=True
    )
    recipient_country_text = models.CharField(
        _("recipient country as reported"), max_length=200, blank=True
    )
    goods = models.JSONField(_("goods as reported"), default=list, blank=True)
    categories = models.JSONField(_("technology categories"), default=list, blank=True)
    # " intrusion network " — denormalised so that one filter works on SQLite and PostgreSQL.
    categories_text = models.CharField(max_length=300, editable=False, blank=True)
    year = models.PositiveSmallIntegerField(_("order year"), null=True, blank=True)
    year_text = models.CharField(
        _("order year as reported"),
        max_length=50,
        blank=True,
        help_text=_("When the source gives no exact year, e.g. “mid-2000s”."),
    )
    completed = models.CharField(
        _("reported as complete"), max_length=10, choices=Completed, default=Completed.UNKNOWN
    )
    basis = models.CharField(_("basis"), max_length=20, choices=Basis, default=Basis.OPEN_SOURCE)
    sources = models.TextField(_("sources"), blank=True)
    source_links = models.JSONField(_("source links"), default=list, blank=True)
    dataset = models.CharField(_("dataset"), max_length=50, blank=True)
    published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Unpublished records are seen only by officers of the supplier's country."),
    )

    objects = TransferQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.categories_text = f" {' '.join(self.categories)} " if self.categories else ""
        if "update_fields" in kwargs and "categories" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "categories_text"}
        super().save(*args, **kwargs)


class LicenceStatistic(models.Model):
    """One line of published export licence statistics (e.g. the UK's SIELs)."""

    external_id = models.CharField(_("external id"), max_length=100, unique=True)
    dataset = models.CharField(_("dataset"), max_length=50)
    licensing_jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("licensing country"),
        on_delete=models.PROTECT,
        related_name="licence_statistics_issued",
    )
    licence_group = models.CharField(_("licence group"), max_length=50)
    decided_on = models.DateField(_("decided on"))
    control_entry = models.ForeignKey(
        ControlEntry, verbose_name=_("rating"), on_delete=models.PROTECT
    )
    destination = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("destination"),
        on_delete=models.PROTECT,
        related_name="licence_statistics_received",
    )
    destination_text = models.CharField(_("destination as reported"), max_length=200, blank=True)
    count = models.PositiveIntegerField(_("licences"), default=1)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="GBP")
    refused = models.BooleanField(_("refused"), default=False)

    class Meta:
        ordering = ["-decided_on", "licence_group"]
        verbose_name = _("licence statistic")
        verbose_name_plural = _("licence statistics")

    def __str__(self) -> str:
        return f"{self.licence_group} {self.control_entry_id} → {self.destination_id}"
