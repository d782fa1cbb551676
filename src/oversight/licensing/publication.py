"""The public register of licensing decisions and of licences (66(d)(f)).

Every decision is public with its reasons, the review's criteria, the conditions,
the comments considered, the screening and the redactions with their reasons.
The portal gives the pages, downloads and `/api/v1/datasets/<name>` with `count`.
"""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from oversight.core.publication import Filter, Link, Schema, register
from oversight.licensing.models import Decision, Licence, Outcome
from oversight.licensing.models.outcomes import LicenceStatus, Source
from oversight.registry.models import Category, Jurisdiction

UK_SECD = (
    "UK Strategic Export Controls licensing statistics, compiled by Campaign Against Arms "
    "Trade (caatdata/uk-arms-export-data); Crown copyright, Open Government Licence v3.0"
)


def _choices(options: Any) -> Any:
    return lambda: [(str(value), str(label)) for value, label in options.choices]


def _states(related: str) -> Any:
    def choices() -> list[tuple[str, str]]:
        rows = Jurisdiction.objects.filter(**{f"{related}__isnull": False}).distinct()
        return list(rows.values_list("code", "name"))

    return choices


def _exporting_states() -> list[tuple[str, str]]:
    codes = Decision.objects.values("exporting_jurisdiction_id")
    return list(Jurisdiction.objects.filter(code__in=codes).values_list("code", "name"))


def _decisions() -> QuerySet[Decision]:
    return Decision.objects.published()


def _licences() -> QuerySet[Licence]:
    return Licence.objects.all()


DECISION_FIELDS = {
    "reference": "reference",
    "source": "source",
    "outcome": "outcome",
    "decided_on": "decided_on",
    "year": "year",
    "exporting_state": "exporting_jurisdiction__name",
    "exporting_state_code": "exporting_jurisdiction_id",
    "destination": "destination__name",
    "destination_code": "destination_id",
    "exporter": "exporter_name",
    "end_user_types": "end_user_types",
    "end_use": "end_use",
    "categories": "categories",
    "control_codes": "control_codes",
    "licence_number": "licence_number",
    "licences": "licences",
    "value": "value",
    "currency": "currency",
    "reasons": "reasons",
    "criteria": "criteria",
    "conditions": "conditions",
    "comments_considered": "comments_considered",
    "screening": "screening",
    "redactions": "redactions",
    "superseded": "superseded",
}

decisions = register(
    Schema(
        name="licence-decisions",
        title=str(_("Licensing decisions")),
        description=str(
            _(
                "Every export licensing decision with its reasons: issued (with conditions), "
                "refused (citing the human rights review's criteria), no licence required, "
                "registered research transfers, blocked by a moratorium, withdrawn; with the "
                "comments considered and any redactions and their reasons. Opens with the UK's "
                "published licence decisions, one per licence group and destination."
            )
        ),
        queryset=_decisions,
        key="reference",
        fields=DECISION_FIELDS,
        labels={
            "reference": str(_("Reference")),
            "exporting_state": str(_("Exporting State")),
            "exporting_state_code": str(_("Exporting State code")),
            "destination_code": str(_("Destination code")),
            "end_user_types": str(_("End-user types")),
            "control_codes": str(_("Control-list entries")),
            "comments_considered": str(_("Comments considered")),
            "redactions": str(_("Redactions and their reasons")),
            "criteria": str(_("Human rights review criteria")),
        },
        search=(
            "reference",
            "exporter_name",
            "destination__name",
            "end_use",
            "control_codes_text",
        ),
        filters=(
            Filter(
                "exporting_state",
                str(_("Exporting State")),
                "exporting_jurisdiction_id",
                choices=_exporting_states,
            ),
            Filter(
                "destination",
                str(_("Destination")),
                "destination_id",
                choices=_states("licence_decisions"),
            ),
            Filter(
                "category",
                str(_("Technology category")),
                "categories_text__contains",
                choices=_choices(Category),
            ),
            Filter("control_entry", str(_("Control-list entry")), "control_codes_text__contains"),
            Filter("outcome", str(_("Outcome")), "outcome", choices=_choices(Outcome)),
            Filter("year", str(_("Year decided")), "year", "int"),
            Filter("source", str(_("Source")), "source", choices=_choices(Source)),
        ),
        links={
            "exporting_state": Link("jurisdictions", "exporting_jurisdiction_id"),
            "exporting_state_code": Link("jurisdictions", "exporting_jurisdiction_id"),
            "destination": Link("jurisdictions", "destination_id"),
            "destination_code": Link("jurisdictions", "destination_id"),
            "licence_number": Link("licences", "application__licence__number"),
        },
        list_fields=(
            "reference",
            "decided_on",
            "outcome",
            "exporting_state",
            "destination",
            "exporter",
            "control_codes",
        ),
        ordering=("-decided_on", "-published_at", "reference"),
        licence=str(_("CC-BY-4.0; UK historical rows OGL-UK-3.0")),
        sources=(str(_("Decisions taken in Oversight")), UK_SECD),
    )
)

licences = register(
    Schema(
        name="licences",
        title=str(_("Export licences")),
        description=str(
            _(
                "Licences issued in Oversight: number, validity, conditions and status "
                "(active, suspended, revoked, expired, surrendered) with the reasons."
            )
        ),
        queryset=_licences,
        key="number",
        fields={
            "number": "number",
            "status": "status",
            "valid_from": "valid_from",
            "valid_until": "valid_until",
            "decision": "decision__reference",
            "exporter": "decision__exporter_name",
            "destination": "decision__destination__name",
            "destination_code": "decision__destination_id",
            "conditions": "conditions",
            "status_reasons": "status_reasons",
            "flagged_for_review": "flagged_for_review",
        },
        labels={"status_reasons": str(_("Reasons for the status"))},
        search=("number", "decision__exporter_name", "decision__destination__name"),
        filters=(
            Filter("status", str(_("Status")), "status", choices=_choices(LicenceStatus)),
            Filter(
                "destination",
                str(_("Destination")),
                "decision__destination_id",
                choices=_states("licence_decisions"),
            ),
        ),
        links={
            "decision": Link("licence-decisions", "decision__reference"),
            "destination": Link("jurisdictions", "decision__destination_id"),
        },
        list_fields=("number", "status", "valid_from", "valid_until", "exporter", "destination"),
        ordering=("-valid_from", "number"),
        licence="CC-BY-4.0",
        sources=(str(_("Licences issued in Oversight")),),
    )
)
