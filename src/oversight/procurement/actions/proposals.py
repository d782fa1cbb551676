"""A proposal's life: the agency drafts and submits it, the public comments, the body decides."""

import secrets
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.consultations import actions as consultations
from oversight.consultations.models import Comment, Consultation
from oversight.consultations.rules import ready_for_decision
from oversight.core.rules import Reason, Refused, Verdict
from oversight.procurement import rules
from oversight.procurement.actions.base import for_agency, for_body, lock, move, record
from oversight.procurement.events import Event
from oversight.procurement.models import (
    CommentAnalysis,
    Decision,
    Holding,
    HoldingStatus,
    Kind,
    Meeting,
    Membership,
    Origin,
    OversightBody,
    Proposal,
    Status,
    Vote,
    VoteChoice,
)
from oversight.procurement.models.proposals import SECTIONS, TESTS
from oversight.registry import rules as registry_rules
from oversight.registry.models import Jurisdiction, Organisation, Technology

TEXT_FIELDS = tuple(name for name, _label in SECTIONS + TESTS)
HOLDING_KINDS = (Kind.ACQUISITION, Kind.FUNDING)


def _answers(proposal: Proposal) -> dict[str, str]:
    return {name: getattr(proposal, name) for name in TEXT_FIELDS}


def create_proposal(
    *,
    actor: Any,
    agency: Organisation,
    body: OversightBody,
    technology: Technology,
    kind: str,
    title: str,
    holding: Holding | None = None,
    supplier: Organisation | None = None,
    origin: str = Origin.UNKNOWN,
    origin_reference: str = "",
    value: Decimal | None = None,
    currency: str = "EUR",
    answers: Mapping[str, str] | None = None,
) -> Proposal:
    """An agency official drafts a proposal for their own agency (never another's)."""
    for_agency(actor, agency)
    reasons = []
    if kind not in Kind.values:
        reasons.append(Reason(_("Choose what is proposed."), "kind"))
    if not title.strip():
        reasons.append(Reason(_("Give the proposal a title."), "title"))
    if origin not in Origin.values:
        reasons.append(Reason(_("Choose where the technology came from."), "origin"))
    if body.jurisdiction not in jurisdictions_above(agency.jurisdiction):
        reasons.append(
            Reason(
                _("%(body)s does not oversee agencies in %(place)s.")
                % {"body": body, "place": agency.jurisdiction or "—"},
                "body",
            )
        )
    if kind in (Kind.NEW_USE, Kind.DATA_SHARING):
        if holding is None or holding.agency_id != agency.pk:
            reasons.append(Reason(_("Name the technology your agency already holds."), "holding"))
        elif holding.technology_id != technology.pk:
            reasons.append(Reason(_("The holding is of another technology."), "holding"))
    if reasons:
        raise Refused(reasons)
    unknown = set(answers or {}) - set(TEXT_FIELDS)
    if unknown:
        raise Refused([Reason(_("Not a section of the impact report."), name) for name in unknown])
    with transaction.atomic():
        proposal = Proposal.objects.create(
            reference=f"new-{secrets.token_hex(6)}",
            kind=kind,
            agency=agency,
            body=body,
            technology=technology,
            supplier=supplier,
            holding=holding if kind not in HOLDING_KINDS else None,
            origin=origin,
            origin_reference=origin_reference.strip(),
            title=title.strip(),
            value=value,
            currency=currency,
            created_by=actor,
            created_at=timezone.now(),
            **{name: str(text).strip() for name, text in (answers or {}).items()},
        )
        proposal.reference = f"P-{proposal.created_at.year}-{proposal.pk:04d}"
        proposal.save(update_fields=["reference"])
        record(Event.PROPOSAL_CREATED, proposal, actor=actor, changes={"kind": [None, kind]})
    return proposal


