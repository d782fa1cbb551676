"""Every write of monitoring, one function per change, each audited in its transaction.

Audit entries never carry a victim's name or affiliation: the audit log is public
(`/transparency/log/`), so identity changes are recorded as "changed" only.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from oversight.core import audit, transitions
from oversight.core.importing import Status
from oversight.core.models import AuditEntry
from oversight.monitoring import rules
from oversight.monitoring.events import CASE_MOVED, Event
from oversight.monitoring.models import (
    Case,
    Communication,
    ReferenceCounter,
    Reply,
    Source,
    Victim,
    VictimIdentity,
)
from oversight.monitoring.signals import case_substantiated
from oversight.monitoring.vocabulary import AddresseeKind, CaseStatus

Values = Mapping[str, Any]
IDENTITY_FIELDS = ("name", "code_name", "affiliation", "basis", "basis_note")
VICTIM_FIELDS = ("group", "group_as_reported", "affiliation_type", "country_id")
SOURCE_FIELDS = ("citation", "url", "accessed_on")


def _snapshot(obj: Any, names: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def _refresh_case(case: Case) -> None:
    """Keep the public digests of victims and sources in step with the rows."""
    victims = list(case.victims.order_by("pk").values_list("group", "affiliation_type"))
    urls = [url for url in case.sources.values_list("url", flat=True) if url]
    case.victim_groups = sorted({group for group, _ in victims})
    case.affiliation_types = sorted({kind for _, kind in victims})
    case.source_hosts = sorted({rules.publisher(url) for url in urls} - {""})
    case.source_count = case.sources.count()
    case.save(update_fields=["victim_groups", "affiliation_types", "source_hosts", "source_count"])


def _substantiated(case: Case) -> bool:
    return rules.is_substantiated(case.status, case.verification)


def _announce_if_substantiated(case: Case, before: bool) -> None:
    """After the commit, tell the apps above that this case has just become substantiated."""
    if before or not _substantiated(case):
        return
    states = [case.operator_country] if case.operator_country_id else []
    transaction.on_commit(
        lambda: case_substantiated.send(
            Case, case=case, states=states, technology=case.technology, vendor=case.vendor
        )
    )


def _names_of(case: Case) -> list[str]:
    rows = VictimIdentity.objects.filter(victim__case=case).exclude(name="")
    return list(rows.values_list("name", flat=True))


def _all_names() -> list[str]:
    """Every restricted name in the system: no public free text may carry one."""
    return list(VictimIdentity.objects.exclude(name="").values_list("name", flat=True))


def _check_names(case: Case, own: Sequence[str], others: Sequence[str]) -> None:
    texts = {name: str(getattr(case, name) or "") for name in rules.CASE_PUBLIC_TEXT}
    rules.restricted_names(texts, own, others).enforce()


def _check_case(case: Case, names: Sequence[str]) -> None:
    rules.case_dates(_snapshot(case, [f.attname for f in Case._meta.concrete_fields])).enforce()
    _check_names(case, names, _all_names())
    case.full_clean(exclude=["external_id"])


def _with_operators(values: Values) -> Values:
    """`operator_countries` and `operator_country_id` kept in step: the first State is
    the foreign key; a caller that gives only the foreign key gives a list of one."""
    if "operator_countries" in values:
        codes = list(values["operator_countries"] or [])
        return {
            **values,
            "operator_countries": codes,
            "operator_country_id": next(iter(codes), None),
        }
    if "operator_country_id" in values:
        code = values["operator_country_id"]
        return {**values, "operator_countries": [code] if code else []}
    if "operator_country" in values:  # the jurisdiction itself, as a form's cleaned data has it
        state = values["operator_country"]
        return {**values, "operator_countries": [state.pk] if state is not None else []}
    return values


def record_case(
    values: Values,
    victims: Sequence[tuple[Values, Values]] = (),
    sources: Sequence[Values] = (),
    *,
    actor: Any = None,
    actor_label: str = "",
) -> Case:
    """A new case, with its victims ((victim, identity) pairs) and sources."""
    values = _with_operators(values)
    with transaction.atomic():
        case = Case(**values)
        if not case.external_id:
            case.external_id = f"oversight-{timezone.now():%Y%m%d%H%M%S%f}"
        _check_case(case, [str(identity.get("name") or "") for _, identity in victims])
        case.save(force_insert=True)
        audit.record(
            Event.CASE_CREATED,
            case,
            actor=actor,
            actor_label=actor_label,
            changes=audit.diff({}, {k: v for k, v in values.items() if k != "external_id"}),
        )
        _announce_if_substantiated(case, before=False)
        for victim, identity in victims:
            add_victim(case, victim, identity, actor=actor, actor_label=actor_label)
        for source in sources:
            add_source(case, source, actor=actor, actor_label=actor_label)
        return case


def update_case(case: Case, values: Values, *, actor: Any, actor_label: str = "") -> Case:
    values = _with_operators(values)
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        changes = audit.diff(_snapshot(locked, values), dict(values))
        if not changes:
            return locked
        was = _substantiated(locked)
        for name in changes:
            setattr(locked, name, values[name])
        _check_case(locked, _names_of(locked))
        locked.save(update_fields=[*changes, "updated_at"])
        audit.record(
            Event.CASE_UPDATED,
            locked,
            actor=actor,
            actor_label=actor_label,
            changes=changes,
        )
        _announce_if_substantiated(locked, was)
        return locked


def set_case_status(case: Case, target: str, *, actor: Any, reasons: Sequence[str] = ()) -> Case:
    """Publish, withdraw or republish a case (rules.CASE_MACHINE)."""
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        transitions.check(rules.CASE_MACHINE, locked.status, target, locked)
        if target == CaseStatus.PUBLISHED:  # a victim recorded since may be named in it
            _check_names(locked, _names_of(locked), _all_names())
        changes = {"status": [locked.status, target]}
        was = _substantiated(locked)
        locked.status = target
        locked.save(update_fields=["status", "updated_at"])
        audit.record(CASE_MOVED[target], locked, actor=actor, changes=changes, reasons=reasons)
        _announce_if_substantiated(locked, was)
        return locked


def add_victim(
    case: Case, victim: Values, identity: Values, *, actor: Any, actor_label: str = ""
) -> Victim:
    """A victim of the case; refused when the case's public text already holds their name."""
    _check_names(case, [str(identity.get("name") or "")], ())
    with transaction.atomic():
        row = Victim(case=case, **victim)
        row.full_clean(exclude=["case"])
        row.save(force_insert=True)
        kept = {k: v for k, v in identity.items() if v}
        if kept.get("name") or kept.get("code_name") or kept.get("affiliation"):
            person = VictimIdentity(victim=row, **kept)
            person.full_clean(exclude=["victim"])
            person.save(force_insert=True)
        changes = audit.diff({}, {k: victim[k] for k in victim})
        if kept:
            changes["identity"] = [None, "recorded (restricted)"]
        audit.record(
            Event.VICTIM_ADDED, case, actor=actor, actor_label=actor_label, changes=changes
        )
        _refresh_case(case)
        return row


