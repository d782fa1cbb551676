"""Recording a due-diligence assessment of one product at one stage, audited.

The assessment, its five risk ratings and its consultations are written in one
transaction with one audit entry, or not at all. A new assessment of the same product
and stage supersedes the old one, which stays as history.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.companies import rules
from oversight.companies.actions.contracts import is_member
from oversight.companies.actions.record import _check_company, _check_technology
from oversight.companies.events import Event
from oversight.companies.models import AssessedRisk, Consultation, StageAssessment
from oversight.core import audit
from oversight.core.rules import Reason, Refused
from oversight.registry.models import Organisation, Technology


def record_assessment(
    company: Organisation,
    *,
    technology: Technology,
    stage: str,
    assessed_on: date | None,
    review_by: date | None,
    summary: str,
    features: Iterable[str] = (),
    risks: Sequence[rules.RiskIn],
    consultations: Sequence[rules.ConsultationIn] = (),
    actor: Any,
) -> StageAssessment:
    """Only the company's members (or the system) file its assessments; every problem of
    the filing is named at once, each by its field."""
    _check_company(company)
    facts = rules.AssessmentIn(
        stage=stage,
        assessed_on=assessed_on,
        review_by=review_by,
        summary=summary,
        features=list(dict.fromkeys(features)),
        risks=risks,
        consultations=consultations,
    )
    reasons = list(rules.assessment_verdict(facts, timezone.localdate()).reasons)
    if not is_member(actor, company):
        message = _("Only a member of %(company)s files its due diligence.")
        reasons.insert(0, Reason(message % {"company": company}, "company"))
    try:
        _check_technology(company, technology)
    except ValidationError as error:
        reasons += [Reason(m, "technology") for m in error.message_dict["technology"]]
    if reasons:
        raise Refused(reasons)
    assert assessed_on is not None and review_by is not None
    with transaction.atomic():
        row = StageAssessment(
            company=company,
            technology=technology,
            stage=stage,
            assessed_on=assessed_on,
            review_by=review_by,
            summary=summary.strip(),
            features=sorted(facts.features),
        )
        row.full_clean()
        row.save(force_insert=True)
        AssessedRisk.objects.bulk_create(
            AssessedRisk(
                assessment=row,
                right=risk.right,
                likelihood=int(risk.likelihood or 0),  # rated: the verdict checked it
                severity=int(risk.severity or 0),
                mitigation=risk.mitigation.strip(),
            )
            for risk in risks
        )
        Consultation.objects.bulk_create(
            Consultation(
                assessment=row,
                held_with=c.held_with.strip(),
                held_on=c.held_on or assessed_on,  # given: the verdict checked it
                outcome=c.outcome.strip(),
            )
            for c in consultations
        )
        snapshot = {
            "company_id": company.pk,
            "technology_id": technology.pk,
            "stage": stage,
            "assessed_on": assessed_on,
            "review_by": review_by,
            "features": row.features,
            "risks": {r.right: [r.likelihood, r.severity] for r in risks},
            "consultations": len(consultations),
        }
        audit.record(Event.ASSESSMENT_CREATED, row, actor=actor, changes=audit.diff({}, snapshot))
    return row