def update_draft(
    proposal: Proposal,
    *,
    actor: Any,
    answers: Mapping[str, str],
    shared_with: Sequence[Organisation] | None = None,
    withheld: list[dict[str, str]] | None = None,
) -> Proposal:
    for_agency(actor, proposal.agency)
    unknown = set(answers) - set(TEXT_FIELDS)
    if unknown:
        raise Refused([Reason(_("Not a section of the impact report."), name) for name in unknown])
    if withheld is not None:
        bad = [
            w
            for w in withheld
            if not str(w.get("field", "")).strip() or not str(w.get("reason", "")).strip()
        ]
        if bad:
            raise Refused([Reason(_("Each withheld field needs its reason."), "withheld")])
        known = {*TEXT_FIELDS, "value", "supplier", "shared_with"}
        unknown_fields = [str(w["field"]) for w in withheld if str(w["field"]) not in known]
        if unknown_fields:
            message = _("Not a field of the proposal: %(names)s.")
            raise Refused([Reason(message % {"names": ", ".join(unknown_fields)}, "withheld")])
    with transaction.atomic():
        row = lock(proposal)
        if row.status != Status.DRAFT:
            raise Refused([Reason(_("Only a draft can be changed."))])
        changed = [name for name, text in answers.items() if getattr(row, name) != text.strip()]
        for name in changed:
            setattr(row, name, answers[name].strip())
        if withheld is not None:
            row.withheld = [
                {"field": str(w["field"]).strip(), "reason": str(w["reason"]).strip()}
                for w in withheld
            ]
            changed.append("withheld")
        row.save(update_fields=[*changed, "updated_at"])
        if shared_with is not None:
            row.shared_with.set(shared_with)
        record(Event.PROPOSAL_DRAFT_UPDATED, row, actor=actor, changes={"fields": changed})
    return row


def _notice(proposal: Proposal) -> dict[str, str]:
    """The full impact report in the public notice, minus fields withheld with a reason."""
    hidden = {w["field"] for w in proposal.withheld}
    notice = {
        str(label): getattr(proposal, name)
        for name, label in SECTIONS + TESTS
        if name not in hidden
    }
    recipients = ", ".join(o.name for o in proposal.shared_with.all())
    if recipients and "shared_with" not in hidden:
        notice[str(_("Named recipients"))] = recipients
    return notice


def submit_proposal(
    proposal: Proposal, *, actor: Any, days: int = 30, expected_version: int | None = None
) -> Consultation:
    """Submit: every missing section and test is listed at once; else the comment opens."""
    for_agency(actor, proposal.agency)
    with transaction.atomic():
        row = lock(proposal, expected_version)
        if row.status != Status.DRAFT:
            raise Refused([Reason(_("Only a draft can be submitted."))])
        rules.completeness(
            _answers(row),
            kind=row.kind,
            named_recipients=row.shared_with.count(),
            has_supplier=row.supplier_id is not None,
        ).enforce()
        if row.kind in HOLDING_KINDS:
            holding = Holding.objects.create(
                chain=f"new-{row.pk}",
                agency=row.agency,
                body=row.body,
                technology=row.technology,
                supplier=row.supplier,
                origin=row.origin,
                origin_reference=row.origin_reference,
                created_at=timezone.now(),
            )
            holding.chain = f"CH-{holding.created_at.year}-{holding.pk:04d}"
            holding.save(update_fields=["chain"])
            row.holding = holding
        title = _("Surveillance proposal %(ref)s: %(title)s (%(agency)s)") % {
            "ref": row.reference,
            "title": row.title,
            "agency": row.agency.name,
        }
        consultation = consultations.open_consultation(
            row,
            title=title,
            notice=_notice(row),
            redactions=list(row.withheld),
            days=days,
            actor=actor,
        )
        row.submitted_at = timezone.now()
        move(
            row,
            Status.CONSULTATION,
            Event.PROPOSAL_SUBMITTED,
            actor=actor,
            changes={"consultation": [None, consultation.reference]},
            fields=["submitted_at", "holding"],
        )
    return consultation


def consultation_of(proposal: Proposal) -> Consultation | None:
    return Consultation.objects.for_matter(proposal).first()


def close_comment(proposal: Proposal, *, actor: Any) -> Proposal:
    """After the comment period ends, the proposal goes before the oversight body."""
    for_body(actor, proposal.body)
    with transaction.atomic():
        row = lock(proposal)
        consultation = consultation_of(row)
        if row.status != Status.CONSULTATION or consultation is None:
            raise Refused([Reason(_("This proposal is not open for comment."))])
        consultations.close_consultation(consultation, actor=actor)
        move(row, Status.DELIBERATION, Event.PROPOSAL_COMMENT_CLOSED, actor=actor)
    return row


