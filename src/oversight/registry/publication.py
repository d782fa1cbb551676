"""Publication schemas of the registry: the public fields of each model, declared once."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from oversight.core.publication import (
    Facet,
    Filter,
    Link,
    Schema,
    choices,
    headings,
    linked,
    present,
    register,
    same,
)
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


def _published_technologies() -> QuerySet[Technology]:
    return Technology.objects.published().select_related("vendor")


def _published_transfers() -> QuerySet[Transfer]:
    return Transfer.objects.published()


jurisdictions = register(
    Schema(
        name="jurisdictions",
        title=_("Jurisdictions"),
        description=_(
            "Countries and other jurisdictions, with their Wassenaar Arrangement "
            "participation, any moratorium on privately developed surveillance tools and "
            "the state of their safeguards regime."
        ),
        queryset=Jurisdiction.objects.all,
        key="code",
        fields=same(
            "code name official_name alpha3 numeric kind",
            "wassenaar_participant wassenaar_joined moratorium_in_force moratorium_since",
            "moratorium_scope moratorium_reference",
            "safeguards_status safeguards_since safeguards_evidence",
        ),
        labels=headings(),
        search=("name", "official_name", "code"),
        filters=(
            Filter("wassenaar", _("Wassenaar participant"), "wassenaar_participant", "bool"),
            Filter("moratorium", _("Moratorium in force"), "moratorium_in_force", "bool"),
            Filter(
                "safeguards",
                _("Safeguards regime"),
                "safeguards_status",
                choices=choices(Jurisdiction.Safeguards),
            ),
            Filter("kind", _("Kind"), "kind", choices=choices(Jurisdiction.Kind)),
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
        title=_("Organisations"),
        description=_(
            "Companies, government agencies, end users, oversight bodies, auditors and "
            "other organisations named in the registry."
        ),
        queryset=Organisation.objects.all,
        key="slug",
        fields={
            **same("slug name kind"),
            "country": "jurisdiction__name",
            "country_code": "jurisdiction_id",
            **same("aliases identifiers website description"),
        },
        labels=headings(
            slug=_("Identifier"),
            country=_("Country"),
            country_code=_("Country code"),
            aliases=_("Also known as"),
        ),
        search=("name", "aliases_text", "slug"),
        facets=(Facet("jurisdiction", "jurisdiction_id", "jurisdiction__name"),),
        filters=(
            Filter("kind", _("Kind"), "kind", choices=choices(Organisation.Kind)),
            Filter(
                "country",
                _("Country"),
                "jurisdiction_id",
                choices=present(Jurisdiction, "code", "name", organisations__isnull=False),
            ),
        ),
        links=linked("jurisdictions", "jurisdiction_id", "country country_code"),
        list_fields=("name", "kind", "country"),
        ordering=("name",),
        licence="CC-BY-4.0",
        sources=(SII,),
    )
)

technologies = register(
    Schema(
        name="technologies",
        title=_("Technologies"),
        description=_(
            "Surveillance technologies by vendor and category, with the control-list "
            "entries that cover them. Only published records."
        ),
        queryset=_published_technologies,
        key="slug",
        fields={
            **same("slug name"),
            "vendor": "vendor__name",
            "vendor_slug": "vendor__slug",
            **same("category control_codes privately_developed encryption_only"),
            "description": "description",
        },
        labels=headings(slug=_("Identifier"), vendor_slug=_("Vendor identifier")),
        search=("name", "vendor__name", "description"),
        facets=(Facet("category", "category"), Facet("control_entry", "control_codes")),
        filters=(
            Filter("category", _("Category"), "category", choices=choices(Category)),
            Filter("privately_developed", _("Privately developed"), "privately_developed", "bool"),
            Filter(
                "encryption_only",
                _("Encryption / information-security item only"),
                "encryption_only",
                "bool",
            ),
            Filter(
                "vendor",
                _("Vendor"),
                "vendor__slug",
                choices=present(Organisation, "slug", "name", technologies__published=True),
            ),
        ),
        links=linked("organisations", "vendor__slug", "vendor vendor_slug"),
        list_fields=("name", "vendor", "category", "privately_developed", "encryption_only"),
        ordering=("name",),
        licence="CC-BY-4.0",
        sources=(_("Public reporting on each vendor; see each record's description."),),
    )
)

transfers = register(
    Schema(
        name="transfers",
        title=_("Transfers"),
        description=_(
            "Known sales and transfers of surveillance technology from suppliers to "
            "recipient countries and end users, with the goods as reported, their "
            "categories and the sources. Only published records."
        ),
        queryset=_published_transfers,
        key="external_id",
        fields={
            **same("external_id title"),
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
            **same("end_user_text goods categories year year_text completed basis sources"),
            **same("source_links dataset"),
        },
        labels=headings(
            supplier_slug=_("Supplier identifier"),
            supplier_country=_("Supplier's country"),
            supplier_country_code=_("Supplier's country code"),
            recipient_country=_("Recipient country"),
            recipient_country_code=_("Recipient country code"),
            end_user_slug=_("End user identifier"),
        ),
        search=("title", "supplier__name", "recipient_jurisdiction__name", "end_user_text"),
        facets=(
            Facet("jurisdiction", "supplier_jurisdiction_id", "supplier_jurisdiction__name"),
            Facet("destination", "recipient_jurisdiction_id", "recipient_jurisdiction__name"),
            Facet("category", "categories"),
            Facet("year", "year"),
        ),
        filters=(
            Filter(
                "recipient",
                _("Recipient country"),
                "recipient_jurisdiction_id",
                choices=present(Jurisdiction, "code", "name", transfers_in__published=True),
            ),
            Filter(
                "supplier_country",
                _("Supplier's country"),
                "supplier_jurisdiction_id",
                choices=present(Jurisdiction, "code", "name", transfers_out__published=True),
            ),
            Filter(
                "category", _("Category"), "categories_text__contains", choices=choices(Category)
            ),
            Filter("year", _("Order year"), "year", "int"),
            Filter(
                "completed",
                _("Reported as complete"),
                "completed",
                choices=choices(Transfer.Completed),
            ),
        ),
        links={
            **linked("organisations", "supplier__slug", "supplier supplier_slug"),
            **linked(
                "jurisdictions",
                "supplier_jurisdiction_id",
                "supplier_country supplier_country_code",
            ),
            **linked(
                "jurisdictions",
                "recipient_jurisdiction_id",
                "recipient_country recipient_country_code",
            ),
            **linked("organisations", "end_user__slug", "end_user end_user_slug"),
        },
        list_fields=("title", "supplier", "recipient_country", "categories", "year", "completed"),
        ordering=("-year", "title", "external_id"),
        licence=_("Privacy International's Surveillance Industry Index; cite the source"),
        sources=(SII,),
    )
)

licence_statistics = register(
    Schema(
        name="licence-statistics",
        title=_("Export licence statistics"),
        description=_(
            "Published export licence decisions by control-list rating and destination "
            "(UK strategic export licences, surveillance-relevant dual-use ratings)."
        ),
        queryset=LicenceStatistic.objects.all,
        key="external_id",
        fields={
            **same("external_id dataset"),
            "licensing_country": "licensing_jurisdiction__name",
            "licensing_country_code": "licensing_jurisdiction_id",
            **same("licence_group decided_on"),
            "rating": "control_entry__code",
            "destination": "destination__name",
            "destination_code": "destination_id",
            **same("destination_text count value currency refused"),
        },
        labels=headings(
            licensing_country=_("Licensing country"),
            licensing_country_code=_("Licensing country code"),
            rating=_("Rating"),
            destination_code=_("Destination code"),
        ),
        search=("destination__name", "control_entry__code", "licence_group"),
        facets=(
            Facet("jurisdiction", "licensing_jurisdiction_id", "licensing_jurisdiction__name"),
            Facet("destination", "destination_id", "destination__name"),
            Facet("control_entry", "control_entry__code"),
            Facet("year", "decided_on__year"),
        ),
        filters=(
            Filter(
                "destination",
                _("Destination"),
                "destination_id",
                choices=present(
                    Jurisdiction, "code", "name", licence_statistics_received__isnull=False
                ),
            ),
            Filter(
                "rating",
                _("Rating"),
                "control_entry__code",
                choices=present(ControlEntry, "code", "code", licencestatistic__isnull=False),
            ),
            Filter("refused", _("Refused"), "refused", "bool"),
            Filter("year", _("Year decided"), "decided_on__year", "int"),
        ),
        links={
            **linked(
                "jurisdictions",
                "licensing_jurisdiction_id",
                "licensing_country licensing_country_code",
            ),
            "rating": Link("control-entries", "control_entry__code"),
            **linked("jurisdictions", "destination_id", "destination destination_code"),
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
        title=_("Control-list entries"),
        description=_(
            "Entries of export control lists in Wassenaar numbering (e.g. 5.A.2, 4.A.5) "
            "and national or military ratings (e.g. ML10)."
        ),
        queryset=ControlEntry.objects.all,
        key="code",
        fields=same("code short_description description military"),
        labels=headings(),
        search=("code", "short_description", "description"),
        filters=(Filter("military", _("Military list"), "military", "bool"),),
        list_fields=("code", "short_description", "military"),
        ordering=("code",),
        licence="OGL-UK-3.0",
        sources=(UK_SECD,),
    )
)
