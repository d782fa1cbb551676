"""Writes of independent audits, one function per change, each audited in its transaction.

Who may act travels with the write: the company's members open an engagement and answer
nonconformities; only the engagement's lead auditor, a named auditor of an accredited
firm, declares independence, records findings, verifies corrective actions and publishes.
"""

import hashlib
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.accounts.access import has_role
from oversight.accounts.models import Role
from oversight.companies import audit_rules
from oversight.companies.actions.standards import seat_of
from oversight.companies.events import Event
from oversight.companies.models import (
    AuditFirm,
    ConflictOfInterest,
    CorrectiveAction,
    Engagement,
    Finding,
    Requirement,
    StandardVersion,
)
from oversight.core import audit, transitions
from oversight.core.rules import Reason, Refused
from oversight.registry.models import Organisation, Technology

S = Engagement.Status
MAX_TEXT = 20_000


def _text(value: str, name: str, *, required: bool = True) -> str:
    value = value.strip()
    if required and not value:
        raise ValidationError({name: [_("This field is required.")]})
    if len(value) > MAX_TEXT:
        raise ValidationError({name: [_("At most %(n)d characters.") % {"n": MAX_TEXT}]})
    return value


def _digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest() if text else ""


def _auditor_only(engagement: Engagement, actor: Any) -> None:
    if not (
        getattr(actor, "pk", None)
        and engagement.auditor_id == actor.pk
        and has_role(actor, Role.AUDITOR, organisation=engagement.firm.organisation)
    ):
        raise PermissionDenied(_("Only the engagement's lead auditor may do this."))


def _company_only(engagement: Engagement, actor: Any) -> None:
    if not (
        getattr(actor, "pk", None)
        and has_role(actor, Role.COMPANY_MEMBER, organisation=engagement.company)
    ):
        raise PermissionDenied(_("Only a member of the audited company may do this."))


def _move(locked: Engagement, target: str) -> str:
    try:
        transitions.check(audit_rules.ENGAGEMENT_MOVES, locked.status, target, locked)
    except transitions.IllegalTransition as error:
        raise Refused([Reason(str(error), "status")]) from None
    old, locked.status = locked.status, target
    return old


def _lock(engagement: Engagement) -> Engagement:
    return (
        Engagement.objects.select_for_update()
        .select_related("firm__organisation", "company", "version")
        .get(pk=engagement.pk)
    )


def accredit_firm(
    organisation: Organisation,
    *,
    body: Organisation,
    reference: str,
    accredited_on: date,
    accredited_until: date,
    actor: Any,
) -> AuditFirm:
    """A standards body accredits an audit firm for a period (a renewal replaces it)."""
    seat_of(actor, body)
    if organisation.kind != Organisation.Kind.AUDITOR:
        raise ValidationError(
            {"organisation": [_("%(o)s is not an audit firm.") % {"o": organisation}]}
        )
    if accredited_until < accredited_on:
        raise ValidationError({"accredited_until": [_("It cannot end before it starts.")]})
    reference = _text(reference, "reference")
    with transaction.atomic():
        old = AuditFirm.objects.select_for_update().filter(organisation=organisation).first()
        firm = old or AuditFirm(organisation=organisation)
        before = {
            "reference": old.reference if old else None,
            "accredited_until": old.accredited_until if old else None,
        }
        firm.accredited_by, firm.reference = body, reference
        firm.accredited_on, firm.accredited_until = accredited_on, accredited_until
        firm.save()
        after = {"reference": reference, "accredited_until": accredited_until}
        audit.record(
            Event.AUDIT_FIRM_ACCREDITED, firm, actor=actor, changes=audit.diff(before, after)
        )
    return firm


def declare_conflict(company: Organisation, *, description: str, actor: Any) -> ConflictOfInterest:
    """An auditor declares a conflict of interest with a company; from then on no engagement
    between them opens, and a planned one cannot start."""
    if not (getattr(actor, "pk", None) and has_role(actor, Role.AUDITOR)):
        raise PermissionDenied(_("Only an auditor declares a conflict of interest."))
    if company.kind != Organisation.Kind.COMPANY:
        raise ValidationError({"company": [_("%(o)s is not a company.") % {"o": company}]})
    row = ConflictOfInterest(
        auditor=actor,
        company=company,
        description=_text(description, "description"),
        declared_on=timezone.localdate(),
    )
    with transaction.atomic():
        row.save(force_insert=True)
        # The log says that a conflict exists, not what it is.
        changes = audit.diff({}, {"company_id": company.pk, "declared_on": row.declared_on})
        audit.record(Event.CONFLICT_DECLARED, row, actor=actor, changes=changes)
    return row


def _conflict(auditor_id: int, company: Organisation) -> bool:
    return ConflictOfInterest.objects.filter(auditor_id=auditor_id, company=company).exists()