def add_source(case: Case, source: Values, *, actor: Any, actor_label: str = "") -> Source:
    rules.source(str(source.get("citation", "")), str(source.get("url", ""))).enforce()
    with transaction.atomic():
        row = Source(case=case, **source)
        row.full_clean(exclude=["case"])
        row.save(force_insert=True)
        changes = {"source": [None, rules.publisher(row.url) or row.citation[:80]]}
        audit.record(
            Event.SOURCE_ADDED, case, actor=actor, actor_label=actor_label, changes=changes
        )
        _refresh_case(case)
        return row


def _victim_rows(case: Case) -> list[tuple[Any, ...]]:
    rows = []
    for victim in case.victims.select_related("identity").order_by("pk"):
        person = getattr(victim, "identity", None)
        who = tuple(getattr(person, name, "") or "" for name in IDENTITY_FIELDS)
        rows.append((*_snapshot(victim, VICTIM_FIELDS).values(), *who))
    return rows


def _wanted_victims(victims: Sequence[tuple[Values, Values]]) -> list[tuple[Any, ...]]:
    rows = []
    for victim, identity in victims:
        who = tuple(identity.get(name) or "" for name in IDENTITY_FIELDS)
        rows.append((*(victim.get(name) for name in VICTIM_FIELDS), *who))
    return rows


