"""Every write to the registry, one function per change, each audited.

`upsert_*` functions are keyed on a stable id (slug, code, external id). They
compare the given fields with what is stored and write nothing — and no audit
entry — when nothing changed; otherwise they validate, save and record the
old → new difference in the audit log, all in one transaction.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from oversight.core import audit, fulltext
from oversight.core.importing import Status
from oversight.registry import rules, signals
from oversight.registry.events import CREATED, UPDATED, Event
from oversight.registry.models import (
    ControlEntry,
    Jurisdiction,
    LicenceStatistic,
    Organisation,
    Technology,
    Transfer,
)

M = TypeVar("M", bound=models.Model)
Values = Mapping[str, Any]


def _snapshot(obj: models.Model, names: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def _upsert(
    model: type[M], key: Values, values: Values, *, actor: Any, actor_label: str
) -> tuple[M, Status]:
    """Create or update the row identified by `key` (FKs given by attname, e.g. `vendor_id`)."""
    with transaction.atomic():
        obj = model._default_manager.select_for_update().filter(**key).first()
        if obj is None:
            obj = model(**key, **values)
            obj.full_clean(validate_unique=False)  # the key is unique and was just looked up
            obj.save(force_insert=True)
            changes = audit.diff({}, _snapshot(obj, [*key, *values]))
            audit.record(
                CREATED[model], obj, actor=actor, actor_label=actor_label, changes=changes
            )
            return obj, "created"
        changes = audit.diff(_snapshot(obj, values), dict(values))
        if not changes:
            return obj, "unchanged"
        for name in changes:
            setattr(obj, name, values[name])
        obj.full_clean()
        obj.save(update_fields=list(changes))
        audit.record(UPDATED[model], obj, actor=actor, actor_label=actor_label, changes=changes)
        return obj, "updated"


def upsert_organisation(
    slug: str, values: Values, *, actor: Any = None, actor_label: str = ""
) -> tuple[Organisation, Status]:
    return _upsert(Organisation, {"slug": slug}, values, actor=actor, actor_label=actor_label)


def ensure_organisation(
    slug: str, values: Values, *, actor: Any = None, actor_label: str = ""
) -> Organisation:
    """Reuse the organisation with this slug as it stands; create it from `values` if missing."""
    existing = Organisation.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    return upsert_organisation(slug, values, actor=actor, actor_label=actor_label)[0]


SUB_NATIONAL = (Jurisdiction.Kind.SUBDIVISION, Jurisdiction.Kind.CITY)


def upsert_subdivision(
    code: str, values: Values, *, actor: Any = None, actor_label: str = ""
) -> tuple[Jurisdiction, Status]:
    """A region or city inside a jurisdiction (`kind`, `parent_id` and `name` in `values`);
    countries come from ISO 3166-1 and are not made here."""
    kind, parent = values.get("kind"), values.get("parent_id")
    if kind not in SUB_NATIONAL:
        raise ValidationError({"kind": _("A sub-national jurisdiction is a region or a city.")})
    if not parent or not Jurisdiction.objects.filter(pk=parent).exists():
        raise ValidationError({"parent": _("Name the jurisdiction it is part of.")})
    if parent == code:
        raise ValidationError({"parent": _("A jurisdiction cannot be part of itself.")})
    return _upsert(Jurisdiction, {"code": code}, values, actor=actor, actor_label=actor_label)


def upsert_control_entry(
    code: str, values: Values, *, actor: Any = None, actor_label: str = ""
) -> tuple[ControlEntry, Status]:
    return _upsert(ControlEntry, {"code": code}, values, actor=actor, actor_label=actor_label)


def ensure_control_entry(code: str, *, actor: Any = None, actor_label: str = "") -> ControlEntry:
    existing = ControlEntry.objects.filter(code=code).first()
    if existing is not None:
        return existing
    values = {"military": code.startswith("ML")}
    return upsert_control_entry(code, values, actor=actor, actor_label=actor_label)[0]


def upsert_transfer(
    external_id: str, values: Values, *, actor: Any = None, actor_label: str = ""
) -> tuple[Transfer, Status]:
    key = {"external_id": external_id}
    return _upsert(Transfer, key, values, actor=actor, actor_label=actor_label)


def upsert_licence_statistic(
    external_id: str, values: Values, *, actor: Any = None, actor_label: str = ""
) -> tuple[LicenceStatistic, Status]:
    key = {"external_id": external_id}
    return _upsert(LicenceStatistic, key, values, actor=actor, actor_label=actor_label)


def upsert_licence_statistics(
    items: Sequence[tuple[str, Values]], *, actor: Any = None, actor_label: str = ""
) -> list[Status]:
    """`upsert_licence_statistic` for many rows at once, in the caller's transaction:
    one read for the batch, `bulk_create` and `bulk_update`, one audit call a change.

    The statuses are those of the rows in order, as one at a time would give them (a
    key repeated in the batch is created once, then updated or unchanged). Validated
    with `full_clean` except the foreign keys, which the importer looked up. Sends
    `licence_statistics_saved` with the rows written."""
    keys = list(dict.fromkeys(external_id for external_id, _values in items))
    current: dict[str, LicenceStatistic] = {}
    for start in range(0, len(keys), 500):
        rows = LicenceStatistic.objects.select_for_update().filter(
            external_id__in=keys[start : start + 500]
        )
        current.update({row.external_id: row for row in rows})
    created: dict[str, LicenceStatistic] = {}
    names: dict[str, list[str]] = {}
    updated: dict[str, dict[str, list[Any]]] = {}
    fields: set[str] = set()
    statuses: list[Status] = []
    foreign = [f.name for f in LicenceStatistic._meta.concrete_fields if f.is_relation]
    for external_id, values in items:
        obj = current.get(external_id)
        if obj is None:
            obj = LicenceStatistic(external_id=external_id, **values)
            obj.full_clean(exclude=foreign, validate_unique=False, validate_constraints=False)
            current[external_id] = created[external_id] = obj
            names[external_id] = ["external_id", *values]
            statuses.append("created")
            continue
        changes = audit.diff(_snapshot(obj, values), dict(values))
        if not changes:
            statuses.append("unchanged")
            continue
        for name in changes:
            setattr(obj, name, values[name])
        obj.full_clean(exclude=foreign, validate_unique=False, validate_constraints=False)
        if external_id not in created:
            merged = updated.setdefault(external_id, {})
            for name, (old, new) in changes.items():
                merged[name] = [merged[name][0] if name in merged else old, new]
            fields.update(changes)
        statuses.append("updated")
    LicenceStatistic.objects.bulk_create(list(created.values()), batch_size=500)
    changed = [current[external_id] for external_id in updated]
    if changed:
        LicenceStatistic.objects.bulk_update(changed, sorted(fields), batch_size=500)
    for external_id, obj in created.items():
        changes = audit.diff({}, _snapshot(obj, names[external_id]))
        event = CREATED[LicenceStatistic]
        audit.record(event, obj, actor=actor, actor_label=actor_label, changes=changes)
    for external_id, changes in updated.items():
        obj = current[external_id]
        event = UPDATED[LicenceStatistic]
        audit.record(event, obj, actor=actor, actor_label=actor_label, changes=changes)
    written = [*created.values(), *changed]
    if written:
        fulltext.index_saved(LicenceStatistic, [obj.pk for obj in written])
        signals.licence_statistics_saved.send(
            sender=LicenceStatistic, rows=written, actor_label=actor_label
        )
    return statuses


def upsert_technology(
    slug: str,
    values: Values,
    control_codes: Sequence[str] = (),
    *,
    actor: Any = None,
    actor_label: str = "",
) -> tuple[Technology, Status]:
    """Fields as `upsert_*`; `control_codes` (normalised) replace the technology's entries."""
    with transaction.atomic():
        tech, status = _upsert(
            Technology, {"slug": slug}, values, actor=actor, actor_label=actor_label
        )
        old = sorted(tech.control_entries.values_list("code", flat=True))
        new = sorted(set(control_codes))
        if old == new:
            return tech, status
        entries = [
            ensure_control_entry(code, actor=actor, actor_label=actor_label) for code in new
        ]
        tech.control_entries.set(entries)
        tech.control_codes = new
        tech.save(update_fields=["control_codes"])
        audit.record(
            Event.TECHNOLOGY_CONTROL_ENTRIES_SET,
            tech,
            actor=actor,
            actor_label=actor_label,
            changes={"control_entries": [old, new]},
        )
        return tech, "updated" if status == "unchanged" else status