def open_engagement(
    company: Organisation,
    *,
    firm: AuditFirm,
    auditor: Any,
    version: StandardVersion,
    products: Sequence[Technology],
    period_start: date,
    period_end: date,
    access_until: date,
    sample_cases: Iterable[str] = (),
    reaudit_of: Engagement | None = None,
    actor: Any,
) -> Engagement:
    """The company commissions an audit; every reason against it is given at once."""
    if not (
        getattr(actor, "pk", None) and has_role(actor, Role.COMPANY_MEMBER, organisation=company)
    ):
        raise PermissionDenied(_("Only a member of the company commissions its audit."))
    today = timezone.localdate()
    facts = audit_rules.EngagementFacts(
        today=today,
        firm_accredited=firm.accredited(today),
        auditor_in_firm=has_role(auditor, Role.AUDITOR, organisation=firm.organisation),
        conflict=_conflict(auditor.pk, company),
        version_adopted=version.status == StandardVersion.Status.ADOPTED,
        foreign_products=[p.name for p in products if p.vendor_id != company.pk],
        product_count=len(products),
        period_start=period_start,
        period_end=period_end,
        access_until=access_until,
        reaudit_other_company=reaudit_of is not None and reaudit_of.company_id != company.pk,
        auditor_is_member=has_role(auditor, Role.COMPANY_MEMBER, organisation=company),
    )
    audit_rules.engagement_problems(facts).enforce()
    cases = [line.strip()[:200] for line in sample_cases if line.strip()]
    row = Engagement(
        company=company,
        firm=firm,
        auditor=auditor,
        version=version,
        period_start=period_start,
        period_end=period_end,
        access_until=access_until,
        sample_cases=cases,
        reaudit_of=reaudit_of,
    )
    with transaction.atomic():
        row.save(force_insert=True)
        row.products.set(products)
        fields = {
            "company_id": company.pk, "firm_id": firm.pk, "auditor_id": auditor.pk,
            "version_id": version.pk, "products": sorted(p.pk for p in products),
            "period_start": period_start, "period_end": period_end,
            "access_until": access_until, "reaudit_of_id": reaudit_of and reaudit_of.pk,
        }  # fmt: skip
        audit.record(Event.ENGAGEMENT_OPENED, row, actor=actor, changes=audit.diff({}, fields))
    return row


def declare_independence(engagement: Engagement, *, statement: str, actor: Any) -> Engagement:
    """The lead auditor's declaration of independence for this engagement opens fieldwork
    (and the auditor's access to the record in scope). A declared conflict refuses it."""
    _auditor_only(engagement, actor)
    statement = _text(statement, "statement")
    with transaction.atomic():
        locked = _lock(engagement)
        if _conflict(actor.pk, locked.company):
            message = _("You declared a conflict of interest with %(c)s: you cannot audit it.")
            raise Refused([Reason(message % {"c": locked.company}, "statement")])
        old = _move(locked, S.FIELDWORK)
        locked.independence_statement = statement
        locked.independence_declared_at = timezone.now()
        locked.save(update_fields=["status", "independence_statement", "independence_declared_at"])
        audit.record(
            Event.INDEPENDENCE_DECLARED,
            locked,
            actor=actor,
            changes={"status": [old, locked.status]},
            reasons=[statement],
        )
    return locked


def withdraw_engagement(engagement: Engagement, *, reason: str, actor: Any) -> Engagement:
    """The company or the auditor withdraws an unpublished engagement, with the reason."""
    if not getattr(actor, "pk", None):
        raise PermissionDenied
    try:
        _auditor_only(engagement, actor)
    except PermissionDenied:
        _company_only(engagement, actor)
    reason = _text(reason, "reason")
    with transaction.atomic():
        locked = _lock(engagement)
        old = _move(locked, S.WITHDRAWN)
        locked.save(update_fields=["status"])
        audit.record(
            Event.ENGAGEMENT_WITHDRAWN,
            locked,
            actor=actor,
            changes={"status": [old, locked.status]},
            reasons=[reason],
        )
    return locked


def record_finding(
    engagement: Engagement,
    *,
    requirement: Requirement,
    result: str,
    evidence: str,
    actor: Any,
) -> Finding:
    """One finding per requirement of the audited version, with its evidence (recording it
    again during fieldwork replaces it, and the log keeps both)."""
    _auditor_only(engagement, actor)
    if result not in Finding.Result.values:
        raise ValidationError({"result": [_("Choose a result.")]})
    evidence = _text(evidence, "evidence")
    with transaction.atomic():
        locked = _lock(engagement)
        audit_rules.finding_problem(
            locked.status, requirement.version_id == locked.version_id
        ).enforce()
        old = Finding.objects.filter(engagement=locked, requirement=requirement).first()
        finding, _created = Finding.objects.update_or_create(
            engagement=locked,
            requirement=requirement,
            defaults={"result": result, "evidence": evidence},
        )
        # Evidence may quote the company's non-public record: the public log keeps its
        # digest (proof of what was found, when), never the text.
        before = {
            "result": old.result if old else None,
            "evidence": _digest(old.evidence if old else ""),
        }
        changes = audit.diff(before, {"result": result, "evidence": _digest(evidence)})
        changes["requirement"] = [None, requirement.identifier]
        audit.record(Event.FINDING_RECORDED, finding, actor=actor, changes=changes)
    return finding


