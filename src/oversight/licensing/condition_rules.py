"""The pure rules of licence conditions: facts in, a Verdict naming each field out."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from oversight.core.rules import Reason, Verdict
from oversight.licensing.models.conditions import ConditionKind


@dataclass(frozen=True)
class ConditionFacts:
    kind: str
    terms: str
    evidence_due: date | None
    auditor_named: bool
    today: date
    valid_until: date
    licence_live: bool


def condition_errors(facts: ConditionFacts) -> Verdict:
    """What stops a condition from being set; every reason at once."""
    reasons: list[Reason] = []
    if not facts.licence_live:
        reasons.append(Reason(_("The licence has ended: it takes no new condition."), None))
    if facts.kind not in ConditionKind.values:
        reasons.append(Reason(_("Choose the kind of condition."), "kind"))
    if not facts.terms.strip():
        reasons.append(Reason(_("Write the terms of the condition; they are published."), "terms"))
    if facts.evidence_due is None:
        reasons.append(Reason(_("Give the date by which evidence is due."), "evidence_due"))
    elif facts.evidence_due < facts.today:
        reasons.append(Reason(_("The evidence deadline cannot be in the past."), "evidence_due"))
    elif facts.evidence_due > facts.valid_until:
        message = _("The evidence deadline must fall within the licence's validity.")
        reasons.append(Reason(message, "evidence_due"))
    if facts.kind == ConditionKind.AUDIT and not facts.auditor_named:
        reasons.append(Reason(_("An audit condition names its auditor."), "auditor"))
    if facts.kind != ConditionKind.AUDIT and facts.auditor_named:
        reasons.append(Reason(_("Only an audit condition names an auditor."), "auditor"))
    return Verdict.of(reasons)


def evidence_errors(text: str) -> Verdict:
    if not text.strip():
        return Verdict.of(
            [Reason(_("Describe the evidence or attach its reference."), "evidence")]
        )
    return Verdict.of([])


def assessment_errors(met: bool | None, reasons: list[str]) -> Verdict:
    found: list[Reason] = []
    if met is None:
        found.append(Reason(_("Say whether the evidence meets the condition."), "met"))
    if not reasons:
        found.append(Reason(_("Give the reasons of the assessment."), "reasons"))
    return Verdict.of(found)