def _apply(
    jurisdiction: Jurisdiction, values: Values, event: Event, *, actor: Any, reasons: Sequence[str]
) -> Jurisdiction:
    if not any(str(reason).strip() for reason in reasons):
        raise ValidationError({"reasons": _("Give the reasons for this change.")})
    with transaction.atomic():
        locked = Jurisdiction.objects.select_for_update().get(pk=jurisdiction.pk)
        changes = audit.diff(_snapshot(locked, values), dict(values))
        if not changes:
            return locked
        for name, value in values.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save(update_fields=list(changes))
        audit.record(event, locked, actor=actor, changes=changes, reasons=reasons)
    return locked


def set_moratorium(
    jurisdiction: Jurisdiction,
    *,
    in_force: bool,
    since: date | None,
    scope: Sequence[str],
    reference: str,
    actor: Any,
    reasons: Sequence[str],
) -> Jurisdiction:
    """Declare, change or lift a moratorium on privately developed surveillance tools (66a)."""
    rules.declaration(in_force, since, scope).enforce()
    values = {
        "moratorium_in_force": in_force,
        "moratorium_since": since,
        "moratorium_scope": rules.ordered(scope),
        "moratorium_reference": reference.strip(),
    }
    with transaction.atomic():
        saved = _apply(
            jurisdiction, values, Event.JURISDICTION_MORATORIUM_SET, actor=actor, reasons=reasons
        )
        if in_force:
            transaction.on_commit(
                lambda: signals.moratorium_declared.send(sender=Jurisdiction, jurisdiction=saved)
            )
    return saved


