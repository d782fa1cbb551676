"""The UN Guiding Principles check (A/HRC/41/35, para. 66(f)), and misuse-report moves.

`assess` is pure: a company's record in, a verdict with one readable line per missing
item out. `ungp_compliance` is the thin wrapper the licensing screening calls: it reads
the record from the database and weighs every element of the check (`ungp_elements`):
the record's own (commitment, due diligence, safeguards, misuse), and whatever each
part of `companies` adds with `@element_check` (audits, clauses, responses …).
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from oversight.companies.models import (
    REQUIRED_CLAUSES,
    REVIEW_DAYS,
    Clause,
    ContractualSafeguard,
    DueDiligence,
    Feature,
    HumanRightsCommitment,
    Level,
    MisuseReport,
    Right,
    Stage,
)
from oversight.core.rules import Reason, Verdict
from oversight.registry.models import Organisation, Technology

REVIEW_MONTHS = 24

S = MisuseReport.Status
MISUSE_MOVES: dict[str, frozenset[str]] = {
    S.REPORTED: frozenset({S.UNDER_INVESTIGATION, S.SUBSTANTIATED, S.UNSUBSTANTIATED}),
    S.UNDER_INVESTIGATION: frozenset({S.SUBSTANTIATED, S.UNSUBSTANTIATED}),
    S.UNSUBSTANTIATED: frozenset({S.UNDER_INVESTIGATION}),  # reopened on new evidence
    S.SUBSTANTIATED: frozenset({S.RESOLVED}),
    S.RESOLVED: frozenset(),
}


@dataclass(frozen=True)
class Assessor:
    """Who is acting on a misuse report: the States they are licensing officers of, and
    whether they are a working-group analyst."""

    officer_of: frozenset[str]
    analyst: bool
    member_of: frozenset[int] = frozenset()  # the companies whose member they are


def assessing_body(addressed_to: str, state_name: str | None) -> str:
    if addressed_to == MisuseReport.Addressee.WORKING_GROUP:
        return _("the UN working group")
    return _("the licensing authority of %(state)s") % {"state": state_name or "?"}


def may_assess(
    report: int,
    addressed_to: str,
    state: str | None,
    state_name: str | None,
    who: Assessor,
    *,
    company: tuple[int, str] = (0, ""),
) -> Verdict:
    """Only the body a misuse report is addressed to assesses it (A/HRC/41/35, para. 67(c)):
    the licensing officers of the company's State, or the working group's analysts; and
    none of them who is a member of the company (`company`: its id and name)."""
    body = (addressed_to == MisuseReport.Addressee.WORKING_GROUP and who.analyst) or (
        addressed_to == MisuseReport.Addressee.AUTHORITY
        and bool(state)
        and state in who.officer_of
    )
    if body:
        if company[0] in who.member_of:
            message = _(
                "You are a member of %(company)s, whose misuse report #%(id)d this is: another "
                "person of the assessing body must decide it."
            ) % {"company": company[1], "id": report}
            return Verdict.of([Reason(message, "status")])
        return Verdict.passed()
    message = _(
        "Misuse report #%(id)d is assessed by %(body)s, never by the company or anyone else: "
        "only that body substantiates or resolves it, with reasons. The company can add "
        "information to the report."
    ) % {"id": report, "body": assessing_body(addressed_to, state_name)}
    return Verdict.of([Reason(message, "status")])


def addressee_problem(addressed_to: str, state: str | None) -> Verdict:
    """A report to the licensing authority needs a State on file for the company."""
    if addressed_to not in MisuseReport.Addressee.values:
        message = _("Choose the licensing authority of the company's State or the working group.")
        return Verdict.of([Reason(message, "addressed_to")])
    if addressed_to == MisuseReport.Addressee.AUTHORITY and not state:
        message = _(
            "The company has no State on file, so no licensing authority to address: "
            "address the report to the UN working group."
        )
        return Verdict.of([Reason(message, "addressed_to")])
    return Verdict.passed()


@dataclass(frozen=True)
class CompanyRecord:
    """What a company has filed; any rows, in any order."""

    commitments: Sequence[HumanRightsCommitment]
    due_diligence: Sequence[DueDiligence]
    safeguards: Sequence[ContractualSafeguard]
    misuse_reports: Sequence[MisuseReport]


def months_before(day: date, months: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def commitment_problem(commitments: Sequence[HumanRightsCommitment], today: date) -> str | None:
    current = [c for c in commitments if c.adopted_on <= today]
    if not current:
        return _("No public human rights commitment has been filed.")
    latest = max((c.last_reviewed_on or c.adopted_on) for c in current)
    if latest < months_before(today, REVIEW_MONTHS):
        return _(
            "No current public human rights commitment: last adopted or reviewed on %(day)s, "
            "more than %(months)d months ago."
        ) % {"day": latest.isoformat(), "months": REVIEW_MONTHS}
    return None


def due_diligence_problem(
    rows: Sequence[DueDiligence], technology: Technology, today: date
) -> str | None:
    mine = [r for r in rows if r.technology_id == technology.pk and r.completed_on <= today]
    if not mine:
        return _("No product due diligence for %(technology)s.") % {"technology": technology}
    last = max(r.valid_until for r in mine)
    if last < today:
        return _("Product due diligence for %(technology)s expired on %(day)s.") % {
            "technology": technology,
            "day": last.isoformat(),
        }
    return None


def safeguard_problem(
    rows: Sequence[ContractualSafeguard], technology: Technology, today: date
) -> str | None:
    covering = [
        r for r in rows if r.in_effect_since <= today and r.technology_id in (None, technology.pk)
    ]
    if not covering:
        return _("No contractual safeguards for %(technology)s.") % {"technology": technology}
    return None


def misuse_problems(reports: Sequence[MisuseReport]) -> list[str]:
    problems = []
    for report in sorted(reports, key=lambda r: r.pk):
        if report.status != MisuseReport.Status.SUBSTANTIATED:
            continue
        about = [str(report.technology) if report.technology_id else "", report.end_user_label]
        subject = " / ".join(part for part in about if part) or _("the company's products")
        problems.append(
            _("An unresolved substantiated misuse report #%(id)d about %(subject)s.")
            % {"id": report.pk, "subject": subject}
        )
    return problems


def assess(record: CompanyRecord, technologies: Iterable[Technology], *, today: date) -> Verdict:
    """Pure: every missing item of the company's record for these technologies."""
    reasons: list[str | None] = [commitment_problem(record.commitments, today)]
    for technology in technologies:
        reasons.append(due_diligence_problem(record.due_diligence, technology, today))
        reasons.append(safeguard_problem(record.safeguards, technology, today))
    reasons.extend(misuse_problems(record.misuse_reports))
    return Verdict.of(reason for reason in reasons if reason)