def withdraw(proposal: Proposal, *, actor: Any, reason: str) -> Proposal:
    for_agency(actor, proposal.agency)
    if not reason.strip():
        raise Refused([Reason(_("Say why the proposal is withdrawn."), "reason")])
    with transaction.atomic():
        row = lock(proposal)
        move(row, Status.WITHDRAWN, Event.PROPOSAL_WITHDRAWN, actor=actor, reasons=[reason])
        if row.holding is not None and row.kind in HOLDING_KINDS:
            holding = lock(row.holding)
            move(holding, HoldingStatus.NOT_APPROVED, Event.HOLDING_MOVED, actor=actor)
    return row


def record_meeting(
    proposal: Proposal,
    *,
    actor: Any,
    held_at: Any,
    place: str,
    attendance: int,
    summary: str,
    minutes: str,
) -> Meeting:
    for_body(actor, proposal.body)
    proposal = Proposal.objects.get(pk=proposal.pk)
    reasons = [
        Reason(_("This is required."), name)
        for name, text in (("place", place), ("summary", summary), ("minutes", minutes))
        if not text.strip()
    ]
    if proposal.status not in (Status.CONSULTATION, Status.DELIBERATION):
        reasons.append(Reason(_("Meetings are held while the proposal is before the public.")))
    if attendance < 0:
        reasons.append(Reason(_("Attendance cannot be negative."), "attendance"))
    if reasons:
        raise Refused(reasons)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            proposal=proposal,
            held_at=held_at,
            place=place.strip(),
            attendance=attendance,
            summary=summary.strip(),
            minutes=minutes.strip(),
        )
        record(Event.MEETING_RECORDED, meeting, actor=actor, changes={"place": [None, place]})
    return meeting


def write_analysis(
    proposal: Proposal, *, actor: Any, themes: Sequence[Mapping[str, Any]]
) -> CommentAnalysis:
    """The body answers the comments by theme; each comment it names is marked considered."""
    for_body(actor, proposal.body)
    proposal = Proposal.objects.get(pk=proposal.pk)
    consultation = consultation_of(proposal)
    reasons = []
    if proposal.status != Status.DELIBERATION or consultation is None:
        reasons.append(Reason(_("The analysis is written after the comment period closes.")))
    if not themes:
        reasons.append(Reason(_("Respond to the comments by at least one theme."), "themes"))
    accepted = (
        set(
            consultation.comments.filter(status=Comment.Status.ACCEPTED).values_list(
                "pk", flat=True
            )
        )
        if consultation
        else set()
    )
    for number, theme in enumerate(themes, start=1):
        if not str(theme.get("theme", "")).strip() or not str(theme.get("response", "")).strip():
            reasons.append(
                Reason(_("Theme %(n)d needs a name and a response.") % {"n": number}, "themes")
            )
        for pk in theme.get("comments", []):
            if pk not in accepted:
                reasons.append(
                    Reason(
                        _("Comment #%(id)s is not a published comment on this proposal.")
                        % {"id": pk},
                        "themes",
                    )
                )
    if reasons:
        raise Refused(reasons)
    cleaned = [
        {
            "theme": str(t["theme"]).strip(),
            "response": str(t["response"]).strip(),
            "comments": sorted({int(pk) for pk in t.get("comments", [])}),
        }
        for t in themes
    ]
    with transaction.atomic():
        analysis, _created = CommentAnalysis.objects.update_or_create(
            proposal=proposal,
            defaults={"themes": cleaned, "written_by": actor, "written_at": timezone.now()},
        )
        assert consultation is not None
        for theme in cleaned:
            for comment in consultation.comments.filter(pk__in=theme["comments"]):
                consultations.mark_considered(
                    comment, response=str(theme["response"])[:2000], actor=actor
                )
        record(
            Event.ANALYSIS_WRITTEN,
            analysis,
            actor=actor,
            changes={"themes": [None, [t["theme"] for t in cleaned]]},
        )
    return analysis


def membership_of(actor: Any, body: OversightBody) -> Membership | None:
    return (
        Membership.objects.serving(timezone.localdate())
        .filter(body=body, user_id=getattr(actor, "pk", 0) or 0)
        .first()
    )