def set_safeguards_status(
    jurisdiction: Jurisdiction,
    *,
    status: str,
    since: date | None,
    evidence: str,
    actor: Any,
    reasons: Sequence[str],
) -> Jurisdiction:
    """Record the state of the jurisdiction's safeguards regime; certified needs date and proof."""
    errors = {}
    if status not in Jurisdiction.Safeguards.values:
        errors["safeguards_status"] = _("%(value)s: not one of %(allowed)s") % {
            "value": status,
            "allowed": ", ".join(Jurisdiction.Safeguards.values),
        }
    if status == Jurisdiction.Safeguards.CERTIFIED:
        if since is None:
            errors["safeguards_since"] = _("A certified regime needs the date of certification.")
        if not evidence.strip():
            errors["safeguards_evidence"] = _("A certified regime needs a link to the evidence.")
    if errors:
        raise ValidationError(errors)
    values = {
        "safeguards_status": status,
        "safeguards_since": since,
        "safeguards_evidence": evidence.strip(),
    }
    with transaction.atomic():
        saved = _apply(
            jurisdiction, values, Event.JURISDICTION_SAFEGUARDS_SET, actor=actor, reasons=reasons
        )
        if saved.moratorium_in_force and status != Jurisdiction.Safeguards.CERTIFIED:
            # Without a certified regime the moratorium bites again.
            transaction.on_commit(
                lambda: signals.moratorium_declared.send(sender=Jurisdiction, jurisdiction=saved)
            )
    return saved


def _references() -> list[tuple[type[models.Model], str]]:
    """Every (model, field) that points at an organisation, in any app, M2M tables too."""
    found = []
    for relation in Organisation._meta.related_objects:
        if relation.many_to_many:
            through = relation.through  # type: ignore[attr-defined]
            field = next(
                f.name
                for f in through._meta.fields
                if f.is_relation and f.related_model is Organisation and f.name != "from"
            )
            found.append((through, field))
        else:
            found.append((relation.related_model, relation.field.name))
    return found


def merge_organisations(
    keep: Organisation, duplicate: Organisation, *, actor: Any, reasons: Sequence[str]
) -> dict[str, int]:
    """Fold a duplicate into the organisation kept: every row that names the duplicate, in
    any app, names the kept one; its name, aliases, slug and identifiers become aliases and
    identifiers of the kept one; then it is deleted. One audit entry lists what moved.
    Returns the number of rows moved per table."""
    errors: dict[str, str] = {}
    if keep.pk == duplicate.pk:
        errors["duplicate"] = _("Choose two different organisations.")
    elif keep.kind != duplicate.kind:
        errors["duplicate"] = _(
            "%(a)s is a %(kind_a)s and %(b)s a %(kind_b)s: they are not the same organisation."
        ) % {
            "a": keep.name,
            "kind_a": keep.get_kind_display(),
            "b": duplicate.name,
            "kind_b": duplicate.get_kind_display(),
        }
    if not any(str(reason).strip() for reason in reasons):
        errors["reasons"] = _("Give the reasons for this merge.")
    clash = sorted(
        key
        for key, value in duplicate.identifiers.items()
        if key in keep.identifiers and keep.identifiers[key] != value
    )
    if clash:
        errors["identifiers"] = _(
            "Their identifiers differ (%(keys)s): they may be different organisations."
        ) % {"keys": ", ".join(clash)}
    if errors:
        raise ValidationError(errors)
    moved: dict[str, int] = {}
    with transaction.atomic():
        kept = Organisation.objects.select_for_update().get(pk=keep.pk)
        gone = Organisation.objects.select_for_update().get(pk=duplicate.pk)
        try:
            with transaction.atomic():
                for model, field in _references():
                    rows = model._base_manager.filter(**{field: gone})
                    pks = list(rows.values_list("pk", flat=True))
                    if pks:
                        rows.update(**{field: kept})
                        fulltext.index_saved(model, pks)  # update() sends no post_save
                        moved[model._meta.label_lower] = len(pks)
        except IntegrityError:
            raise ValidationError(
                {"duplicate": _("Both are named in a record that allows only one of them.")}
            ) from None
        before = _snapshot(kept, ("aliases", "identifiers"))
        names = [*kept.aliases, gone.name, *gone.aliases, gone.slug]
        kept.aliases = [alias for alias in dict.fromkeys(names) if alias != kept.name]
        kept.identifiers = {**gone.identifiers, **kept.identifiers}
        kept.save(update_fields=["aliases", "aliases_text", "identifiers"])
        changes = audit.diff(before, _snapshot(kept, ("aliases", "identifiers")))
        changes["merged"] = [{"slug": gone.slug, "name": gone.name, "rows": moved}, None]
        event = Event.ORGANISATION_MERGED
        audit.record(event, kept, actor=actor, changes=changes, reasons=reasons)
        gone.delete()
    return moved
