"""The rules of procurement (A/HRC/41/35, paras. 66(a)-(c)): pure facts in, a Verdict out.

No query and no HTTP here: the actions load the facts and hand them in.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from oversight.core.rules import Message, Reason, Verdict
from oversight.procurement.models.proposals import SECTIONS, TESTS, Kind, Outcome, VoteChoice
from oversight.registry import rules as registry_rules

APPROVING = frozenset({Outcome.APPROVE, Outcome.APPROVE_WITH_CONDITIONS})


def completeness(
    answers: Mapping[str, str], *, kind: str, named_recipients: int, has_supplier: bool
) -> Verdict:
    """Every missing section of the impact report and every missing test, at once."""
    reasons = [
        Reason(_("The impact report needs this section: %(label)s.") % {"label": label}, field)
        for field, label in SECTIONS
        if not answers.get(field, "").strip()
    ]
    reasons += [
        Reason(_("The three tests of 66(b) need this: %(label)s.") % {"label": label}, field)
        for field, label in TESTS
        if not answers.get(field, "").strip()
    ]
    if kind == Kind.DATA_SHARING and named_recipients == 0:
        reasons.append(
            Reason(
                _("A data-sharing agreement names every recipient organisation."), "shared_with"
            )
        )
    if kind in (Kind.ACQUISITION, Kind.FUNDING) and not has_supplier:
        reasons.append(Reason(_("Name the supplier, or the donor of the funds."), "supplier"))
    return Verdict.of(reasons)


@dataclass(frozen=True)
class Quorum:
    quorum: int
    serving: int  # members whose term covers the day of the decision
    voting: int  # of them, those who voted and were not recused


def quorum(facts: Quorum) -> Verdict:
    reasons: list[Reason | Message] = []
    if facts.serving < facts.quorum:
        reasons.append(
            _("The oversight body has %(serving)d serving members; its quorum is %(quorum)d.")
            % {"serving": facts.serving, "quorum": facts.quorum}
        )
    elif facts.voting < facts.quorum:
        reasons.append(
            _("Only %(voting)d members voted without recusal; the quorum is %(quorum)d.")
            % {"voting": facts.voting, "quorum": facts.quorum}
        )
    return Verdict.of(reasons)


def vote(*, choice: str, conflict: str, serving: bool, already_voted: bool) -> Verdict:
    """A serving member votes once; a member who declares a conflict may only recuse."""
    reasons = []
    if choice not in VoteChoice.values:
        reasons.append(Reason(_("Choose one of the votes offered."), "choice"))
    if not serving:
        reasons.append(Reason(_("Only a member whose term covers today may vote."), "member"))
    if already_voted:
        reasons.append(Reason(_("This member has already voted on this proposal."), "member"))
    if conflict.strip() and choice != VoteChoice.RECUSED:
        reasons.append(
            Reason(
                _("A member who declares a conflict of interest must recuse, not vote."),
                "choice",
            )
        )
    return Verdict.of(reasons)


@dataclass(frozen=True)
class Tally:
    approve: int
    approve_with_conditions: int
    reject: int


def majority(outcome: str, tally: Tally) -> Verdict:
    """The outcome follows the votes: approval needs more approving votes than rejections."""
    approving = tally.approve + tally.approve_with_conditions
    if outcome in APPROVING and approving <= tally.reject:
        return Verdict.of(
            [
                Reason(
                    _("%(yes)d approving votes against %(no)d: the body did not approve.")
                    % {"yes": approving, "no": tally.reject},
                    "outcome",
                )
            ]
        )
    if outcome == Outcome.REJECT and approving > tally.reject:
        return Verdict.of(
            [
                Reason(
                    _("%(yes)d approving votes against %(no)d: the body did not reject.")
                    % {"yes": approving, "no": tally.reject},
                    "outcome",
                )
            ]
        )
    return Verdict.of([])


@dataclass(frozen=True)
class Approval:
    """What an approval needs, loaded by the action that decides."""

    outcome: str
    tests: Mapping[str, bool]  # legality_met, necessity_met, aim_met: the body's findings
    moratoria: Sequence[registry_rules.Moratorium]  # the buyer's jurisdiction and those above
    item: registry_rules.Item
    comment: Verdict  # consultations.rules.ready_for_decision
    has_analysis: bool
    quorum: Quorum
    tally: Tally
    reasons: str
    conditions: str


TEST_LABELS = {
    "legality_met": _("legality"),
    "necessity_met": _("necessity and proportionality"),
    "aim_met": _("legitimate aim"),
}


def decision(facts: Approval) -> Verdict:
    """Whether the body may record this outcome; every reason against it, at once."""
    reasons: list[Reason] = []
    if facts.outcome not in Outcome.values:
        reasons.append(Reason(_("Choose an outcome."), "outcome"))
    if not facts.reasons.strip():
        reasons.append(Reason(_("Give the reasons for the decision."), "reasons"))
    if facts.outcome == Outcome.APPROVE_WITH_CONDITIONS and not facts.conditions.strip():
        reasons.append(Reason(_("State the conditions of the approval."), "conditions"))
    reasons += [
        Reason(str(r), "consultation") for r in facts.comment.reasons if not facts.comment.ok
    ]
    if not facts.has_analysis:
        reasons.append(
            Reason(_("The body writes its analysis of the public comment first."), "analysis")
        )
    reasons += quorum(facts.quorum).reasons
    if facts.outcome in APPROVING:
        for declared in facts.moratoria:
            verdict = registry_rules.moratorium(
                declared, registry_rules.RECEIPT, [facts.item], matter=_("purchase or use")
            )
            if not verdict.ok:
                reasons += [Reason(r.message, "outcome") for r in verdict.reasons]
        reasons += [
            Reason(
                _("The %(test)s test of 66(b) is not met; the proposal cannot be approved.")
                % {"test": TEST_LABELS[name]},
                name,
            )
            for name in TEST_LABELS
            if not facts.tests.get(name, False)
        ]
        reasons += majority(facts.outcome, facts.tally).reasons
    elif facts.outcome == Outcome.REJECT:
        reasons += majority(facts.outcome, facts.tally).reasons
    return Verdict.of(reasons)


def deployment(
    *,
    holding_status: str,
    policy_approved_at: date | None,
    first: bool,
    starts: date,
    notice_days: int,
) -> Verdict:
    """Deploy only under an approved policy, published `notice_days` before the first use."""
    reasons = []
    if holding_status == "suspended":
        reasons.append(Reason(_("Use of this technology is suspended by the oversight body.")))
    elif holding_status not in ("approved", "in_use"):
        reasons.append(Reason(_("This technology has not been approved for use.")))
    if policy_approved_at is None:
        reasons.append(Reason(_("No approved use policy covers this technology."), "policy"))
    elif first and starts < policy_approved_at + timedelta(days=notice_days):
        reasons.append(
            Reason(
                _(
                    "The use policy was published on %(on)s; the first deployment may start "
                    "%(days)d days later, on %(earliest)s or after."
                )
                % {
                    "on": policy_approved_at.isoformat(),
                    "days": notice_days,
                    "earliest": (policy_approved_at + timedelta(days=notice_days)).isoformat(),
                },
                "started_on",
            )
        )
    return Verdict.of(reasons)


def annual_report(*, year: int, reported: Collection[int], today: date) -> Verdict:
    """One report per technology and year, for a year that has ended or is under way."""
    reasons = []
    if year in reported:
        reasons.append(Reason(_("%(year)d has already been reported.") % {"year": year}, "year"))
    if year > today.year:
        reasons.append(Reason(_("A report covers a year that has begun."), "year"))
    return Verdict.of(reasons)


def overdue(
    *, first_year: int | None, reported: Collection[int], today: date, due_days: int
) -> list[int]:
    """The years whose report is late: each year of use is due `due_days` after it ends."""
    if first_year is None:
        return []
    return [
        year
        for year in range(first_year, today.year)
        if year not in reported and today > date(year, 12, 31) + timedelta(days=due_days)
    ]


def policy_approval(*, holding_status: str, has_draft: bool) -> Verdict:
    reasons = []
    if holding_status not in ("approved", "in_use", "suspended"):
        reasons.append(Reason(_("A use policy is approved only for an approved technology.")))
    if not has_draft:
        reasons.append(Reason(_("There is no draft policy to approve.")))
    return Verdict.of(reasons)


def suspension(*, holding_status: str, reasons_text: str) -> Verdict:
    reasons = []
    if holding_status not in ("approved", "in_use"):
        reasons.append(Reason(_("Only a technology approved or in use can be suspended.")))
    if not reasons_text.strip():
        reasons.append(Reason(_("Give the reasons for the suspension."), "reasons"))
    return Verdict.of(reasons)
