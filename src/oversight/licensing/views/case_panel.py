"""The casework part of an application's page: its queue and clock, questions to the
applicant, the advice and its countersignatures, and the rulings it cites."""

from typing import Any

from django.utils import timezone

from oversight.accounts.access import AnyUser
from oversight.licensing import access, casework, casework_rules
from oversight.licensing.casework_forms import (
    AdviceForm,
    AnswerForm,
    AssignForm,
    CiteRulingForm,
    CountersignForm,
    QuestionForm,
)
from oversight.licensing.models import Application, Status
from oversight.licensing.models.applications import FINAL


def _advice_initial(app: Application) -> dict[str, Any]:
    advice = casework.current_advice(app)
    if advice is None:
        return {"version": app.version}
    return {
        "version": app.version,
        "outcome": advice.outcome,
        "reasons": "\n".join(advice.reasons),
        "conditions": "\n".join(advice.conditions),
        "cited": advice.cited,
        "justification": advice.justification,
        "valid_until": advice.valid_until,
    }


def case_context(user: AnyUser, app: Application, powers: access.Powers) -> dict[str, Any]:
    now = timezone.now()
    case = getattr(app, "case_file", None) if hasattr(app, "case_file") else None
    questions = list(app.questions.select_related("asked_by").order_by("asked_at", "pk"))
    open_ = app.status not in FINAL and app.status != Status.DRAFT
    context: dict[str, Any] = {
        "case_file": case,
        "clock_days": casework.clock_days(app, now),
        "waiting": any(q.answered_at is None for q in questions),
        "questions": questions,
        "cited_rulings": list(app.cited_rulings.select_related("ruling")),
    }
    if powers.applicant:
        context["answer_form"] = AnswerForm(auto_id="answer-%s")
        if app.status == Status.DRAFT:
            context["cite_form"] = CiteRulingForm(auto_id="cite-%s")
    if powers.officer:
        advice = casework.current_advice(app)
        context |= {
            "advice": advice,
            "countersignatures": list(advice.countersignatures.order_by("step", "signed_at"))
            if advice
            else [],
            "next_step": casework_rules.next_step(
                casework.chain(app.exporting_jurisdiction_id), casework.signed(advice)
            )
            if advice
            else None,
            "question_form": QuestionForm(auto_id="question-%s") if open_ else None,
            "assign_form": AssignForm(
                initial={"officer": case.assigned_to_id if case else ""},
                officers=casework.officers_of(app.exporting_jurisdiction_id),
                auto_id="assign-%s",
            ),
        }
        # A State with a countersigning chain decides through the advice only (issued at
        # once when it needs no countersignature): the page offers that form, not both.
        chained = bool(casework.chain(app.exporting_jurisdiction_id))
        if chained:
            context["decidable"] = False
        if app.status == Status.DECISION and chained:
            context["advice_form"] = AdviceForm(initial=_advice_initial(app), auto_id="advice-%s")
            if advice is not None:
                context["countersign_form"] = CountersignForm(
                    initial={"version": advice.version}, auto_id="countersign-%s"
                )
    return context