def _replace_children(
    case: Case,
    victims: Sequence[tuple[Values, Values]],
    sources: Sequence[Values],
    actor_label: str,
) -> bool:
    changed = False
    if _victim_rows(case) != _wanted_victims(victims):
        case.victims.all().delete()
        for victim, identity in victims:
            add_victim(case, victim, identity, actor=None, actor_label=actor_label)
        changed = True
    have = [tuple(_snapshot(s, SOURCE_FIELDS).values()) for s in case.sources.order_by("pk")]
    want = [(s.get("citation", ""), s.get("url", ""), s.get("accessed_on")) for s in sources]
    if have != want:
        case.sources.all().delete()
        for source in sources:
            add_source(case, source, actor=None, actor_label=actor_label)
        changed = True
    return changed


def upsert_case(
    external_id: str,
    values: Values,
    victims: Sequence[tuple[Values, Values]],
    sources: Sequence[Values],
    *,
    actor_label: str,
    on_create: Values | None = None,
) -> tuple[Case, Status]:
    """For imports: create, or bring up to date, the case with this external id; an
    unchanged case (victims and sources included) writes nothing at all. `on_create`
    (the status, say) applies to a new case only: a re-import never republishes."""
    with transaction.atomic():
        case = Case.objects.select_for_update().filter(external_id=external_id).first()
        if case is None:
            values = {**values, **(on_create or {}), "external_id": external_id}
            return record_case(values, victims, sources, actor_label=actor_label), "created"
        before = case.updated_at
        case = update_case(case, values, actor=None, actor_label=actor_label)
        children = _replace_children(case, victims, sources, actor_label)
        return case, "updated" if children or case.updated_at != before else "unchanged"


def next_reference(kind: str, code: str, year: int) -> str:
    """The next number for this addressee and year, in one atomic statement.

    INSERT … ON CONFLICT DO UPDATE … RETURNING takes the row lock (PostgreSQL) or
    the database write lock (SQLite) and holds it to the end of the caller's
    transaction, so two analysts sending at once never get the same number, and a
    rolled-back letter gives its number back.
    """
    table = ReferenceCounter._meta.db_table
    sql = (
        f"INSERT INTO {table} (code, year, last) VALUES (%s, %s, 1) "  # noqa: S608 - our table
        f"ON CONFLICT (code, year) DO UPDATE SET last = {table}.last + 1 RETURNING last"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [code, year])
        row = cursor.fetchone()
        number = int(row[0])
    return rules.reference(kind, code, number, year)


def addressee_code(addressee_kind: str, state: Any) -> str:
    if addressee_kind == AddresseeKind.COMPANY or state is None:
        return "OTH"
    return str(state.alpha3 or state.code).upper()[:3]


