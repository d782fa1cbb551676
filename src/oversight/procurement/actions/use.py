"""After approval: use policies, deployments, annual reports, suspensions and review flags."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.core.rules import Reason, Refused
from oversight.grievances import stats as grievance_stats
from oversight.procurement import rules
from oversight.procurement.actions.base import for_agency, for_body, lock, move, record
from oversight.procurement.events import Event
from oversight.procurement.models import (
    AnnualReport,
    Deployment,
    Holding,
    HoldingStatus,
    PolicyStatus,
    Proposal,
    Suspension,
    UsePolicy,
)
from oversight.registry.models import Organisation

POLICY_FIELDS = (
    "permitted_uses",
    "prohibited_uses",
    "retention",
    "access",
    "sharing",
    "training",
    "auditing",
)
REPORT_FIELDS = ("uses", "sharing", "locations", "audits", "breaches", "effectiveness", "costs")


def _required(values: dict[str, str], names: Sequence[str]) -> list[Reason]:
    return [
        Reason(_("This is required."), name) for name in names if not values.get(name, "").strip()
    ]


def draft_policy(
    holding: Holding,
    *,
    actor: Any,
    texts: dict[str, str],
    shared_with: Sequence[Organisation] = (),
) -> UsePolicy:
    """The agency drafts the next version of the technology's use policy."""
    for_agency(actor, holding.agency)
    reasons = _required(texts, POLICY_FIELDS)
    if set(texts) - set(POLICY_FIELDS):
        reasons.append(Reason(_("Not a part of a use policy."), "texts"))
    if holding.status in (HoldingStatus.DECOMMISSIONED, HoldingStatus.NOT_APPROVED):
        reasons.append(Reason(_("This technology is not held for use.")))
    if reasons:
        raise Refused(reasons)
    with transaction.atomic():
        locked = lock(holding)
        last = locked.policies.aggregate(last=Max("version"))["last"] or 0
        policy = UsePolicy.objects.create(
            holding=locked,
            version=last + 1,
            written_by=actor,
            created_at=timezone.now(),
            **{name: texts[name].strip() for name in POLICY_FIELDS},
        )
        policy.shared_with.set(shared_with)
        record(
            Event.POLICY_DRAFTED,
            policy,
            actor=actor,
            changes={
                "version": [None, policy.version],
                "shared_with": [None, [o.slug for o in shared_with]],
            },
        )
    return policy


def approve_policy(policy: UsePolicy, *, actor: Any) -> UsePolicy:
    """The body approves and publishes the policy; an earlier approved version is superseded."""
    holding = policy.holding
    for_body(actor, holding.body)
    rules.policy_approval(
        holding_status=holding.status, has_draft=policy.status == PolicyStatus.DRAFT
    ).enforce()
    with transaction.atomic():
        lock(holding)
        now = timezone.now()
        holding.policies.filter(status=PolicyStatus.APPROVED).update(
            status=PolicyStatus.SUPERSEDED
        )
        policy.status, policy.approved_at = PolicyStatus.APPROVED, now
        policy.save(update_fields=["status", "approved_at"])
        record(
            Event.POLICY_APPROVED,
            policy,
            actor=actor,
            changes={
                "status": [PolicyStatus.DRAFT, PolicyStatus.APPROVED],
                "version": policy.version,
            },
        )
    return policy


def current_policy(holding: Holding) -> UsePolicy | None:
    return holding.policies.filter(status=PolicyStatus.APPROVED).first()


def first_policy_date(holding: Holding) -> date | None:
    """When a policy was first approved and published (the notice runs from then)."""
    first = (
        holding.policies.exclude(approved_at=None)
        .order_by("approved_at")
        .values_list("approved_at", flat=True)
        .first()
    )
    return timezone.localdate(first) if first else None


def record_deployment(
    holding: Holding,
    *,
    actor: Any,
    place: str,
    started_on: date,
    data_volume: str,
    ended_on: date | None = None,
) -> Deployment:
    """A deployment under an approved policy, past its notice period, while not suspended."""
    for_agency(actor, holding.agency)
    with transaction.atomic():
        locked = lock(holding)
        first = not locked.deployments.exists()
        verdict = rules.deployment(
            holding_status=locked.status,
            policy_approved_at=first_policy_date(locked) if current_policy(locked) else None,
            first=first,
            starts=started_on,
            notice_days=settings.PROCUREMENT_NOTICE_DAYS,
        )
        reasons = [
            *verdict.reasons,
            *_required({"place": place, "data_volume": data_volume}, ("place", "data_volume")),
        ]
        if ended_on is not None and ended_on < started_on:
            reasons.append(Reason(_("A deployment ends after it starts."), "ended_on"))
        if reasons:
            raise Refused(reasons)
        deployment = Deployment.objects.create(
            holding=locked,
            place=place.strip(),
            started_on=started_on,
            ended_on=ended_on,
            data_volume=data_volume.strip(),
            recorded_by=actor,
            recorded_at=timezone.now(),
        )
        record(
            Event.DEPLOYMENT_RECORDED,
            deployment,
            actor=actor,
            changes={"place": [None, deployment.place], "started_on": [None, started_on]},
        )
        if locked.status == HoldingStatus.APPROVED:
            move(locked, HoldingStatus.IN_USE, Event.HOLDING_MOVED, actor=actor)
    return deployment