def plan_corrective_action(
    finding: Finding, *, description: str, owner: str, due_on: date, actor: Any
) -> CorrectiveAction:
    """The company answers a nonconformity with an action, its owner and its deadline."""
    engagement = finding.engagement
    _company_only(engagement, actor)
    reasons = []
    if not finding.nonconformity:
        reasons.append(Reason(_("Only a nonconformity calls for a corrective action."), "finding"))
    if engagement.status not in (S.FIELDWORK, S.PUBLISHED):
        reasons.append(Reason(_("The engagement is not running."), "finding"))
    if due_on < timezone.localdate():
        reasons.append(Reason(_("The deadline cannot be in the past."), "due_on"))
    if reasons:
        raise Refused(reasons)
    row = CorrectiveAction(
        finding=finding,
        description=_text(description, "description"),
        owner=_text(owner, "owner")[:200],
        due_on=due_on,
    )
    row.full_clean()
    with transaction.atomic():
        row.save(force_insert=True)
        fields = {"finding_id": finding.pk, "due_on": due_on}  # the owner is a person
        audit.record(
            Event.CORRECTIVE_ACTION_PLANNED, row, actor=actor, changes=audit.diff({}, fields)
        )
    return row


def _move_action(
    action: CorrectiveAction, target: str, event: Event, actor: Any, **fields: Any
) -> CorrectiveAction:
    with transaction.atomic():
        locked = CorrectiveAction.objects.select_for_update().get(pk=action.pk)
        try:
            transitions.check(audit_rules.ACTION_MOVES, locked.status, target, locked)
        except transitions.IllegalTransition as error:
            raise Refused([Reason(str(error), "status")]) from None
        old, locked.status = locked.status, target
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save(update_fields=["status", *fields])
        changes: dict[str, list[Any]] = {"status": [old, target]}
        changes |= {
            name: [None, _digest(value)]
            for name, value in fields.items()
            if isinstance(value, str)
        }
        audit.record(event, locked, actor=actor, changes=changes)
    return locked


def complete_corrective_action(
    action: CorrectiveAction, *, note: str, actor: Any
) -> CorrectiveAction:
    """The company reports an action done, saying what it did; the auditor then verifies."""
    _company_only(action.finding.engagement, actor)
    note = _text(note, "note")
    return _move_action(
        action, CorrectiveAction.Status.DONE, Event.CORRECTIVE_ACTION_DONE, actor,
        completion_note=note,
    )  # fmt: skip


def verify_corrective_action(
    action: CorrectiveAction, *, accepted: bool, note: str, actor: Any
) -> CorrectiveAction:
    """The auditor verifies an action reported done, or sends it back as still open."""
    _auditor_only(action.finding.engagement, actor)
    note = _text(note, "note")
    if accepted:
        return _move_action(
            action, CorrectiveAction.Status.VERIFIED, Event.CORRECTIVE_ACTION_VERIFIED, actor,
            verification_note=note, verified_on=timezone.localdate(),
        )  # fmt: skip
    return _move_action(
        action, CorrectiveAction.Status.OPEN, Event.CORRECTIVE_ACTION_REOPENED, actor,
        verification_note=note,
    )  # fmt: skip


def publish_summary(engagement: Engagement, *, summary: str, actor: Any) -> Engagement:
    """The auditor publishes the audit's summary: every requirement has its finding and
    every nonconformity a corrective action, or the refusal names what is missing."""
    _auditor_only(engagement, actor)
    summary = _text(summary, "summary", required=False)
    with transaction.atomic():
        locked = _lock(engagement)
        findings = {f.requirement_id: f for f in locked.findings.prefetch_related("actions")}
        requirements = list(locked.version.requirements.all())
        missing = [r.identifier for r in requirements if r.pk not in findings]
        without = [
            f.requirement.identifier
            for f in locked.findings.select_related("requirement")
            if f.nonconformity and not f.actions.exists()
        ]
        audit_rules.publication_problems(locked.status, missing, without, summary).enforce()
        old = _move(locked, S.PUBLISHED)
        locked.summary, locked.published_on = summary, timezone.localdate()
        locked.save(update_fields=["status", "summary", "published_on"])
        audit.record(
            Event.AUDIT_SUMMARY_PUBLISHED,
            locked,
            actor=actor,
            changes={"status": [old, locked.status], "published_on": [None, locked.published_on]},
        )
    return locked
