"""Publication schemas of the registry: the public fields of each model, declared once."""

from typing import Any

from django.db.models import Model, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from oversight.core.publication import Filter, Link, Schema, register
from oversight.registry.models import (
    Category,
    ControlEntry,
    Jurisdiction,
    LicenceStatistic,
    Organisation,
    Technology,
    Transfer,
)

SII = "Privacy International, Surveillance Industry Index (via TransparencyToolkit/dataspec-sii)"
UK_SECD = (
    "UK Strategic Export Controls licensing statistics, compiled by Campaign Against Arms "
    "Trade (caatdata/uk-arms-export-data); Crown copyright, Open Government Licence v3.0"
)
ISO = "ISO 3166-1 via pycountry; Wassenaar Arrangement participating States (wassenaar.org)"


def _labels(model: type[Model], *names: str) -> dict[str, str]:
    """Column headings from the model's own verbose names, capitalised."""
    fields = {name: model._meta.get_field(name) for name in names}
    return {name: capfirst(str(getattr(f, "verbose_name", name))) for name, f in fields.items()}


def _choices(options: Any) -> Any:
    return lambda: [(str(value), str(label)) for value, label in options.choices]


def _countries(related: str, *, published_only: bool = False) -> Any:
    """Choices: the countries that appear in the public rows of a dataset (a reverse relation).

    Only published rows count, so a filter's choices never hint at an unpublished record.
    """
    condition = (
        {f"{related}__published": True} if published_only else {f"{related}__isnull": False}
    )

    def choices() -> list[tuple[str, str]]:
        rows = Jurisdiction.objects.filter(**condition).distinct()
        return [(code, name) for code, name in rows.values_list("code", "name")]

    return choices


def _published_technologies() -> QuerySet[Technology]:
    return Technology.objects.published().select_related("vendor")


def _published_transfers() -> QuerySet[Transfer]:
    return Transfer.objects.published()


def _vendors() -> list[tuple[str, str]]:
    rows = Organisation.objects.filter(technologies__published=True).distinct()
    return [(slug, name) for slug, name in rows.values_list("slug", "name")]


_JURISDICTION_FIELDS = (
    "code",
    "name",
    "official_name",
    "alpha3",
    "numeric",
    "kind",
    "wassenaar_participant",
    "wassenaar_joined",
    "moratorium_in_force",
    "moratorium_since",
    "moratorium_scope",
    "moratorium_reference",
    "safeguards_status",
    "safeguards_since",
    "safeguards_evidence",
)


def _ratings() -> list[tuple[str, str]]:
    rows = ControlEntry.objects.filter(licencestatistic__isnull=False).distinct()
    return [(code, code) for code in rows.values_list("code", flat=True)]


jurisdictions = register(
    Schema(
        name="jurisdictions",
        title=str(_("Jurisdictions")),
        description=str(
            _(
                "Countries and other jurisdictions, with their Wassenaar Arrangement "
                "participation, any moratorium on privately developed surveillance tools and "
                "the state of their safeguards regime."
            )
        ),
        queryset=Jurisdiction.objects.all,
        key="code",
        fields={name: name for name in _JURISDICTION_FIELDS},
        labels=_labels(Jurisdiction, *_JURISDICTION_FIELDS),
        search=("name", "official_name", "code"),
        filters=(
            Filter("wassenaar", str(_("Wassenaar participant")), "wassenaar_participant", "bool"),
            Filter("moratorium", str(_("Moratorium in force")), "moratorium_in_force", "bool"),
            Filter(
                "safeguards",
                str(_("Safeguards regime")),
                "safeguards_status",
                choices=_choices(Jurisdiction.Safeguards),
            ),
            Filter("kind", str(_("Kind")), "kind", choices=_choices(Jurisdiction.Kind)),
        ),
        list_fields=(
            "code",
            "name",
            "wassenaar_participant",
            "wassenaar_joined",
            "moratorium_in_force",
            "safeguards_status",
        ),
        ordering=("name",),
        licence="CC0-1.0",
        sources=(ISO,),
    )
)