def complaints(holding: Holding, year: int | None = None) -> int | None:
    """Grievances filed about this technology at this agency; None when too few to show."""
    return grievance_stats.count_about(holding.agency_id, holding.technology_id, year=year)


def file_annual_report(
    holding: Holding,
    *,
    actor: Any,
    year: int,
    uses_count: int,
    texts: dict[str, str],
    recipients: Sequence[Organisation] = (),
) -> AnnualReport:
    """One report per technology and year, under the Oakland headings."""
    for_agency(actor, holding.agency)
    with transaction.atomic():
        locked = lock(holding)
        reported = set(locked.reports.values_list("year", flat=True))
        verdict = rules.annual_report(year=year, reported=reported, today=timezone.localdate())
        reasons = [*verdict.reasons, *_required(texts, REPORT_FIELDS)]
        if locked.status in (HoldingStatus.PROPOSED, HoldingStatus.NOT_APPROVED):
            reasons.append(Reason(_("Only a technology approved for use is reported on.")))
        if uses_count < 0:
            reasons.append(Reason(_("The number of uses cannot be negative."), "uses_count"))
        if reasons:
            raise Refused(reasons)
        report = AnnualReport.objects.create(
            holding=locked,
            year=year,
            uses_count=uses_count,
            complaints=complaints(locked, year),
            filed_by=actor,
            filed_at=timezone.now(),
            **{name: texts[name].strip() for name in REPORT_FIELDS},
        )
        report.recipients.set(recipients)
        record(Event.REPORT_FILED, report, actor=actor, changes={"year": [None, year]})
    return report


def review_report(report: AnnualReport, *, actor: Any, review: str) -> AnnualReport:
    for_body(actor, report.holding.body)
    if not review.strip():
        raise Refused([Reason(_("Write the body's review."), "review")])
    with transaction.atomic():
        report.review, report.reviewed_at = review.strip(), timezone.now()
        report.save(update_fields=["review", "reviewed_at"])
        record(Event.REPORT_REVIEWED, report, actor=actor, changes={"reviewed": [False, True]})
    return report


def overdue_years(holding: Holding, today: date | None = None) -> list[int]:
    first = holding.deployments.order_by("started_on").values_list("started_on", flat=True).first()
    return rules.overdue(
        first_year=first.year if first else None,
        reported=set(holding.reports.values_list("year", flat=True)),
        today=today or timezone.localdate(),
        due_days=settings.PROCUREMENT_REPORT_DUE_DAYS,
    )


def suspend(holding: Holding, *, actor: Any, reasons: str) -> Suspension:
    """The oversight body suspends use, with its reasons; deployments are refused meanwhile."""
    for_body(actor, holding.body)
    with transaction.atomic():
        locked = lock(holding)
        rules.suspension(holding_status=locked.status, reasons_text=reasons).enforce()
        suspension = Suspension.objects.create(
            holding=locked,
            reasons=reasons.strip(),
            suspended_by=actor,
            suspended_at=timezone.now(),
        )
        move(
            locked,
            HoldingStatus.SUSPENDED,
            Event.HOLDING_SUSPENDED,
            actor=actor,
            reasons=[reasons],
        )
    return suspension


def lift_suspension(holding: Holding, *, actor: Any, reasons: str) -> Holding:
    for_body(actor, holding.body)
    if not reasons.strip():
        raise Refused([Reason(_("Give the reasons for lifting the suspension."), "reasons")])
    with transaction.atomic():
        locked = lock(holding)
        if locked.status != HoldingStatus.SUSPENDED:
            raise Refused([Reason(_("This technology is not suspended."))])
        locked.suspensions.filter(lifted_at=None).update(lifted_at=timezone.now())
        move(
            locked,
            HoldingStatus.IN_USE,
            Event.HOLDING_SUSPENSION_LIFTED,
            actor=actor,
            reasons=[reasons],
        )
    return locked


def flag_for_review(row: Holding | Proposal, *, reason: str) -> None:
    """Flag a purchase (its inventory entry and proposals) for review; the same flag once."""
    event = Event.HOLDING_FLAGGED if isinstance(row, Holding) else Event.PROPOSAL_FLAGGED
    with transaction.atomic():
        locked = type(row).objects.select_for_update().get(pk=row.pk)
        if reason in locked.flags and locked.flagged_for_review:
            return
        locked.flags = [*[f for f in locked.flags if f != reason], reason]
        locked.flagged_for_review = True
        locked.save(update_fields=["flags", "flagged_for_review"])
        record(
            event,
            locked,
            actor=None,
            actor_label="system",
            changes={"flagged_for_review": [False, True]},
            reasons=[reason],
        )