def cast_vote(proposal: Proposal, *, actor: Any, choice: str, conflict: str = "") -> Vote:
    for_body(actor, proposal.body)
    member = membership_of(actor, proposal.body)
    with transaction.atomic():
        proposal = lock(proposal)  # no vote slips in beside the decision
        if proposal.status != Status.DELIBERATION:
            raise Refused([Reason(_("Votes are cast while the proposal is before the body."))])
        rules.vote(
            choice=choice,
            conflict=conflict,
            serving=member is not None,
            already_voted=member is not None and proposal.votes.filter(member=member).exists(),
        ).enforce()
        assert member is not None
        vote = Vote.objects.create(
            proposal=proposal,
            member=member,
            choice=choice,
            conflict=conflict.strip(),
            cast_at=timezone.now(),
        )
        record(
            Event.VOTE_CAST,
            vote,
            actor=actor,
            changes={"choice": [None, choice], "conflict": [None, bool(conflict.strip())]},
        )
    return vote


def jurisdictions_above(jurisdiction: Jurisdiction | None) -> list[Jurisdiction]:
    """The buyer's jurisdiction and those it sits in: a national moratorium binds a city."""
    found: list[Jurisdiction] = []
    while jurisdiction is not None and jurisdiction not in found:
        found.append(jurisdiction)
        jurisdiction = jurisdiction.parent
    return found


def approval_facts(
    proposal: Proposal, *, outcome: str, tests: Mapping[str, bool], reasons: str, conditions: str
) -> rules.Approval:
    """Load what the decision rule needs (the rule itself makes no query)."""
    today = timezone.localdate()
    serving = Membership.objects.serving(today).filter(body=proposal.body)
    votes = list(proposal.votes.filter(member__in=serving).values_list("choice", flat=True))
    consultation = consultation_of(proposal)
    comment = (
        ready_for_decision(consultation, timezone.now())
        if consultation
        else Verdict.of([_("No comment period was held.")])
    )
    technology = proposal.technology
    return rules.Approval(
        outcome=outcome,
        tests=tests,
        moratoria=[
            j.moratorium_facts() for j in jurisdictions_above(proposal.agency.jurisdiction)
        ],
        item=registry_rules.Item(
            number=1,
            name=technology.name,
            privately_developed=technology.privately_developed,
            encryption_only=technology.encryption_only,
        ),
        comment=comment,
        has_analysis=CommentAnalysis.objects.filter(proposal=proposal).exists(),
        quorum=rules.Quorum(
            quorum=proposal.body.quorum,
            serving=serving.count(),
            voting=sum(1 for v in votes if v != VoteChoice.RECUSED),
        ),
        tally=rules.Tally(
            approve=votes.count(VoteChoice.APPROVE),
            approve_with_conditions=votes.count(VoteChoice.APPROVE_WITH_CONDITIONS),
            reject=votes.count(VoteChoice.REJECT),
        ),
        reasons=reasons,
        conditions=conditions,
    )


def decide(
    proposal: Proposal,
    *,
    actor: Any,
    outcome: str,
    reasons: str,
    conditions: str = "",
    legality_met: bool,
    necessity_met: bool,
    aim_met: bool,
    expected_version: int | None = None,
) -> Decision:
    """Record the outcome; refused with every reason while it may not be recorded."""
    for_body(actor, proposal.body)
    tests = {"legality_met": legality_met, "necessity_met": necessity_met, "aim_met": aim_met}
    with transaction.atomic():
        row = lock(proposal, expected_version)
        if row.status != Status.DELIBERATION:
            raise Refused([Reason(_("Only a proposal before the body can be decided."))])
        verdict = rules.decision(
            approval_facts(
                row, outcome=outcome, tests=tests, reasons=reasons, conditions=conditions
            )
        )
        verdict.enforce()
        decision = Decision.objects.create(
            proposal=row,
            outcome=outcome,
            reasons=reasons.strip(),
            conditions=conditions.strip(),
            decided_by=actor,
            decided_at=timezone.now(),
            **tests,
        )
        target = {
            "approve": Status.APPROVED,
            "approve_with_conditions": Status.APPROVED_WITH_CONDITIONS,
            "reject": Status.REJECTED,
        }[outcome]
        move(row, target, Event.PROPOSAL_DECIDED, actor=actor, reasons=[reasons], changes=tests)
        if row.holding is not None and row.kind in HOLDING_KINDS:
            holding = lock(row.holding)
            approved = outcome != "reject"
            move(
                holding,
                HoldingStatus.APPROVED if approved else HoldingStatus.NOT_APPROVED,
                Event.HOLDING_MOVED,
                actor=actor,
                changes={"proposal": [None, row.reference]},
            )
    return decision