organisations = register(
    Schema(
        name="organisations",
        title=str(_("Organisations")),
        description=str(
            _(
                "Companies, government agencies, end users, oversight bodies, auditors and "
                "other organisations named in the registry."
            )
        ),
        queryset=Organisation.objects.all,
        key="slug",
        fields={
            "slug": "slug",
            "name": "name",
            "kind": "kind",
            "country": "jurisdiction__name",
            "country_code": "jurisdiction_id",
            "aliases": "aliases",
            "identifiers": "identifiers",
            "website": "website",
            "description": "description",
        },
        labels={
            **_labels(Organisation, "name", "kind", "website", "description"),
            "slug": str(_("Identifier")),
            "country": str(_("Country")),
            "country_code": str(_("Country code")),
            "aliases": str(_("Also known as")),
            "identifiers": str(_("Identifiers")),
        },
        search=("name", "aliases_text", "slug"),
        filters=(
            Filter("kind", str(_("Kind")), "kind", choices=_choices(Organisation.Kind)),
            Filter(
                "country",
                str(_("Country")),
                "jurisdiction_id",
                choices=_countries("organisations"),
            ),
        ),
        links={
            "country": Link("jurisdictions", "jurisdiction_id"),
            "country_code": Link("jurisdictions", "jurisdiction_id"),
        },
        list_fields=("name", "kind", "country"),
        ordering=("name",),
        licence="CC-BY-4.0",
        sources=(SII,),
    )
)

technologies = register(
    Schema(
        name="technologies",
        title=str(_("Technologies")),
        description=str(
            _(
                "Surveillance technologies by vendor and category, with the control-list "
                "entries that cover them. Only published records."
            )
        ),
        queryset=_published_technologies,
        key="slug",
        fields={
            "slug": "slug",
            "name": "name",
            "vendor": "vendor__name",
            "vendor_slug": "vendor__slug",
            "category": "category",
            "control_codes": "control_codes",
            "privately_developed": "privately_developed",
            "encryption_only": "encryption_only",
            "description": "description",
        },
        labels={
            **_labels(Technology, "name", "vendor", "category", "description"),
            **_labels(Technology, "privately_developed", "encryption_only", "control_codes"),
            "slug": str(_("Identifier")),
            "vendor_slug": str(_("Vendor identifier")),
        },
        search=("name", "vendor__name", "description"),
        filters=(
            Filter("category", str(_("Category")), "category", choices=_choices(Category)),
            Filter(
                "privately_developed",
                str(_("Privately developed")),
                "privately_developed",
                "bool",
            ),
            Filter(
                "encryption_only",
                str(_("Encryption / information-security item only")),
                "encryption_only",
                "bool",
            ),
            Filter("vendor", str(_("Vendor")), "vendor__slug", choices=_vendors),
        ),
        links={
            "vendor": Link("organisations", "vendor__slug"),
            "vendor_slug": Link("organisations", "vendor__slug"),
        },
        list_fields=("name", "vendor", "category", "privately_developed", "encryption_only"),
        ordering=("name",),
        licence="CC-BY-4.0",
        sources=(str(_("Public reporting on each vendor; see each record's description.")),),
    )
)

transfers = register(
    Schema(
        name="transfers",
        title=str(_("Transfers")),
        description=str(
            _(
                "Known sales and transfers of surveillance technology from suppliers to "
                "recipient countries and end users, with the goods as reported, their "
                "categories and the sources. Only published records."
            )
        ),
        queryset=_published_transfers,
        key="external_id",
        fields={
            "external_id": "external_id",
            "title": "title",
            "supplier": "supplier__name",
            "supplier_slug": "supplier__slug",
            "supplier_country": "supplier_jurisdiction__name",
            "supplier_country_code": "supplier_jurisdiction_id",
            "supplier_country_text": "supplier_country_text",
            "recipient_country": "recipient_jurisdiction__name",
            "recipient_country_code": "recipient_jurisdiction_id",
            "recipient_country_text": "recipient_country_text",
            "end_user": "end_user__name",
            "end_user_slug": "end_user__slug",
            "end_user_text": "end_user_text",
            "goods": "goods",
            "categories": "categories",
            "year": "year",
            "year_text": "year_text",
            "completed": "completed",
            "basis": "basis",
            "sources": "sources",
            "source_links": "source_links",
            "dataset": "dataset",
        },
        labels={
            **_labels(Transfer, "external_id", "title", "supplier", "end_user", "goods"),
            **_labels(Transfer, "categories", "year", "completed", "basis", "sources"),
            **_labels(Transfer, "source_links", "dataset", "supplier_country_text"),
            **_labels(Transfer, "recipient_country_text", "end_user_text", "year_text"),
            "supplier_slug": str(_("Supplier identifier")),
            "supplier_country": str(_("Supplier's country")),
            "supplier_country_code": str(_("Supplier's country code")),
            "recipient_country": str(_("Recipient country")),
            "recipient_country_code": str(_("Recipient country code")),
            "end_user_slug": str(_("End user identifier")),
        },
        search=("title", "supplier__name", "recipient_jurisdiction__name", "end_user_text"),
        filters=(
            Filter(
                "recipient",
                str(_("Recipient country")),
                "recipient_jurisdiction_id",
                choices=_countries("transfers_in", published_only=True),
            ),
            Filter(
                "supplier_country",
                str(_("Supplier's country")),
                "supplier_jurisdiction_id",
                choices=_countries("transfers_out", published_only=True),
            ),
            Filter(
                "category",
                str(_("Category")),
                "categories_text__contains",
                choices=_choices(Category),
            ),
            Filter("year", str(_("Order year")), "year", "int"),
            Filter(
                "completed",
                str(_("Reported as complete")),
                "completed",
                choices=_choices(Transfer.Completed),
            ),
        ),
        links={
            "supplier": Link("organisations", "supplier__slug"),
            "supplier_slug": Link("organisations", "supplier__slug"),
            "supplier_country": Link("jurisdictions", "supplier_jurisdiction_id"),
            "supplier_country_code": Link("jurisdictions", "supplier_jurisdiction_id"),
            "recipient_country": Link("jurisdictions", "recipient_jurisdiction_id"),
            "recipient_country_code": Link("jurisdictions", "recipient_jurisdiction_id"),
            "end_user": Link("organisations", "end_user__slug"),
            "end_user_slug": Link("organisations", "end_user__slug"),
        },
        list_fields=("title", "supplier", "recipient_country", "categories", "year", "completed"),
        ordering=("-year", "title", "external_id"),
        licence=str(_("Privacy International's Surveillance Industry Index; cite the source")),
        sources=(SII,),
    )
)

