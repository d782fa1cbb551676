"""The public face of monitoring: which fields of a case and a communication are public.

No victim name, code name, affiliation or source address is here: public pages,
downloads, the API and `oversight export` read only these fields, so they cannot
show one. Sources appear as their publishers' hosts (citizenlab.ca), because a
source's full address can carry the victim's name. Column headings are the models'
verbose names, except those given here.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from oversight.core.publication import (
    Facet,
    Filter,
    Link,
    Schema,
    choices,
    headings,
    present,
    register,
    same,
)
from oversight.monitoring.models import Case, Communication
from oversight.monitoring.vocabulary import (
    AddresseeKind,
    AttackVector,
    CommunicationKind,
    Verification,
    VictimGroup,
)
from oversight.registry.models import Jurisdiction

PEGASUS = (
    "Runa Sandvik / Granitt, Pegasus victims (github.com/GranittHQ/data-pegasus-victims), "
    "CC BY-NC-SA 4.0; cases recorded by working-group analysts"
)


def _public_cases() -> QuerySet[Case]:
    return Case.objects.published()


def _public_communications() -> QuerySet[Communication]:
    return Communication.objects.published()


cases = register(
    Schema(
        name="cases",
        title=_("Cases"),
        description=_(
            "Individual cases of human rights abuse facilitated by digital surveillance, "
            "recorded by the working group. Victims appear by role, affiliation type and "
            "country only; their names are never published here."
        ),
        queryset=_public_cases,
        key="id",
        fields={
            **same("id title summary"),
            "country": "country__name",
            "country_code": "country_id",
            **same("occurred occurred_precision disclosed disclosed_precision first_activity"),
            **same("last_activity victim_count victim_groups affiliation_types"),
            "technology": "technology__name",
            "product": "product",
            "vendor": "vendor__name",
            # the first suspected operator State, by name (as before several could be
            # recorded), then all of them, in order, as ISO codes
            "operator_country": "operator_country__name",
            "operator_countries": "operator_countries",
            **same("operator attack_vectors exploit attack_result verification forensics_by"),
            **same("disclosed_by rights_affected mandates source_count source_hosts dataset"),
        },
        labels=headings(
            id=_("Case"),
            country_code=_("Country code"),
            occurred_precision=_("Occurred precision"),
            disclosed_precision=_("Disclosed precision"),
            victim_count=_("Victim count"),
            product=_("Product"),
            operator=_("Operator"),
            operator_country=_("Suspected operator (State)"),
            operator_countries=_("Suspected operator States (ISO codes)"),
            attack_result=_("Attack result"),
            forensics_by=_("Forensics by"),
            mandates=_("Mandates"),
        ),
        search=("title", "summary", "exploit", "product", "disclosed_by"),
        facets=(
            Facet("jurisdiction", "country_id", "country__name"),
            Facet("year", "disclosed__year"),
        ),
        filters=(
            Filter(
                "country",
                _("Country concerned"),
                "country_id",
                choices=present(
                    Jurisdiction, "code", "name", monitoring_cases__status="published"
                ),
            ),
            Filter(
                "verification", _("Verification"), "verification", choices=choices(Verification)
            ),
            Filter(
                "group",
                _("Victim group"),
                "victim_groups__icontains",
                choices=choices(VictimGroup),
            ),
            Filter(
                "vector",
                _("Attack vector"),
                "attack_vectors__icontains",
                choices=choices(AttackVector),
            ),
        ),
        links={
            "country": Link("jurisdictions", "country_id"),
            "vendor": Link("organisations", "vendor__slug"),
            "technology": Link("technologies", "technology__slug"),
            "operator_country": Link("jurisdictions", "operator_country_id"),
        },
        list_fields=(
            "id",
            "title",
            "country",
            "disclosed",
            "victim_groups",
            "verification",
            "vendor",
        ),
        ordering=("-disclosed", "-id"),
        licence="CC-BY-NC-SA-4.0",
        sources=(PEGASUS,),
    )
)

communications = register(
    Schema(
        name="communications",
        title=_("Communications"),
        description=_(
            "Letters sent by the special procedures to States and companies about these "
            "cases, and whether they replied within 60 days. A letter stays confidential "
            "until the communications report of its reporting window is published."
        ),
        queryset=_public_communications,
        key="reference",
        fields={
            "reference": "reference",
            "type": "kind",
            **same("joint mandates addressee_kind"),
            "addressee_state": "addressee_state__name",
            "addressee_company": "addressee_company__name",
            **same("subject sent_on reply_due first_reply_on reply_count"),
            "cases": "case_ids",
            "letter": "letter_url",
            "published_on": "published_on",
        },
        labels=headings(
            type=_("Type"),
            joint=_("Joint"),
            mandates=_("Mandates"),
            addressee_kind=_("Addressee kind"),
            addressee_state=_("Addressee state"),
            sent_on=_("Sent on"),
            first_reply_on=_("First reply on"),
            reply_count=_("Reply count"),
            letter=_("Letter"),
            published_on=_("Published on"),
        ),
        search=("reference", "subject", "addressee_state__name", "addressee_company__name"),
        facets=(
            Facet("jurisdiction", "addressee_state_id", "addressee_state__name"),
            Facet("year", "sent_on__year"),
        ),
        filters=(
            Filter("type", _("Type"), "kind", choices=choices(CommunicationKind)),
            Filter("addressee", _("Addressee"), "addressee_kind", choices=choices(AddresseeKind)),
        ),
        links={
            "addressee_state": Link("jurisdictions", "addressee_state_id"),
            "addressee_company": Link("organisations", "addressee_company__slug"),
        },
        list_fields=(
            "reference",
            "type",
            "addressee_state",
            "addressee_company",
            "sent_on",
            "first_reply_on",
        ),
        ordering=("-sent_on", "reference"),
        licence="CC-BY-4.0",
        sources=(_("Communications of the special procedures, as recorded by analysts"),),
    )
)
