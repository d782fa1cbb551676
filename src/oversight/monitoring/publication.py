"""The public face of monitoring: which fields of a case and a communication are public.

No victim name, code name, affiliation or source address is here: public pages,
downloads, the API and `oversight export` read only these fields, so they cannot
show one. Sources appear as their publishers' hosts (citizenlab.ca), because a
source's full address can carry the victim's name.
"""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from oversight.core.publication import Filter, Link, Schema, register
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


def _choices(options: Any) -> Any:
    return lambda: [(str(value), str(label)) for value, label in options.choices]


def _case_countries() -> list[tuple[str, str]]:
    rows = Jurisdiction.objects.filter(monitoring_cases__status="published").distinct()
    return list(rows.values_list("code", "name"))


def _public_cases() -> QuerySet[Case]:
    return Case.objects.published()


def _public_communications() -> QuerySet[Communication]:
    return Communication.objects.published()


CASE_FIELDS = {
    "id": "id",
    "title": "title",
    "summary": "summary",
    "country": "country__name",
    "country_code": "country_id",
    "occurred": "occurred",
    "occurred_precision": "occurred_precision",
    "disclosed": "disclosed",
    "disclosed_precision": "disclosed_precision",
    "first_activity": "first_activity",
    "last_activity": "last_activity",
    "victim_count": "victim_count",
    "victim_groups": "victim_groups",
    "affiliation_types": "affiliation_types",
    "technology": "technology__name",
    "product": "product",
    "vendor": "vendor__name",
    "operator_country": "operator_country__name",
    "operator": "operator",
    "attack_vectors": "attack_vectors",
    "exploit": "exploit",
    "attack_result": "attack_result",
    "verification": "verification",
    "forensics_by": "forensics_by",
    "disclosed_by": "disclosed_by",
    "rights_affected": "rights_affected",
    "mandates": "mandates",
    "source_count": "source_count",
    "source_hosts": "source_hosts",
    "dataset": "dataset",
}

cases = register(
    Schema(
        name="cases",
        title=str(_("Cases")),
        description=str(
            _(
                "Individual cases of human rights abuse facilitated by digital surveillance, "
                "recorded by the working group. Victims appear by role, affiliation type and "
                "country only; their names are never published here."
            )
        ),
        queryset=_public_cases,
        key="id",
        fields=CASE_FIELDS,
        labels={
            "id": str(_("Case")),
            "country": str(_("Country concerned")),
            "operator_country": str(_("Suspected operator (State)")),
            "victim_groups": str(_("Victim groups")),
            "affiliation_types": str(_("Affiliation types")),
            "source_hosts": str(_("Sources (publishers)")),
            "source_count": str(_("Number of sources")),
        },
        search=("title", "summary", "exploit", "product", "disclosed_by"),
        filters=(
            Filter("country", str(_("Country concerned")), "country_id", choices=_case_countries),
            Filter(
                "verification",
                str(_("Verification")),
                "verification",
                choices=_choices(Verification),
            ),
            Filter(
                "group",
                str(_("Victim group")),
                "victim_groups__icontains",
                choices=_choices(VictimGroup),
            ),
            Filter(
                "vector",
                str(_("Attack vector")),
                "attack_vectors__icontains",
                choices=_choices(AttackVector),
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
        title=str(_("Communications")),
        description=str(
            _(
                "Letters sent by the special procedures to States and companies about these "
                "cases, and whether they replied within 60 days. A letter stays confidential "
                "until the communications report of its reporting window is published."
            )
        ),
        queryset=_public_communications,
        key="reference",
        fields={
            "reference": "reference",
            "type": "kind",
            "joint": "joint",
            "mandates": "mandates",
            "addressee_kind": "addressee_kind",
            "addressee_state": "addressee_state__name",
            "addressee_company": "addressee_company__name",
            "subject": "subject",
            "sent_on": "sent_on",
            "reply_due": "reply_due",
            "first_reply_on": "first_reply_on",
            "reply_count": "reply_count",
            "cases": "case_ids",
            "letter": "letter_url",
            "published_on": "published_on",
        },
        labels={"type": str(_("Type")), "cases": str(_("Cases")), "letter": str(_("Letter"))},
        search=("reference", "subject", "addressee_state__name", "addressee_company__name"),
        filters=(
            Filter("type", str(_("Type")), "kind", choices=_choices(CommunicationKind)),
            Filter(
                "addressee", str(_("Addressee")), "addressee_kind", choices=_choices(AddresseeKind)
            ),
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
        sources=(str(_("Communications of the special procedures, as recorded by analysts")),),
    )
)
