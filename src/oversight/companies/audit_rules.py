"""Pure rules of standards and audits: facts in, a `core.rules.Verdict` out, no query.

Each reason names the input field it concerns, and a refusal lists every reason at once.
(Beside `rules.py`, which holds the UNGP check, so that the two grow apart cleanly.)
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from oversight.companies.models import Constituency, CorrectiveAction, Engagement, Finding
from oversight.core.rules import Reason, Verdict

E = Engagement.Status
ENGAGEMENT_MOVES: dict[str, frozenset[str]] = {
    E.PLANNED: frozenset({E.FIELDWORK, E.WITHDRAWN}),
    E.FIELDWORK: frozenset({E.PUBLISHED, E.WITHDRAWN}),
    E.PUBLISHED: frozenset(),
    E.WITHDRAWN: frozenset(),
}
C = CorrectiveAction.Status
ACTION_MOVES: dict[str, frozenset[str]] = {
    C.OPEN: frozenset({C.DONE}),
    C.DONE: frozenset({C.VERIFIED, C.OPEN}),  # the auditor verifies, or sends it back
    C.VERIFIED: frozenset(),
}


def adoption(seats: Sequence[str], votes: Sequence[str], ballots: Sequence[str]) -> Verdict:
    """A version is adopted when more than half the seats voted for it and every
    constituency that sits on the body gave at least one vote for it.

    `seats`: the constituency of each member; `ballots`: each vote's choice; `votes`:
    the constituency of each vote's member (in the same order as `ballots`).
    """
    in_favour = [who for who, choice in zip(votes, ballots, strict=True) if choice == "for"]
    reasons = []
    if len(in_favour) * 2 <= len(seats):
        reasons.append(
            Reason(
                _("%(n)d of %(seats)d members voted for it: more than half must.")
                % {"n": len(in_favour), "seats": len(seats)},
                "votes",
            )
        )
    for constituency in Constituency:
        if constituency in seats and constituency not in in_favour:
            reasons.append(
                Reason(
                    _("No member for %(c)s voted for it: each constituency must.")
                    % {"c": constituency.label},
                    "votes",
                )
            )
    return Verdict.of(reasons)


@dataclass(frozen=True)
class EngagementFacts:
    today: date
    firm_accredited: bool
    auditor_in_firm: bool
    conflict: bool
    version_adopted: bool
    foreign_products: Collection[str]
    product_count: int
    period_start: date
    period_end: date
    access_until: date
    reaudit_other_company: bool = False
    auditor_is_member: bool = False  # of the audited company: never independent


def engagement_problems(facts: EngagementFacts) -> Verdict:
    """Every reason an engagement may not be opened, each naming its field."""
    found: list[tuple[bool, str, str]] = [
        (not facts.firm_accredited, "firm", _("The audit firm is not accredited today.")),
        (
            not facts.auditor_in_firm,
            "auditor",
            _("The lead auditor is not a named auditor of the firm."),
        ),
        (
            facts.conflict,
            "auditor",
            _("The auditor declared a conflict of interest with this company."),
        ),
        (
            facts.auditor_is_member,
            "auditor",
            _("The auditor is a member of this company: an audit must be independent."),
        ),
        (not facts.version_adopted, "version", _("Only an adopted standard version is audited.")),
        (facts.product_count == 0, "products", _("Name at least one product in scope.")),
        (
            bool(facts.foreign_products),
            "products",
            _("Not products of the company: %(names)s.")
            % {"names": ", ".join(sorted(facts.foreign_products))},
        ),
        (
            facts.period_end < facts.period_start,
            "period_end",
            _("The period cannot end before it starts."),
        ),
        (
            facts.access_until < facts.today,
            "access_until",
            _("The auditor's access cannot end in the past."),
        ),
        (
            facts.reaudit_other_company,
            "reaudit_of",
            _("A re-audit follows an audit of the same company."),
        ),
    ]
    return Verdict.of(Reason(message, name) for problem, name, message in found if problem)


def finding_problem(status: str, requirement_in_version: bool) -> Verdict:
    reasons = []
    if status != E.FIELDWORK:
        reasons.append(Reason(_("Findings are recorded during fieldwork only."), "status"))
    if not requirement_in_version:
        reasons.append(
            Reason(_("That requirement is not in the audited standard version."), "requirement")
        )
    return Verdict.of(reasons)


def publication_problems(
    status: str,
    missing: Collection[str],
    without_action: Collection[str],
    summary: str,
) -> Verdict:
    """Publish only a complete audit: a finding for every requirement, a corrective action
    planned for every nonconformity, and a summary."""
    reasons = []
    if status != E.FIELDWORK:
        reasons.append(Reason(_("Only an audit in fieldwork is published."), "status"))
    if missing:
        reasons.append(
            Reason(
                _("No finding yet for: %(ids)s.") % {"ids": ", ".join(sorted(missing))},
                "findings",
            )
        )
    if without_action:
        reasons.append(
            Reason(
                _("No corrective action planned for the nonconformity with: %(ids)s.")
                % {"ids": ", ".join(sorted(without_action))},
                "findings",
            )
        )
    if not summary.strip():
        reasons.append(Reason(_("Write the summary to publish."), "summary"))
    return Verdict.of(reasons)


@dataclass(frozen=True)
class AuditStatus:
    """A company's audit status, derived from its latest published audit."""

    key: str  # not_audited | conforms | open | overdue | verified (stable: API, tests)
    label: str
    reason: str
    engagement: int | None = None


@dataclass(frozen=True)
class LatestAudit:
    engagement: int
    published_on: date
    version: str
    results: Sequence[str]  # each finding's result
    action_due: Sequence[date] = field(default_factory=tuple)  # unverified actions' deadlines
    actions_verified: int = 0


def audit_status(latest: LatestAudit | None, today: date) -> AuditStatus:
    if latest is None:
        return AuditStatus("not_audited", _("Not audited"), _("No published independent audit."))
    major = sum(result == Finding.Result.MAJOR for result in latest.results)
    minor = sum(result == Finding.Result.MINOR for result in latest.results)
    said: dict[str, str | int] = {
        "version": latest.version,
        "on": latest.published_on.isoformat(),
    }
    if not major and not minor:
        reason = _("Conforms to %(version)s (audit published %(on)s).") % said
        return AuditStatus("conforms", _("Conforms"), reason, latest.engagement)
    said |= {"major": major, "minor": minor}
    overdue = sum(due < today for due in latest.action_due)
    if overdue:
        reason = _(
            "%(major)d major and %(minor)d minor nonconformities with %(version)s "
            "(audit published %(on)s); %(n)d corrective action(s) overdue."
        ) % (said | {"n": overdue})
        return AuditStatus("overdue", _("Corrective actions overdue"), reason, latest.engagement)
    if latest.action_due:
        reason = _(
            "%(major)d major and %(minor)d minor nonconformities with %(version)s "
            "(audit published %(on)s); %(n)d corrective action(s) open, none overdue."
        ) % (said | {"n": len(latest.action_due)})
        return AuditStatus("open", _("Corrective actions open"), reason, latest.engagement)
    reason = (
        _(
            "%(major)d major and %(minor)d minor nonconformities with %(version)s (audit "
            "published %(on)s); every corrective action verified by the auditor: a re-audit "
            "is due."
        )
        % said
    )
    return AuditStatus("verified", _("Corrective actions verified"), reason, latest.engagement)
