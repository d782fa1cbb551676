"""Historical decisions: the UK's published licence statistics as register rows.

`oversight import uk-licences FILE` stays the single command: the registry's
importer writes `LicenceStatistic` rows, and for each row saved (created or
changed) the receiver in `receivers.py` re-derives the one published decision of
its (licence group, destination), inside the same row transaction. An unchanged
row is not saved, so re-importing writes nothing here either. We listen to the
model's own `post_save` rather than add a hook to `core.importing`: nothing in a
lower floor changes, and a statistic written any other way is covered too.
`oversight licensing_history` re-derives them all (for data imported before this
app was installed). Each decision keeps the parts it was folded from (`parts`, not
public), so folding one row reads one decision and never scans the statistics.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.core import audit
from oversight.licensing.events import Event
from oversight.licensing.models import Decision, Outcome
from oversight.licensing.models.outcomes import Source
from oversight.registry.models import ControlEntry, LicenceStatistic

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
    "parts",
)


def reference(group: str, destination: str) -> str:
    return f"GB-SIEL-{group}-{destination}"


def part(stat: LicenceStatistic, code: str) -> dict[str, Any]:
    """What one statistic row contributes to its decision (kept on the decision, not public)."""
    return {
        "rating": code,
        "count": stat.count,
        "value": None if stat.value is None else str(stat.value),
        "refused": stat.refused,
        "date": stat.decided_on.isoformat(),
        "state": stat.licensing_jurisdiction_id,
    }


def _values(group: str, destination: str, parts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The decision of a (group, destination) from its parts: no query, O(parts)."""
    rows = list(parts.values())
    codes = sorted({row["rating"] for row in rows})
    refused = all(row["refused"] for row in rows)
    values = [Decimal(row["value"]) for row in rows if row["value"] is not None]
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
        "licences": sum(int(row["count"]) for row in rows) or 1,
        "value": sum(values, Decimal(0)) if values else None,
        "decided_on": date.fromisoformat(min(row["date"] for row in rows)),
        "reasons": reasons,
        "exporting_jurisdiction_id": min(row["state"] for row in rows),
        "destination_id": destination,
        "parts": parts,
    }


def derive(stat: LicenceStatistic, *, actor_label: str = "import uk-licences") -> str:
    """Fold one statistic into the decision of its (group, destination).

    Reads only that decision (by its unique reference), so an import stays linear.
    Returns created, updated or unchanged; unchanged writes nothing.
    """
    code = ControlEntry.objects.filter(pk=stat.control_entry_id).values_list("code", flat=True)
    group, destination = stat.licence_group, stat.destination_id
    ref = reference(group, destination)
    with transaction.atomic():
        row = Decision.objects.select_for_update().filter(reference=ref).first()
        parts = dict(row.parts) if row is not None else {}
        parts[stat.external_id] = part(stat, code.get())
        values = _values(group, destination, parts)
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
                Event.DECISION_IMPORTED,
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
        changes.pop("parts", None)
        audit.record(Event.DECISION_REIMPORTED, row, actor_label=actor_label, changes=changes)
        return "updated"


def derive_all() -> dict[str, int]:
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    rows = LicenceStatistic.objects.filter(dataset=DATASET).order_by("pk")
    for stat in rows.iterator(chunk_size=2000):
        counts[derive(stat, actor_label="licensing_history")] += 1
    return counts
