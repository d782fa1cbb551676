"""Historical decisions: the UK's published licence statistics as register rows.

`oversight import uk-licences FILE` stays the single command: the registry's
importer writes a batch of `LicenceStatistic` rows at once and sends
`registry.signals.licence_statistics_saved`; the receiver in `receivers.py` then
re-derives the published decisions of their (licence group, destination) for the
whole batch (`derive_many`), inside the batch's transaction. A statistic saved one
at a time (`post_save`) is folded by `derive`. An unchanged
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

from oversight.core import audit, fulltext
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


def derive_many(
    stats: list[LicenceStatistic], *, actor_label: str = "import uk-licences"
) -> dict[str, int]:
    """`derive` for a batch of statistics at once, in the caller's transaction: one read
    for their ratings and one for their decisions, `bulk_create` and `bulk_update`, one
    audit call per decision created or changed. Counts decisions, not statistics."""
    stats = [stat for stat in stats if stat.dataset == DATASET]
    entries = {stat.control_entry_id for stat in stats}
    codes = dict(ControlEntry.objects.filter(pk__in=entries).values_list("pk", "code"))
    refs = list(dict.fromkeys(reference(s.licence_group, s.destination_id) for s in stats))
    found: dict[str, Decision] = {}
    for start in range(0, len(refs), 500):
        rows = Decision.objects.select_for_update().filter(reference__in=refs[start : start + 500])
        found.update({row.reference: row for row in rows})
    parts: dict[str, dict[str, dict[str, Any]]] = {}
    keys: dict[str, tuple[str, str]] = {}
    for stat in stats:
        ref = reference(stat.licence_group, stat.destination_id)
        if ref not in parts:
            parts[ref] = dict(found[ref].parts) if ref in found else {}
            keys[ref] = (stat.licence_group, stat.destination_id)
        parts[ref][stat.external_id] = part(stat, codes[stat.control_entry_id])
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    created: list[tuple[Decision, dict[str, Any]]] = []
    updated: list[tuple[Decision, dict[str, list[Any]]]] = []
    fields: set[str] = set()
    now = timezone.now()
    for ref, folded in parts.items():
        values = _values(*keys[ref], folded)
        row = found.get(ref)
        if row is None:
            row = Decision(
                reference=ref,
                source=Source.UK_SECD,
                currency="GBP",
                published_at=now,
                exporter_name="",
                **values,
            )
            created.append((row, values))
            continue
        changes = audit.diff({name: getattr(row, name) for name in COMPARED}, values)
        if not changes:
            counts["unchanged"] += 1
            continue
        for name in changes:
            setattr(row, name, values[name])
        fields.update(changes)
        changes.pop("parts", None)
        updated.append((row, changes))
    for row in [row for row, _values in created] + [row for row, _c in updated]:
        row.derive_columns()
    Decision.objects.bulk_create([row for row, _values in created], batch_size=500)
    if updated:
        names = sorted(fields | set(Decision.DERIVED))
        Decision.objects.bulk_update([row for row, _c in updated], names, batch_size=500)
    for row, values in created:
        changes = audit.diff({}, {k: values[k] for k in ("outcome", "licences")})
        audit.record(Event.DECISION_IMPORTED, row, actor_label=actor_label, changes=changes)
    for row, changes in updated:
        audit.record(Event.DECISION_REIMPORTED, row, actor_label=actor_label, changes=changes)
    written = [row.pk for row, _values in created] + [row.pk for row, _c in updated]
    if written:
        fulltext.index_saved(Decision, written)
    counts["created"], counts["updated"] = len(created), len(updated)
    return counts


def derive_all() -> dict[str, int]:
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    rows = LicenceStatistic.objects.filter(dataset=DATASET).order_by("pk")
    for stat in rows.iterator(chunk_size=2000):
        counts[derive(stat, actor_label="licensing_history")] += 1
    return counts