licence_statistics = register(
    Schema(
        name="licence-statistics",
        title=str(_("Export licence statistics")),
        description=str(
            _(
                "Published export licence decisions by control-list rating and destination "
                "(UK strategic export licences, surveillance-relevant dual-use ratings)."
            )
        ),
        queryset=LicenceStatistic.objects.all,
        key="external_id",
        fields={
            "external_id": "external_id",
            "dataset": "dataset",
            "licensing_country": "licensing_jurisdiction__name",
            "licensing_country_code": "licensing_jurisdiction_id",
            "licence_group": "licence_group",
            "decided_on": "decided_on",
            "rating": "control_entry__code",
            "destination": "destination__name",
            "destination_code": "destination_id",
            "destination_text": "destination_text",
            "count": "count",
            "value": "value",
            "currency": "currency",
            "refused": "refused",
        },
        labels={
            **_labels(LicenceStatistic, "external_id", "dataset", "licence_group", "decided_on"),
            **_labels(LicenceStatistic, "destination", "destination_text", "count", "value"),
            **_labels(LicenceStatistic, "currency", "refused"),
            "licensing_country": str(_("Licensing country")),
            "licensing_country_code": str(_("Licensing country code")),
            "rating": str(_("Rating")),
            "destination_code": str(_("Destination code")),
        },
        search=("destination__name", "control_entry__code", "licence_group"),
        filters=(
            Filter(
                "destination",
                str(_("Destination")),
                "destination_id",
                choices=_countries("licence_statistics_received"),
            ),
            Filter("rating", str(_("Rating")), "control_entry__code", choices=_ratings),
            Filter("refused", str(_("Refused")), "refused", "bool"),
            Filter("year", str(_("Year decided")), "decided_on__year", "int"),
        ),
        links={
            "licensing_country": Link("jurisdictions", "licensing_jurisdiction_id"),
            "licensing_country_code": Link("jurisdictions", "licensing_jurisdiction_id"),
            "rating": Link("control-entries", "control_entry__code"),
            "destination": Link("jurisdictions", "destination_id"),
            "destination_code": Link("jurisdictions", "destination_id"),
        },
        list_fields=("decided_on", "licence_group", "rating", "destination", "value", "refused"),
        ordering=("-decided_on", "licence_group", "external_id"),
        licence="OGL-UK-3.0",
        sources=(UK_SECD,),
    )
)

control_entries = register(
    Schema(
        name="control-entries",
        title=str(_("Control-list entries")),
        description=str(
            _(
                "Entries of export control lists in Wassenaar numbering (e.g. 5.A.2, 4.A.5) "
                "and national or military ratings (e.g. ML10)."
            )
        ),
        queryset=ControlEntry.objects.all,
        key="code",
        fields={
            "code": "code",
            "short_description": "short_description",
            "description": "description",
            "military": "military",
        },
        labels=_labels(ControlEntry, "code", "short_description", "description", "military"),
        search=("code", "short_description", "description"),
        filters=(Filter("military", str(_("Military list")), "military", "bool"),),
        list_fields=("code", "short_description", "military"),
        ordering=("code",),
        licence="OGL-UK-3.0",
        sources=(UK_SECD,),
    )
)