def send_communication(
    values: Values, cases: Sequence[Case], *, actor: Any, actor_label: str = ""
) -> Communication:
    """Record a letter sent: its reference is numbered per addressee and year."""
    verdict = rules.communication(
        str(values.get("addressee_kind", "")),
        values.get("addressee_state"),
        values.get("addressee_company"),
        list(values.get("mandates") or []),
        bool(values.get("joint")),
    )
    verdict.enforce()
    texts = {name: str(values.get(name) or "") for name in ("subject", "letter_url")}
    own = [name for case in cases for name in _names_of(case)]
    rules.restricted_names(texts, own, _all_names()).enforce()
    with transaction.atomic():
        letter = Communication(**values, recorded_by=actor if getattr(actor, "pk", None) else None)
        letter.reply_due = Communication.due_date(letter.sent_on)
        letter.case_ids = sorted(case.pk for case in cases)
        letter.reference = "pending"
        letter.full_clean(exclude=["reference", "cases"])
        code = addressee_code(letter.addressee_kind, letter.addressee_state)
        letter.reference = next_reference(letter.kind, code, letter.sent_on.year)
        letter.save(force_insert=True)
        letter.cases.set(cases)
        changes = audit.diff(
            {},
            {
                "reference": letter.reference,
                "kind": letter.kind,
                "addressee": letter.addressee_name,
                "sent_on": letter.sent_on,
                "cases": letter.case_ids,
            },
        )
        audit.record(
            Event.COMMUNICATION_SENT,
            letter,
            actor=actor,
            actor_label=actor_label,
            changes=changes,
        )
        return letter


def record_reply(
    communication: Communication, values: Values, *, actor: Any, actor_label: str = ""
) -> Reply:
    with transaction.atomic():
        letter = Communication.objects.select_for_update().get(pk=communication.pk)
        received = values.get("received_on")
        if isinstance(received, date):
            rules.reply_date(letter.sent_on, received).enforce()
        reply = Reply(communication=letter, **values)
        reply.full_clean(exclude=["communication"])
        reply.save(force_insert=True)
        dates = list(letter.replies.values_list("received_on", flat=True))
        letter.first_reply_on, letter.reply_count = min(dates), len(dates)
        letter.save(update_fields=["first_reply_on", "reply_count"])
        changes = {
            "received_on": [None, reply.received_on],
            "assessment": [None, reply.assessment],
        }
        audit.record(
            Event.REPLY_RECORDED,
            letter,
            actor=actor,
            actor_label=actor_label,
            changes=changes,
        )
        return reply


def publish_communications(
    start: date, end: date, *, actor: Any, today: date | None = None
) -> int:
    """Make public the letters sent in a reporting window (and their replies)."""
    if end < start:
        raise ValidationError({"end": "the end of the window is before its start"})
    today = today or timezone.localdate()
    with transaction.atomic():
        letters = list(
            Communication.objects.select_for_update()
            .sent_between(start, end)
            .filter(published_on__isnull=True)
        )
        for letter in letters:
            letter.published_on = today
            letter.save(update_fields=["published_on"])
            audit.record(
                Event.COMMUNICATION_PUBLISHED,
                letter,
                actor=actor,
                changes={"published_on": [None, today]},
                reasons=[f"reporting window {start} to {end}"],
            )
        return len(letters)


# Windows that closed longer ago than this were overdue before anyone watched (letters
# imported from the archive): noting them all at once would flood the public log.
OVERDUE_LOOKBACK = timedelta(days=60)


def note_overdue_replies(today: date) -> int:
    """Record, once for each, the communications whose reply window closed unanswered
    (in the last OVERDUE_LOOKBACK days: the periodic job runs hourly)."""
    noted = set(
        AuditEntry.objects.filter(
            action=Event.REPLY_OVERDUE, object_type=Communication._meta.label_lower
        ).values_list("object_id", flat=True)
    )
    count = 0
    recent = Communication.objects.overdue(today).filter(reply_due__gte=today - OVERDUE_LOOKBACK)
    for letter in recent.order_by("pk"):
        if str(letter.pk) in noted:
            continue
        with transaction.atomic():
            audit.record(
                Event.REPLY_OVERDUE,
                letter,
                actor_label="system",
                changes={"reply_due": letter.reply_due.isoformat()},
                reasons=["no reply was recorded within the reply window"],
            )
        count += 1
    return count
