"""Every write of a company's compliance record, one function per change, each audited.

The audit log is public: misuse reports are recorded by id, status and reasons, never
with who reported them.
"""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.accounts.access import has_role, jurisdiction_ids_for, organisation_ids_for
from oversight.accounts.models import Role
from oversight.companies import rules, signals
from oversight.companies.events import CREATED, Event
from oversight.companies.models import (
    ContractualSafeguard,
    DueDiligence,
    HumanRightsCommitment,
    MisuseReport,
)
from oversight.core import audit, transitions
from oversight.registry.models import Organisation, Technology

M = TypeVar("M", bound=models.Model)


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _check_company(company: Organisation) -> None:
    if company.kind != Organisation.Kind.COMPANY:
        raise ValidationError({"company": [_("%(name)s is not a company.") % {"name": company}]})


def _check_technology(company: Organisation, technology: Technology | None) -> None:
    if technology is not None and technology.vendor_id != company.pk:
        raise ValidationError(
            {
                "technology": [
                    _("%(technology)s is not a product of %(company)s.")
                    % {"technology": technology, "company": company}
                ]
            }
        )


def _create(obj: M, fields: Iterable[str], *, actor: Any) -> M:
    """Validate, save and audit a new row, in one transaction."""
    obj.full_clean()
    with transaction.atomic():
        obj.save(force_insert=True)
        changes = audit.diff({}, {name: getattr(obj, name) for name in fields})
        audit.record(CREATED[type(obj)], obj, actor=actor, changes=changes)
    return obj


def file_commitment(
    company: Organisation,
    *,
    url: str,
    adopted_on: date,
    last_reviewed_on: date | None = None,
    text: str = "",
    signatory: str = "",
    actor: Any,
) -> HumanRightsCommitment:
    """File the next version of the company's public commitment (the old ones stay, public)."""
    _check_company(company)
    if last_reviewed_on is not None and last_reviewed_on < adopted_on:
        raise ValidationError({"last_reviewed_on": [_("A review cannot precede adoption.")]})
    fields = ["company_id", "version", "url", "signatory", "adopted_on", "last_reviewed_on"]
    with transaction.atomic():
        # The company's row is the lock: two filings at once cannot take the same version.
        Organisation.objects.select_for_update().filter(pk=company.pk).first()
        last = HumanRightsCommitment.objects.filter(company=company).aggregate(
            v=models.Max("version")
        )["v"]
        row = HumanRightsCommitment(
            company=company,
            version=(last or 0) + 1,
            url=url,
            text=text.strip(),
            signatory=signatory.strip(),
            adopted_on=adopted_on,
            last_reviewed_on=last_reviewed_on,
        )
        return _create(row, fields, actor=actor)


def record_due_diligence(
    company: Organisation,
    *,
    technology: Technology,
    summary: str,
    url: str = "",
    completed_on: date,
    valid_until: date,
    actor: Any,
) -> DueDiligence:
    _check_company(company)
    _check_technology(company, technology)
    if valid_until < completed_on:
        raise ValidationError({"valid_until": [_("Validity cannot end before completion.")]})
    row = DueDiligence(
        company=company,
        technology=technology,
        summary=summary.strip(),
        url=url,
        completed_on=completed_on,
        valid_until=valid_until,
    )
    fields = ["company_id", "technology_id", "url", "completed_on", "valid_until"]
    return _create(row, fields, actor=actor)


def record_safeguard(
    company: Organisation,
    *,
    technology: Technology | None,
    description: str,
    in_effect_since: date,
    actor: Any,
) -> ContractualSafeguard:
    _check_company(company)
    _check_technology(company, technology)
    row = ContractualSafeguard(
        company=company,
        technology=technology,
        description=description.strip(),
        in_effect_since=in_effect_since,
    )
    return _create(row, ["company_id", "technology_id", "in_effect_since"], actor=actor)