def load_record(company: Organisation) -> CompanyRecord:
    return CompanyRecord(
        commitments=list(HumanRightsCommitment.objects.filter(company=company)),
        due_diligence=list(DueDiligence.objects.filter(company=company)),
        safeguards=list(ContractualSafeguard.objects.filter(company=company)),
        misuse_reports=list(
            MisuseReport.objects.filter(company=company)
            .unresolved_substantiated()
            .select_related("technology", "end_user")
        ),
    )


@dataclass(frozen=True)
class Element:
    """One element of the UNGP check: what was weighed, whether it holds, why, where to look."""

    key: str  # stable: "commitment", "due_diligence", "audit", … (tests and the API use it)
    label: str
    ok: bool
    reason: str
    link: str = ""


@dataclass(frozen=True)
class Subject:
    """What the check is asked about: the company, its products, and where they go."""

    company: Organisation
    technologies: Sequence[Technology]
    destination: str | None  # ISO code of the destination, when a transfer is weighed
    today: date


ElementCheck = Callable[[Subject], list[Element]]
CHECKS: list[ElementCheck] = []


def element_check(check: ElementCheck) -> ElementCheck:
    """Adds a check to every UNGP check (a registry: each part of the app adds its own)."""
    CHECKS.append(check)
    return check


@element_check
def record_elements(subject: Subject) -> list[Element]:
    """The record's own elements: commitment, due diligence and safeguards, misuse."""
    record, today = load_record(subject.company), subject.today
    problem = commitment_problem(record.commitments, today)
    elements = [
        Element(
            "commitment",
            _("Public human rights commitment"),
            problem is None,
            problem or _("A current public commitment is on file."),
        )
    ]
    for technology in subject.technologies:
        for key, label, found in (
            (
                "due_diligence",
                _("Product due diligence"),
                due_diligence_problem(record.due_diligence, technology, today),
            ),
            (
                "safeguards",
                _("Contractual safeguards"),
                safeguard_problem(record.safeguards, technology, today),
            ),
        ):
            elements.append(
                Element(
                    key,
                    f"{label}: {technology}",
                    found is None,
                    found or _("On file and current for %(t)s.") % {"t": technology},
                )
            )
    label = _("Substantiated misuse reports")
    misuse = misuse_problems(record.misuse_reports)
    elements += [Element("misuse", label, False, problem) for problem in misuse]
    if not misuse:
        elements.append(
            Element("misuse", label, True, _("No unresolved substantiated misuse report."))
        )
    return elements


