"""Casework API (#14 §3-4), bearer token: classification rulings and catch-all
notifications (exporter asks, officer answers), queues and bulk approval, questions to
the applicant, the advice and its countersignatures. Rows are reached through
`access.py`: "not there" and "not yours" are the same 404."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from oversight.accounts.api_auth import ApiRequest, token_auth
from oversight.companies.access import get_company_for_user, technologies_of
from oversight.licensing import access, casework, casework_rules
from oversight.licensing.actions import casework as work
from oversight.licensing.actions import rulings
from oversight.licensing.api_base import CONFLICT, ApplicationOut, application_out, apply
from oversight.licensing.models import (
    Advice,
    Application,
    CatchAllNotification,
    Question,
    Queue,
    RulingRequest,
)

router = Router(tags=["licensing casework"], auth=token_auth)


# Schemas ------------------------------------------------------------------------------


class RulingRequestIn(Schema):
    exporter: str  # the company's slug
    item_name: str
    description: str
    technical_specs: str = ""
    confidential_details: str = ""  # never published


class RulingAnswerIn(Schema):
    controlled: bool | None = None
    control_entry: str = ""
    reasoning: str = ""
    version: int | None = None


class RulingOut(Schema):
    reference: str
    state: str
    exporter: str
    item_name: str
    description: str
    due_on: date
    controlled: bool | None
    control_entry: str | None
    reasoning: str
    answered_on: date | None
    late: bool
    version: int


class CatchAllIn(Schema):
    exporter: str
    technology: str  # the product's slug
    destination: str  # ISO country code
    end_user: str = ""
    concern: str = ""


class CatchAllDecisionIn(Schema):
    licence_required: bool | None = None
    reasons: list[str] = []
    version: int | None = None


class CatchAllOut(Schema):
    reference: str
    state: str
    exporter: str
    technology: str
    destination: str
    due_on: date
    reasons: list[str]
    decided_on: date | None
    late: bool
    version: int


class ServiceOut(Schema):
    decided: int
    within_target: int
    share: float | None
    median_days: float | None


class QueueOut(Schema):
    slug: str
    name: str
    team: str
    target_days: int
    service: ServiceOut


class CaseOut(Schema):
    reference: str
    status: str
    destination: str | None
    days: float | None
    over_target: bool
    waiting_on_applicant: bool
    assigned_to: str | None


class QueueDetailOut(QueueOut):
    cases: list[CaseOut]


class BulkIn(Schema):
    applications: list[str]
    reasons: list[str]


class BulkOut(Schema):
    reference: str
    decided: bool
    reasons: list[str]
    decision: str


class QuestionIn(Schema):
    text: str
    reply_days: int | None = None


class AnswerIn(Schema):
    answer: str


class QuestionOut(Schema):
    id: int
    text: str
    asked_at: datetime
    reply_due: date
    state: str
    answer: str
    answered_at: datetime | None
    reminded_at: datetime | None


class AdviceIn(Schema):
    outcome: str
    reasons: list[str]
    conditions: list[str] = []
    cited: list[str] = []
    justification: str = ""
    valid_until: date | None = None


class CountersignIn(Schema):
    comment: str = ""
    version: int | None = None


class IssueIn(Schema):
    version: int | None = None


class CountersignatureOut(Schema):
    step: int
    label: str
    signer: str
    advice_version: int
    signed_at: datetime
    cancelled_at: datetime | None


class AdviceOut(Schema):
    outcome: str
    reasons: list[str]
    cited: list[str]
    needs: list[str]
    version: int
    state: str
    countersignatures: list[CountersignatureOut]
    complete: bool


class CaseworkOut(Schema):
    reference: str
    queue: str | None
    rule: str
    assigned_to: str | None
    days: float | None
    waiting_on_applicant: bool
    questions: list[QuestionOut]
    advice: AdviceOut | None
    cited_rulings: list[str]


class AssignIn(Schema):
    officer: str | None = None  # a username; null takes the case off anyone's desk


# Answers ------------------------------------------------------------------------------


def _ruling_out(row: RulingRequest) -> RulingOut:
    return RulingOut(
        reference=row.reference,
        state=row.state,
        exporter=row.exporter.slug,
        item_name=row.item_name,
        description=row.description,
        due_on=row.due_on,
        controlled=row.controlled,
        control_entry=row.control_entry.code if row.control_entry else None,
        reasoning=row.reasoning,
        answered_on=row.answered_on,
        late=row.late,
        version=row.version,
    )


def _catch_all_out(row: CatchAllNotification) -> CatchAllOut:
    return CatchAllOut(
        reference=row.reference,
        state=row.state,
        exporter=row.exporter.slug,
        technology=row.technology.slug,
        destination=row.destination_id,
        due_on=row.due_on,
        reasons=list(row.reasons),
        decided_on=row.decided_on,
        late=row.late,
        version=row.version,
    )


def _queue_out(queue: Queue, now: datetime) -> dict[str, Any]:
    level = casework.service(queue, now)
    return {
        "slug": queue.slug,
        "name": queue.name,
        "team": queue.team.name,
        "target_days": queue.target_days,
        "service": ServiceOut(**level.__dict__),
    }


def _question_out(row: Question) -> QuestionOut:
    return QuestionOut(
        id=row.pk,
        text=row.text,
        asked_at=row.asked_at,
        reply_due=row.reply_due,
        state=row.state,
        answer=row.answer,
        answered_at=row.answered_at,
        reminded_at=row.reminded_at,
    )


def _advice_out(app: Application, row: Advice) -> AdviceOut:
    signatures = row.countersignatures.select_related("signer").order_by("step", "signed_at")
    chain = casework.chain(app.exporting_jurisdiction_id)
    return AdviceOut(
        outcome=row.outcome,
        reasons=list(row.reasons),
        cited=list(row.cited),
        needs=list(row.needs),
        version=row.version,
        state=row.state,
        countersignatures=[
            CountersignatureOut(
                step=s.step,
                label=s.label,
                signer=s.signer.get_username(),
                advice_version=s.advice_version,
                signed_at=s.signed_at,
                cancelled_at=s.cancelled_at,
            )
            for s in signatures
        ],
        complete=casework_rules.chain_errors(chain, casework.signed(row)).ok,
    )


def _casework_out(app: Application, *, officer: bool) -> CaseworkOut:
    case = getattr(app, "case_file", None) if hasattr(app, "case_file") else None
    advice = casework.current_advice(app) if officer else None
    return CaseworkOut(
        reference=app.reference,
        queue=case.queue.slug if case and case.queue else None,
        rule=case.rule if case else "",
        assigned_to=case.assigned_to.get_username()
        if officer and case and case.assigned_to
        else None,
        days=casework.clock_days(app, timezone.now()),
        waiting_on_applicant=casework.waiting_on_applicant(app),
        questions=[_question_out(q) for q in app.questions.order_by("asked_at", "pk")],
        advice=_advice_out(app, advice) if advice else None,
        cited_rulings=[c.ruling.reference for c in app.cited_rulings.select_related("ruling")],
    )


# Rulings and catch-all notifications --------------------------------------------------


@router.post(
    "/licensing/rulings",
    response={201: RulingOut},
    summary="Ask for a classification ruling (exporter)",
)
def request_ruling(request: ApiRequest, body: RulingRequestIn) -> Status[RulingOut]:
    company = get_company_for_user(request.auth, body.exporter)
    row = rulings.request_ruling(company, body.dict(), actor=request.auth)
    return Status(201, _ruling_out(row))


@router.get(
    "/licensing/rulings/{reference}",
    response=RulingOut,
    summary="A ruling request (exporter or officer)",
)
def ruling(request: ApiRequest, reference: str) -> RulingOut:
    return _ruling_out(access.ruling_for_user(request.auth, reference))


@router.post(
    "/licensing/rulings/{reference}/answer",
    response={200: RulingOut, **CONFLICT},
    summary="Give the ruling (officer); an answer after its deadline is marked late",
)
def answer_ruling(request: ApiRequest, reference: str, body: RulingAnswerIn) -> RulingOut:
    row = access.ruling_for_user(request.auth, reference)
    done = apply(
        lambda: rulings.answer_ruling(
            row,
            controlled=body.controlled,
            control_entry=body.control_entry,
            reasoning=body.reasoning,
            actor=request.auth,
            expected_version=body.version,
        )
    )
    return _ruling_out(done)


@router.post(
    "/licensing/catch-all",
    response={201: CatchAllOut},
    summary="Notify an unlisted cyber-surveillance item (exporter, Art. 5)",
)
def notify(request: ApiRequest, body: CatchAllIn) -> Status[CatchAllOut]:
    company = get_company_for_user(request.auth, body.exporter)
    technology = technologies_of(company).filter(slug=body.technology).first()
    values = {
        "technology": technology,
        "destination_id": body.destination,
        "end_user": body.end_user,
        "concern": body.concern,
    }
    row = rulings.notify_catch_all(company, values, actor=request.auth)
    return Status(201, _catch_all_out(row))


@router.get(
    "/licensing/catch-all/{reference}",
    response=CatchAllOut,
    summary="A catch-all notification (exporter or officer)",
)
def catch_all(request: ApiRequest, reference: str) -> CatchAllOut:
    return _catch_all_out(access.notification_for_user(request.auth, reference))


@router.post(
    "/licensing/catch-all/{reference}/decision",
    response={200: CatchAllOut, **CONFLICT},
    summary="Decide whether a licence is required (officer); late decisions are marked",
)
def decide_catch_all(request: ApiRequest, reference: str, body: CatchAllDecisionIn) -> CatchAllOut:
    row = access.notification_for_user(request.auth, reference)
    done = apply(
        lambda: rulings.decide_catch_all(
            row,
            licence_required=body.licence_required,
            reasons=body.reasons,
            actor=request.auth,
            expected_version=body.version,
        )
    )
    return _catch_all_out(done)


# Queues and bulk approval -------------------------------------------------------------


@router.get(
    "/licensing/queues",
    response=list[QueueOut],
    summary="Your State's queues with their service level (officer)",
)
def queues(request: ApiRequest) -> list[QueueOut]:
    now = timezone.now()
    rows = access.queues_for_officer(request.auth).order_by("team__name", "name")
    return [QueueOut(**_queue_out(q, now)) for q in rows]


@router.get(
    "/licensing/queues/{slug}",
    response=QueueDetailOut,
    summary="A queue's open cases on the clock (officer)",
)
def queue(request: ApiRequest, slug: str) -> QueueDetailOut:
    found = access.queue_for_officer(request.auth, slug)
    now = timezone.now()
    cases = []
    apps = list(access.queue_cases(found).order_by("submitted_at", "pk"))
    clocks = casework.clocks(apps, now)
    for app in apps:
        days = clocks[app.pk].days
        assigned = app.case_file.assigned_to
        cases.append(
            CaseOut(
                reference=app.reference,
                status=app.status,
                destination=app.destination_id,
                days=days,
                over_target=days is not None and days > found.target_days,
                waiting_on_applicant=clocks[app.pk].waiting,
                assigned_to=assigned.get_username() if assigned else None,
            )
        )
    return QueueDetailOut(**_queue_out(found, now), cases=cases)


@router.post(
    "/licensing/queues/{slug}/bulk-approve",
    response=list[BulkOut],
    summary="Approve routine cases of the queue, each with its own audited decision (officer)",
)
def bulk_approve(request: ApiRequest, slug: str, body: BulkIn) -> list[BulkOut]:
    found = access.queue_for_officer(request.auth, slug)
    mine = {app.reference: app for app in access.queue_cases(found)}
    unknown = [ref for ref in body.applications if ref not in mine]
    if unknown:
        raise Http404("No such case in this queue")
    chosen = [mine[ref] for ref in body.applications]
    results = work.bulk_approve(chosen, reasons=body.reasons, actor=request.auth)
    return [BulkOut(**r.__dict__) for r in results]


# The case: questions, assignment, advice, citations -----------------------------------

P = "/licensing/applications/{reference}"


@router.get(
    f"{P}/casework", response=CaseworkOut, summary="The case's queue, clock, questions and advice"
)
def case(request: ApiRequest, reference: str) -> CaseworkOut:
    app = access.get_application_for_user(request.auth, reference)
    return _casework_out(app, officer=access.powers(request.auth, app).officer)


@router.post(
    f"{P}/questions",
    response={201: QuestionOut},
    summary="Ask the applicant; the clock stops (officer)",
)
def ask(request: ApiRequest, reference: str, body: QuestionIn) -> Status[QuestionOut]:
    app = access.application_for_officer(request.auth, reference)
    row = work.ask_question(app, body.text, reply_days=body.reply_days, actor=request.auth)
    return Status(201, _question_out(row))


@router.post(
    f"{P}/questions/{{pk}}/answer", response=QuestionOut, summary="Answer a question (applicant)"
)
def answer(request: ApiRequest, reference: str, pk: int, body: AnswerIn) -> QuestionOut:
    app = access.application_for_applicant(request.auth, reference)
    row = work.answer_question(access.question_of(app, pk), body.answer, actor=request.auth)
    return _question_out(row)


@router.post(
    f"{P}/assign", response=CaseworkOut, summary="Assign the case to an officer (officer)"
)
def assign(request: ApiRequest, reference: str, body: AssignIn) -> CaseworkOut:
    app = access.application_for_officer(request.auth, reference)
    officer = None
    if body.officer:
        officers = {
            u.get_username(): u for u in casework.officers_of(app.exporting_jurisdiction_id)
        }
        officer = officers.get(body.officer)
        if officer is None:
            raise ValidationError({"officer": _("Assign to a licensing officer of this State.")})
    work.assign_case(app, officer, actor=request.auth)
    return _casework_out(access.application_for_officer(request.auth, reference), officer=True)


@router.post(
    f"{P}/advice",
    response=AdviceOut,
    summary="Draft or edit the advice; an edit cancels its countersignatures (officer)",
)
def advice(request: ApiRequest, reference: str, body: AdviceIn) -> AdviceOut:
    app = access.application_for_officer(request.auth, reference)
    row = work.draft_advice(app, body.dict(), actor=request.auth)
    return _advice_out(app, row)


def _current(request: ApiRequest, reference: str) -> tuple[Application, Advice]:
    app = access.application_for_officer(request.auth, reference)
    row = casework.current_advice(app)
    if row is None:
        raise Http404("No advice drafted")
    return app, row


@router.post(
    f"{P}/advice/countersign",
    response={200: AdviceOut, **CONFLICT},
    summary="Give the next countersignature (a countersigner of its step)",
)
def countersign(request: ApiRequest, reference: str, body: CountersignIn) -> AdviceOut:
    app, row = _current(request, reference)
    apply(
        lambda: work.countersign(
            row, actor=request.auth, comment=body.comment, expected_version=body.version
        )
    )
    row.refresh_from_db()
    return _advice_out(app, row)


@router.post(
    f"{P}/advice/issue",
    response={200: ApplicationOut, **CONFLICT},
    summary="Issue the countersigned advice as the decision (officer)",
)
def issue(request: ApiRequest, reference: str, body: IssueIn) -> ApplicationOut:
    app, row = _current(request, reference)
    apply(lambda: work.issue_advice(row, actor=request.auth, expected_version=body.version))
    app.refresh_from_db()
    return application_out(app)


class CiteIn(Schema):
    ruling: str
    line: int | None = None


@router.post(
    f"{P}/rulings", response=CaseworkOut, summary="Cite a published ruling (applicant, draft)"
)
def cite(request: ApiRequest, reference: str, body: CiteIn) -> CaseworkOut:
    app = access.application_for_applicant(request.auth, reference)
    try:
        found = access.published_ruling(body.ruling, app.exporting_jurisdiction_id)
    except Http404:
        message = _("No published ruling of your State has that reference.")
        raise ValidationError({"ruling": message}) from None
    rulings.cite_ruling(app, found, line=body.line, actor=request.auth)
    return _casework_out(app, officer=False)
