"""The public side of casework (#14 §3): classification rulings and catch-all decisions.

A ruling is published once answered, without the exporter's name or confidential
details; a catch-all decision without the exporter or its product's name (only the
category): what the State decided, for which destination, when, and whether late.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from oversight.core.publication import Filter, Link, Schema, choices, headings, register, same
from oversight.licensing.models import CatchAllNotification, RulingRequest
from oversight.licensing.models.rulings import CatchAllState
from oversight.registry.models import Category


def _rulings() -> QuerySet[RulingRequest]:
    return RulingRequest.objects.published()


def _decided() -> QuerySet[CatchAllNotification]:
    return CatchAllNotification.objects.exclude(state=CatchAllState.NOTIFIED)


rulings = register(
    Schema(
        name="classification-rulings",
        title=_("Classification rulings"),
        description=_(
            "The licensing authority's answers to exporters who asked whether an item is "
            "controlled, and under which control-list entry, with the reasoning. Published "
            "without the exporter's name or confidential details. An application may cite a "
            "ruling by its reference. A ruling answered after its deadline says so."
        ),
        queryset=_rulings,
        key="reference",
        fields={
            "reference": "reference",
            "state": "jurisdiction__name",
            "state_code": "jurisdiction_id",
            **same("item_name description controlled"),
            "control_entry": "control_entry__code",
            **same("reasoning due_on answered_on late"),
        },
        labels=headings(state=_("Authority's State"), state_code=_("Authority's State code")),
        filters=(
            Filter("state", _("Authority's State"), "jurisdiction_id"),
            Filter("control_entry", _("Control-list entry"), "control_entry__code"),
        ),
        links={"state": Link("jurisdictions", "jurisdiction_id")},
        list_fields=("reference", "answered_on", "item_name", "controlled", "control_entry"),
        ordering=("-answered_on", "reference"),
        licence="CC-BY-4.0",
        sources=(_("Rulings given in Oversight"),),
    )
)

catch_all = register(
    Schema(
        name="catch-all-decisions",
        title=_("Catch-all decisions"),
        description=_(
            "Regulation (EU) 2021/821, Art. 5: the authority's decisions on exporters' "
            "notifications that an unlisted cyber-surveillance item may be used for internal "
            "repression or serious violations of human rights at a destination. 'Licence "
            "required' means the item is treated as controlled for that destination. A "
            "decision taken after its deadline says so."
        ),
        queryset=_decided,
        key="reference",
        fields={
            "reference": "reference",
            "state": "jurisdiction__name",
            "destination": "destination__name",
            "destination_code": "destination_id",
            "category": "technology__category",
            "outcome": "state",
            **same("due_on decided_on late reasons"),
        },
        labels=headings(
            state=_("Authority's State"),
            destination=_("Destination"),
            destination_code=_("Destination code"),
            category=_("Technology category"),
            outcome=_("Outcome"),
        ),
        filters=(
            Filter("destination", _("Destination"), "destination_id"),
            Filter(
                "category",
                _("Technology category"),
                "technology__category",
                choices=choices(Category),
            ),
        ),
        links={"destination": Link("jurisdictions", "destination_id")},
        list_fields=("reference", "decided_on", "destination", "category", "outcome", "late"),
        ordering=("-decided_on", "reference"),
        licence="CC-BY-4.0",
        sources=(_("Decisions taken in Oversight"),),
    )
)
