"""The public register of licensing decisions and of licences (66(d)(f)).

Every decision is public with its reasons, the review's criteria, the conditions,
the comments considered, the screening and the redactions with their reasons.
The portal gives the pages, downloads and `/api/v1/datasets/<name>` with `count`.
Column headings are the models' verbose names, except those given here.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from oversight.consultations.models import StakeholderType
from oversight.core.publication import (
    Facet,
    Filter,
    Link,
    Schema,
    Structure,
    choices,
    headings,
    linked,
    present,
    register,
    same,
)
from oversight.licensing.models import (
    ConditionKind,
    ConditionStatus,
    Decision,
    Licence,
    LicenceCondition,
    Outcome,
)
from oversight.licensing.models.outcomes import LicenceStatus, Source
from oversight.licensing.models.review import Criterion, Rating
from oversight.licensing.rules import EFFECT_LABELS
from oversight.registry.models import Category, Jurisdiction

UK_SECD = (
    "UK Strategic Export Controls licensing statistics, compiled by Campaign Against Arms "
    "Trade (caatdata/uk-arms-export-data); Crown copyright, Open Government Licence v3.0"
)
DESTINATIONS = present(Jurisdiction, "code", "name", licence_decisions__isnull=False)


def _decisions() -> QuerySet[Decision]:
    return Decision.objects.published()


def _licences() -> QuerySet[Licence]:
    return Licence.objects.all()


decisions = register(
    Schema(
        name="licence-decisions",
        title=_("Licensing decisions"),
        description=_(
            "Every export licensing decision with its reasons: issued (with conditions), "
            "refused (citing the human rights review's criteria), no licence required, "
            "registered research transfers, blocked by a moratorium, withdrawn; with the "
            "comments considered and any redactions and their reasons. Opens with the UK's "
            "published licence decisions, one per licence group and destination."
        ),
        queryset=_decisions,
        key="reference",
        fields={
            **same("reference source outcome decided_on year"),
            "exporting_state": "exporting_jurisdiction__name",
            "exporting_state_code": "exporting_jurisdiction_id",
            "destination": "destination__name",
            "destination_code": "destination_id",
            "exporter": "exporter_name",
            **same("end_user_types end_use categories control_codes licence_number licences"),
            **same("value currency reasons criteria conditions comments_considered screening"),
            **same("review_recommendation review_summary justification"),
            **same("redactions superseded"),
        },
        structures={
            "criteria": Structure(
                title="criterion",
                values={"criterion": dict(Criterion.choices), "rating": dict(Rating.choices)},
                keys={
                    "rating": _("Rating"),
                    "reasoning": _("Reasoning"),
                    "evidence": _("Evidence"),
                    "cited": _("Cited in the decision"),
                },
            ),
            "screening": Structure(
                title="title",
                hidden=("rule", "ok"),
                keys={"effect": _("Outcome"), "reasons": _("Reasons")},
                values={"effect": EFFECT_LABELS},
            ),
            "comments_considered": Structure(
                title="comment",
                keys={"stakeholder_type": _("Commenter"), "response": _("Response")},
                values={"stakeholder_type": dict(StakeholderType.choices)},
            ),
            "redactions": Structure(
                title="field", keys={"reason": _("Reason for withholding it")}
            ),
        },
        labels=headings(
            exporting_state=_("Exporting State"),
            exporting_state_code=_("Exporting State code"),
            destination_code=_("Destination code"),
            exporter=_("Exporter"),
            end_use=_("End use"),
            categories=_("Categories"),
            criteria=_("Human rights review criteria"),
            review_recommendation=_("Human rights review: recommendation"),
            review_summary=_("Human rights review: summary"),
            justification=_("Justification for deciding against the review"),
            superseded=_("Superseded"),
        ),
        search=(
            "reference",
            "exporter_name",
            "destination__name",
            "end_use",
            "control_codes_text",
        ),
        facets=(
            Facet("jurisdiction", "exporting_jurisdiction_id", "exporting_jurisdiction__name"),
            Facet("destination", "destination_id", "destination__name"),
            Facet("category", "categories"),
            Facet("control_entry", "control_codes"),
            Facet("outcome", "outcome"),
            Facet("criterion", "criteria"),
            Facet("year", "year"),
        ),
        filters=(
            Filter(
                "exporting_state",
                _("Exporting State"),
                "exporting_jurisdiction_id",
                choices=present(
                    Jurisdiction,
                    "code",
                    "name",
                    code__in=Decision.objects.values("exporting_jurisdiction_id"),
                ),
            ),
            Filter("destination", _("Destination"), "destination_id", choices=DESTINATIONS),
            Filter(
                "category",
                _("Technology category"),
                "categories_text__contains",
                choices=choices(Category),
            ),
            Filter("control_entry", _("Control-list entry"), "control_codes_text__contains"),
            Filter("outcome", _("Outcome"), "outcome", choices=choices(Outcome)),
            Filter("year", _("Year decided"), "year", "int"),
            Filter("source", _("Source"), "source", choices=choices(Source)),
        ),
        links={
            **linked(
                "jurisdictions",
                "exporting_jurisdiction_id",
                "exporting_state exporting_state_code",
            ),
            **linked("jurisdictions", "destination_id", "destination destination_code"),
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
        licence=_("CC-BY-4.0; UK historical rows OGL-UK-3.0"),
        sources=(_("Decisions taken in Oversight"), UK_SECD),
    )
)

licences = register(
    Schema(
        name="licences",
        title=_("Export licences"),
        description=_(
            "Licences issued in Oversight: number, validity, conditions and status "
            "(active, suspended, revoked, expired, surrendered) with the reasons."
        ),
        queryset=_licences,
        key="number",
        fields={
            **same("number status valid_from valid_until"),
            "decision": "decision__reference",
            "exporter": "decision__exporter_name",
            "destination": "decision__destination__name",
            "destination_code": "decision__destination_id",
            **same("conditions status_reasons flagged_for_review"),
        },
        labels=headings(
            decision=_("Decision"),
            exporter=_("Exporter"),
            destination=_("Destination"),
            destination_code=_("Destination code"),
        ),
        search=("number", "decision__exporter_name", "decision__destination__name"),
        facets=(
            Facet(
                "jurisdiction",
                "decision__exporting_jurisdiction_id",
                "decision__exporting_jurisdiction__name",
            ),
            Facet("destination", "decision__destination_id", "decision__destination__name"),
            Facet("year", "valid_from__year"),
        ),
        filters=(
            Filter("status", _("Status"), "status", choices=choices(LicenceStatus)),
            Filter(
                "destination", _("Destination"), "decision__destination_id", choices=DESTINATIONS
            ),
        ),
        links={
            "decision": Link("licence-decisions", "decision__reference"),
            "destination": Link("jurisdictions", "decision__destination_id"),
        },
        list_fields=("number", "status", "valid_from", "valid_until", "exporter", "destination"),
        ordering=("-valid_from", "number"),
        licence="CC-BY-4.0",
        sources=(_("Licences issued in Oversight"),),
    )
)


def _conditions() -> QuerySet[LicenceCondition]:
    return LicenceCondition.objects.all()  # every condition's terms and status; no evidence


licence_conditions = register(
    Schema(
        name="licence-conditions",
        title=_("Licence conditions"),
        description=_(
            "The typed conditions of each licence (end-use certificate, post-shipment "
            "verification, usage report, audit by a named auditor), their evidence deadline "
            "and whether they are met or overdue. The evidence itself is not published."
        ),
        queryset=_conditions,
        key="id",
        fields={
            **same("id"),
            "licence": "licence__number",
            "exporter": "licence__decision__exporter_name",
            "destination": "licence__decision__destination__name",
            **same("kind terms evidence_due status met_on overdue_since"),
            "auditor": "auditor__name",
        },
        labels=headings(
            id=_("Condition"),
            exporter=_("Exporter"),
            destination=_("Destination"),
            licence=_("Licence"),
        ),
        search=("terms", "licence__number", "licence__decision__exporter_name"),
        filters=(
            Filter("status", _("Status"), "status", choices=choices(ConditionStatus)),
            Filter("kind", _("Kind"), "kind", choices=choices(ConditionKind)),
            Filter("licence", _("Licence"), "licence__number"),
        ),
        links={"licence": Link("licences", "licence__number")},
        list_fields=("licence", "exporter", "kind", "evidence_due", "status"),
        ordering=("evidence_due", "id"),
        licence="CC-BY-4.0",
        sources=(_("Licences issued in Oversight"),),
    )
)
