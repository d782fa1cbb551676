"""The applicant's writes: create and edit a draft, its lines, parties and confidential fields."""

import uuid
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from oversight.consultations import uploads
from oversight.core import audit
from oversight.licensing import completeness
from oversight.licensing.actions.base import lock, record, require_status
from oversight.licensing.events import Event
from oversight.licensing.models import Application, ConfidentialField, GoodsLine, Party, Status
from oversight.registry.models import ControlEntry, Jurisdiction, Organisation, Technology
from oversight.registry.normalise import control_code

DRAFT_FIELDS = (
    "destination_id",
    "transit",
    "servicing",
    "end_use",
    "research_transfer",
    "research_purpose",
    "research_description",
    "declaration_accurate",
    "declaration_conditions",
)
MAX_STATEMENT_BYTES = 10 * 1024 * 1024


def create_application(
    exporter: Organisation,
    *,
    exporting_jurisdiction: Jurisdiction | None = None,
    actor: Any,
    key: str = "",
) -> Application:
    """A new draft; the same `key` (a double click) gives back the same draft."""
    if key:
        existing = Application.objects.filter(exporter=exporter, creation_key=key).first()
        if existing is not None:
            return existing
    state = exporting_jurisdiction or exporter.jurisdiction
    if state is None:
        raise ValidationError(
            {"exporting_jurisdiction": _("Choose the State whose licence you apply for.")}
        )
    try:
        with transaction.atomic():
            app = Application.objects.create(
                reference=f"tmp-{uuid.uuid4().hex[:20]}",
                exporter=exporter,
                exporting_jurisdiction=state,
                creation_key=key[:64],
                created_by=actor,
            )
            app.reference = f"LA-{app.created_at:%Y}-{app.pk:05d}"
            app.save(update_fields=["reference"])
            record(
                Event.APPLICATION_CREATED,
                app,
                actor=actor,
                changes={"exporter": [None, exporter.slug]},
            )
    except IntegrityError:  # the other click won the race
        return Application.objects.get(exporter=exporter, creation_key=key)
    return app


def update_draft(
    application: Application, values: Mapping[str, Any], *, actor: Any
) -> Application:
    """Change the draft's own fields (those in DRAFT_FIELDS); write nothing when unchanged."""
    unknown = set(values) - set(DRAFT_FIELDS)
    if unknown:
        raise ValidationError({name: _("This field cannot be changed here.") for name in unknown})
    destination = values.get("destination_id")
    if destination is not None and not Jurisdiction.objects.filter(pk=destination).exists():
        raise ValidationError({"destination": _("Not a known country code.")})
    if "transit" in values:
        values = {**values, "transit": _transit(values["transit"])}
    with transaction.atomic():
        app = lock(application)
        require_status(app, Status.DRAFT)
        changes = audit.diff({k: getattr(app, k) for k in values}, dict(values))
        if changes:
            for name in changes:
                setattr(app, name, values[name])
            app.save(update_fields=[*changes, "updated_at"])
            record(Event.APPLICATION_DRAFT_UPDATED, app, actor=actor, changes=changes)
    return app