def clause_coverage_problem(
    contracts: Sequence[tuple[str, list[str]]], technology: Technology, destination: str
) -> str | None:
    """Pure: every contract for this product to this destination (its date and clauses)
    must carry the prohibited-use, audit-rights and suspension clauses. None on file is
    not a problem here (the licence may precede the contract; the safeguards element
    still asks for the company's standard terms)."""
    missing = []
    for code in REQUIRED_CLAUSES:
        carrying = sum(1 for _day, clauses in contracts if code in clauses)
        if carrying < len(contracts):
            missing.append(
                _("%(n)d/%(total)d carry %(clause)s")
                % {"n": carrying, "total": len(contracts), "clause": Clause(code).label}
            )
    if missing:
        return _("Contracts for %(t)s to %(d)s: %(missing)s.") % {
            "t": technology,
            "d": destination,
            "missing": "; ".join(missing),
        }
    return None


@dataclass(frozen=True)
class RiskIn:
    right: str
    likelihood: int | None
    severity: int | None
    mitigation: str


@dataclass(frozen=True)
class ConsultationIn:
    held_with: str
    held_on: date | None
    outcome: str


@dataclass(frozen=True)
class AssessmentIn:
    """One due-diligence assessment of a product at one stage, as it was filed."""

    stage: str
    assessed_on: date | None
    review_by: date | None
    summary: str
    features: Sequence[str]
    risks: Sequence[RiskIn]
    consultations: Sequence[ConsultationIn]


def _dates_problems(facts: AssessmentIn, today: date) -> list[Reason]:
    reasons = []
    if facts.assessed_on is None:
        reasons.append(Reason(_("Give the date of the assessment."), "assessed_on"))
    elif facts.assessed_on > today:
        reasons.append(Reason(_("An assessment cannot be dated in the future."), "assessed_on"))
    if facts.review_by is None:
        reasons.append(Reason(_("Give the date of the next review."), "review_by"))
    elif facts.assessed_on is not None and not (
        facts.assessed_on <= facts.review_by <= facts.assessed_on + timedelta(days=REVIEW_DAYS)
    ):
        message = _("Review it at least yearly: on or before %(day)s.") % {
            "day": (facts.assessed_on + timedelta(days=REVIEW_DAYS)).isoformat()
        }
        reasons.append(Reason(message, "review_by"))
    return reasons


