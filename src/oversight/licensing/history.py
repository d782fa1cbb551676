"""Historical decisions: the UK's published licence statistics as register rows.

`oversight import uk-licences FILE` stays the single command: the registry's
importer writes `LicenceStatistic` rows, and for each row saved (created or
changed) the receiver in `receivers.py` re-derives the one published decision of
its (licence group, destination), inside the same row transaction. An unchanged
row is not saved, so re-importing writes nothing here either. We listen to the
model's own `post_save` rather than add a hook to `core.importing`: nothing in a
lower floor changes, and a statistic written any other way is covered too.
`oversight licensing_history` re-derives them all (for data imported before this
app was installed).
"""

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Min, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.core import audit
from oversight.licensing.models import Decision, Outcome
from oversight.licensing.models.outcomes import Source
from oversight.registry.models import LicenceStatistic

DATASET = "uk-export-licences"
COMPARED = (
    "outcome",
    "control_codes",
    "licences",
    "value",
    "decided_on",
    "reasons",
    "exporting_jurisdiction_id",
    "destination_id",
)


def reference(group: str, destination: str) -> str:
    return f"GB-SIEL-{group}-{destination}"


def _values(group: str, destination: str) -> dict[str, Any] | None:
    rows = LicenceStatistic.objects.filter(
        dataset=DATASET, licence_group=group, destination_id=destination
    )
    summary = rows.aggregate(
        n=Count("pk"),
        refused=Count("pk", filter=Q(refused=True)),
        licences=Sum("count"),
        value=Sum("value"),
        first=Min("decided_on"),
        state=Max("licensing_jurisdiction_id"),
    )
    if not summary["n"]:
        return None
    codes = sorted(set(rows.values_list("control_entry__code", flat=True)))
    refused = summary["refused"] == summary["n"]
    reasons = [
        _(
            "Historical decision from the UK strategic export controls licensing statistics "
            "(licence group %(group)s; ratings %(codes)s)."
        )
        % {"group": group, "codes": ", ".join(codes)},
        _("Refused; the published statistics give no reasons.")
        if refused
        else _("Issued; the published statistics give no conditions."),
    ]
    return {
        "outcome": Outcome.REFUSED if refused else Outcome.ISSUED,
        "control_codes": codes,
        "licences": summary["licences"] or 1,
        "value": None if summary["value"] is None else Decimal(summary["value"]),
        "decided_on": summary["first"],
        "reasons": reasons,
        "exporting_jurisdiction_id": summary["state"],
        "destination_id": destination,
    }


def derive(group: str, destination: str, *, actor_label: str = "import uk-licences") -> str:
    """Create or update the decision of one (group, destination): created/updated/unchanged."""
    values = _values(group, destination)
    ref = reference(group, destination)
    with transaction.atomic():
        row = Decision.objects.select_for_update().filter(reference=ref).first()
        if values is None:
            return "unchanged"
        if row is None:
            row = Decision(
                reference=ref,
                source=Source.UK_SECD,
                currency="GBP",
                published_at=timezone.now(),
                exporter_name="",
                **values,
            )
            row.save(force_insert=True)
            audit.record(
                "licensing.decision.imported",
                row,
                actor_label=actor_label,
                changes=audit.diff({}, {k: values[k] for k in ("outcome", "licences")}),
            )
            return "created"
        old = {name: getattr(row, name) for name in COMPARED}
        changes = audit.diff(old, values)
        if not changes:
            return "unchanged"
        for name in changes:
            setattr(row, name, values[name])
        row.save(update_fields=list(changes))
        audit.record(
            "licensing.decision.reimported", row, actor_label=actor_label, changes=changes
        )
        return "updated"


def derive_all() -> dict[str, int]:
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    pairs = (
        LicenceStatistic.objects.filter(dataset=DATASET)
        .values_list("licence_group", "destination_id")
        .distinct()
        .order_by("licence_group", "destination_id")
    )
    for group, destination in pairs.iterator(chunk_size=2000):
        counts[derive(group, destination, actor_label="licensing_history")] += 1
    return counts