def _transit(codes: Any) -> list[str]:
    """The transit countries as known codes, in the order given, each once."""
    wanted = list(dict.fromkeys(str(code).strip().upper() for code in codes or ()))
    known = set(Jurisdiction.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    unknown = [code for code in wanted if code not in known]
    if unknown:
        message = _("Not a known country code: %(codes)s") % {"codes": ", ".join(unknown)}
        raise ValidationError({"transit": message})
    return wanted


def _control_entry(raw: str) -> ControlEntry | None:
    try:
        code = control_code(raw)
    except ValueError:
        return None
    return ControlEntry.objects.filter(code=code).first()


def add_line(application: Application, values: Mapping[str, Any], *, actor: Any) -> GoodsLine:
    """values: technology (Technology), control_code, quantity, value, currency, description."""
    with transaction.atomic():
        app = lock(application)
        require_status(app, Status.DRAFT)
        number = (app.lines.aggregate(top=Max("number"))["top"] or 0) + 1
        entry = _control_entry(str(values.get("control_code") or ""))
        completeness.line_errors(
            number, dict(values), control_code_known=entry is not None
        ).enforce()
        technology: Technology = values["technology"]
        line = GoodsLine.objects.create(
            application=app,
            number=number,
            technology=technology,
            control_entry=entry,
            description=str(values.get("description") or ""),
            quantity=values["quantity"],
            value=values["value"],
            currency=str(values["currency"]).upper(),
        )
        changes = {"line": [None, number], "technology": [None, technology.slug]}
        record(Event.APPLICATION_LINE_ADDED, app, actor=actor, changes=changes)
    return line


def remove_line(application: Application, number: int, *, actor: Any) -> None:
    with transaction.atomic():
        app = lock(application)
        require_status(app, Status.DRAFT)
        deleted, _rows = app.lines.filter(number=number).delete()
        if deleted:
            record(
                Event.APPLICATION_LINE_REMOVED, app, actor=actor, changes={"line": [number, None]}
            )


def add_party(application: Application, values: Mapping[str, Any], *, actor: Any) -> Party:
    """values: role, name, kind, jurisdiction_id, address, organisation (optional)."""
    errors = {}
    if values.get("role") not in Party.Role.values:
        errors["role"] = _("Choose consignee, end user, ultimate end user or intermediary.")
    if values.get("kind") not in Party.Kind.values:
        errors["kind"] = _("Choose government, commercial or individual.")
    if not str(values.get("name") or "").strip():
        errors["name"] = _("Give the party's name.")
    if not Jurisdiction.objects.filter(pk=str(values.get("jurisdiction_id") or "")).exists():
        errors["jurisdiction"] = _("Not a known country code.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        app = lock(application)
        require_status(app, Status.DRAFT)
        party = Party.objects.create(
            application=app,
            role=values["role"],
            name=str(values["name"]).strip(),
            kind=values["kind"],
            jurisdiction_id=values["jurisdiction_id"],
            address=str(values.get("address") or ""),
            organisation=values.get("organisation"),
        )
        changes = {"party": [None, f"{party.role}: {party.name}"]}
        record(Event.APPLICATION_PARTY_ADDED, app, actor=actor, changes=changes)
    return party


def remove_party(application: Application, party_id: int, *, actor: Any) -> None:
    with transaction.atomic():
        app = lock(application)
        require_status(app, Status.DRAFT)
        party = app.parties.filter(pk=party_id).first()
        if party is not None:
            party.delete()
            changes = {"party": [f"{party.role}: {party.name}", None]}
            record(Event.APPLICATION_PARTY_REMOVED, app, actor=actor, changes=changes)


def mark_confidential(
    application: Application, field: str, *, reason: str, actor: Any
) -> ConfidentialField:
    """Withhold a commercial field from the public notice; the reason is published."""
    errors = {}
    if field not in ConfidentialField.Field.values:
        errors["field"] = _("Choose one of: %(f)s") % {
            "f": ", ".join(ConfidentialField.Field.values)
        }
    if not reason.strip():
        errors["reason"] = _("A redaction needs a reason; it is published.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        app = lock(application)
        require_status(app, Status.DRAFT)
        row, _created = ConfidentialField.objects.update_or_create(
            application=app, field=field, defaults={"reason": reason.strip()}
        )
        record(
            Event.APPLICATION_CONFIDENTIAL_MARKED,
            app,
            actor=actor,
            changes={"confidential": [None, field]},
            reasons=[reason.strip()],
        )
    return row


def unmark_confidential(application: Application, field: str, *, actor: Any) -> None:
    with transaction.atomic():
        app = lock(application)
        require_status(app, Status.DRAFT)
        if app.confidential_fields.filter(field=field).delete()[0]:
            record(
                Event.APPLICATION_CONFIDENTIAL_UNMARKED,
                app,
                actor=actor,
                changes={"confidential": [field, None]},
            )


def attach_end_use_statement(
    application: Application, upload: UploadedFile, *, actor: Any
) -> Application:
    if not upload.size:
        raise ValidationError({"end_use_statement": _("Attach a file of at most 10 MB.")})
    # By content, never by the file's name; bounded and cleaned like any file from outside.
    checked = uploads.check_one(upload, MAX_STATEMENT_BYTES)
    if isinstance(checked, str):
        raise ValidationError({"end_use_statement": checked})
    with transaction.atomic():
        app = lock(application)
        require_status(app, Status.DRAFT)
        name = checked.name
        app.end_use_statement.save(name, checked.upload, save=False)
        app.save(update_fields=["end_use_statement", "updated_at"])
        record(
            Event.APPLICATION_STATEMENT_ATTACHED,
            app,
            actor=actor,
            changes={"end_use_statement": [None, name]},
        )
    return app