def _risk_problems(risks: Sequence[RiskIn]) -> list[Reason]:
    reasons = []
    given = {risk.right: risk for risk in risks}
    twice = sorted({r.right for r in risks if [x.right for x in risks].count(r.right) > 1})
    if twice:
        message = _("Rate each right once: %(rights)s given twice.") % {"rights": ", ".join(twice)}
        reasons.append(Reason(message, "risks"))
    for extra in sorted(set(given) - set(Right.values)):
        reasons.append(Reason(_("“%(r)s” is not a right of the list.") % {"r": extra}, "risks"))
    for right in Right:
        risk = given.get(right.value)
        for name, what in (("likelihood", _("likelihood")), ("severity", _("severity"))):
            if getattr(risk, name, None) not in Level.values:
                message = _("Rate the %(what)s of the risk to %(right)s (1 to 4).") % {
                    "what": what,
                    "right": right.label,
                }
                reasons.append(Reason(message, f"{right.value}_{name}"))
        if risk is None or not risk.mitigation.strip():
            message = _("Say how the risk to %(right)s is mitigated (or why it needs none).")
            reasons.append(Reason(message % {"right": right.label}, f"{right.value}_mitigation"))
    return reasons


HELD_WITH_MAX = 300  # the column's size


def _consultation_problems(rows: Sequence[ConsultationIn], today: date) -> list[Reason]:
    reasons = []
    for n, row in enumerate(rows, start=1):
        if not row.held_with.strip() or len(row.held_with.strip()) > HELD_WITH_MAX:
            message = _(
                "Consultation %(n)d: say with whom it was held (at most %(max)d characters)."
            )
            reasons.append(
                Reason(message % {"n": n, "max": HELD_WITH_MAX}, f"consultation_{n}_held_with")
            )
        if row.held_on is None or row.held_on > today:
            message = _("Consultation %(n)d: give the day it was held.") % {"n": n}
            reasons.append(Reason(message, f"consultation_{n}_held_on"))
        if not row.outcome.strip():
            message = _("Consultation %(n)d: say what changed because of it.") % {"n": n}
            reasons.append(Reason(message, f"consultation_{n}_outcome"))
    return reasons


def assessment_verdict(facts: AssessmentIn, today: date) -> Verdict:
    """Pure: every problem of a filed assessment at once, each naming its field. Every
    right is rated, so that assessments compare; features come from the taxonomy."""
    reasons = []
    if facts.stage not in Stage.values:
        reasons.append(Reason(_("Choose design, development, sale or servicing."), "stage"))
    reasons += _dates_problems(facts, today)
    if not facts.summary.strip():
        reasons.append(Reason(_("Write the public summary."), "summary"))
    unknown = [code for code in facts.features if code not in Feature.values]
    if unknown:
        message = _("Not in the taxonomy: %(codes)s.") % {"codes": ", ".join(unknown)}
        reasons.append(Reason(message, "features"))
    reasons += _risk_problems(facts.risks)
    reasons += _consultation_problems(facts.consultations, today)
    return Verdict.of(reasons)


def stage_problem(
    current: Sequence[tuple[str, date]], technology: Technology, today: date
) -> str | None:
    """Pure: the current assessments of a product (stage, review by) whose review is overdue.
    None assessed yet is not overdue (the product due diligence element asks for it)."""
    overdue = sorted((stage, day) for stage, day in current if day < today)
    if not overdue:
        return None
    return _("Due diligence for %(t)s is overdue for review: %(stages)s.") % {
        "t": technology,
        "stages": "; ".join(
            _("%(stage)s since %(day)s") % {"stage": Stage(stage).label, "day": day.isoformat()}
            for stage, day in overdue
        ),
    }


def ungp_elements(
    company: Organisation,
    technologies: Iterable[Technology],
    *,
    today: date,
    destination: str | None = None,
) -> list[Element]:
    """Every element of the check, each with its reason (and a link where there is one)."""
    subject = Subject(company, list(technologies), destination, today)
    return [element for check in CHECKS for element in check(subject)]


def ungp_compliance(
    company: Organisation,
    technologies: Iterable[Technology],
    *,
    today: date,
    destination: str | None = None,
) -> Verdict:
    """THE check the licensing screening calls: the company's record as it stands today."""
    elements = ungp_elements(company, technologies, today=today, destination=destination)
    return Verdict.of(element.reason for element in elements if not element.ok)