def report_misuse(
    company: Organisation,
    *,
    technology: Technology | None = None,
    end_user: Organisation | None = None,
    end_user_text: str = "",
    description: str,
    reported_on: date | None = None,
    addressed_to: str = "",
    actor: Any,
) -> MisuseReport:
    """File a report; it goes to the licensing authority of the company's State (or, if the
    company has none on file or chooses it, the UN working group), which assesses it."""
    _check_company(company)
    _check_technology(company, technology)
    state = company.jurisdiction_id
    addressed_to = addressed_to or (
        MisuseReport.Addressee.AUTHORITY if state else MisuseReport.Addressee.WORKING_GROUP
    )
    rules.addressee_problem(addressed_to, state).enforce()
    if end_user is None and not end_user_text.strip() and technology is None:
        raise ValidationError(
            {"end_user_text": [_("Name the end user or the technology the report is about.")]}
        )
    row = MisuseReport(
        company=company,
        technology=technology,
        end_user=end_user,
        end_user_text=end_user_text.strip(),
        description=description.strip(),
        reported_on=reported_on or timezone.localdate(),
        reported_by=_user(actor),
        addressed_to=addressed_to,
    )
    fields = [
        "company_id", "technology_id", "end_user_id", "status", "reported_on", "addressed_to"
    ]  # fmt: skip
    return _create(row, fields, actor=actor)


def change_misuse_status(
    report: MisuseReport,
    *,
    status: str,
    reasons: list[str],
    resolution: str = "",
    actor: Any,
) -> MisuseReport:
    """The assessing body moves a misuse report on, with reasons (never the company).

    Only the body the report is addressed to may (`rules.may_assess`); substantiating it
    signals after the commit, and only its resolution lifts the approval block.
    """
    company = report.company
    state = company.jurisdiction
    rules.may_assess(
        report.pk, report.addressed_to, company.jurisdiction_id, state.name if state else None,
        assessor(actor), company=(company.pk, company.name),
    ).enforce()  # fmt: skip
    reasons = [line.strip() for line in reasons if line.strip()]
    if not reasons:
        raise ValidationError({"reasons": [_("Give the reasons for the change.")]})
    if status == MisuseReport.Status.RESOLVED and not resolution.strip():
        raise ValidationError({"resolution": [_("Say how the misuse was resolved.")]})
    with transaction.atomic():
        locked = MisuseReport.objects.select_for_update().get(pk=report.pk)
        try:
            transitions.check(rules.MISUSE_MOVES, locked.status, status, locked)
        except transitions.IllegalTransition as error:
            raise ValidationError({"status": [str(error)]}) from None
        old = _status_snapshot(locked)
        locked.status, locked.status_reasons = status, reasons
        if status == MisuseReport.Status.RESOLVED:
            locked.resolution, locked.resolved_on = resolution.strip(), timezone.localdate()
        locked.save(update_fields=["status", "status_reasons", "resolution", "resolved_on"])
        audit.record(
            Event.MISUSE_REPORT_STATUS_CHANGED,
            locked,
            actor=actor,
            changes=audit.diff(old, _status_snapshot(locked)),
            reasons=reasons,
        )
        if status == MisuseReport.Status.SUBSTANTIATED:
            transaction.on_commit(lambda: _announce(locked))
    return locked


def assessor(actor: Any) -> rules.Assessor:
    """The facts `rules.may_assess` needs of whoever acts (nobody, for no user)."""
    if not getattr(actor, "pk", None):
        return rules.Assessor(frozenset(), analyst=False)
    states = jurisdiction_ids_for(actor, Role.LICENSING_OFFICER).values_list(
        "jurisdiction_id", flat=True
    )
    companies = organisation_ids_for(actor, Role.COMPANY_MEMBER).values_list(
        "organisation_id", flat=True
    )
    return rules.Assessor(
        frozenset(states), analyst=has_role(actor, Role.ANALYST), member_of=frozenset(companies)
    )


MAX_INFORMATION = 20_000


def add_misuse_information(report: MisuseReport, *, text: str, actor: Any) -> MisuseReport:
    """The company adds information to its report; the status stays the body's to change."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": [_("Write the information to add.")]})
    if len(text) > MAX_INFORMATION:
        message = _("At most %(n)d characters.") % {"n": MAX_INFORMATION}
        raise ValidationError({"text": [message]})
    with transaction.atomic():
        locked = MisuseReport.objects.select_for_update().get(pk=report.pk)
        added = {"on": timezone.localdate().isoformat(), "text": text}
        locked.information = [*locked.information, added]
        locked.save(update_fields=["information"])
        # The public log records that information came, not what it says.
        changes = {"information": [len(locked.information) - 1, len(locked.information)]}
        audit.record(Event.MISUSE_REPORT_INFORMATION_ADDED, locked, actor=actor, changes=changes)
    return locked


def _status_snapshot(report: MisuseReport) -> Mapping[str, Any]:
    return {
        "status": report.status,
        "resolution": report.resolution,
        "resolved_on": report.resolved_on,
    }


def _announce(report: MisuseReport) -> None:
    signals.misuse_substantiated.send(sender=MisuseReport, report=report)
