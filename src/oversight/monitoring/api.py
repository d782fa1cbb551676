"""Analyst writes over the API (bearer token); public reads come from /api/v1/datasets/.

POST /api/v1/monitoring/cases, /monitoring/communications,
/monitoring/communications/{id}/replies. Non-analysts get 403, bad input 400 naming
the field, with nothing written.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema

from oversight.accounts.api_auth import token_auth
from oversight.monitoring import actions
from oversight.monitoring.access import cases_for_user, get_communication_for_user, is_analyst
from oversight.monitoring.forms import (
    CaseForm,
    CommunicationForm,
    ReplyForm,
    SourceForm,
    VictimForm,
)

router = Router(tags=["monitoring"], auth=token_auth)


class Error(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


class VictimIn(Schema):
    group: str
    affiliation_type: str
    country: str | None = None
    name: str = ""
    affiliation: str = ""
    basis: str = "none"
    basis_note: str = ""


class SourceIn(Schema):
    citation: str = ""
    url: str = ""
    accessed_on: date | None = None


class CaseIn(Schema):
    title: str
    summary: str = ""
    country: str | None = None
    occurred: date | None = None
    disclosed: date | None = None
    first_activity: date | None = None
    last_activity: date | None = None
    victim_count: int = 1
    technology: int | None = None
    vendor: int | None = None
    operator_country: str | None = None
    operator: str = ""
    attack_vectors: list[str] = []
    exploit: str = ""
    attack_result: str = "unknown"
    verification: str = "alleged"
    forensics_by: str = ""
    disclosed_by: str = ""
    rights_affected: list[str] = []
    mandates: list[str] = []
    victims: list[VictimIn] = []
    sources: list[SourceIn] = []


class CommunicationIn(Schema):
    kind: str
    joint: bool = False
    mandates: list[str]
    addressee_kind: str
    addressee_state: str | None = None
    addressee_company: int | None = None
    sent_on: date
    subject: str
    letter_url: str = ""
    follow_up_to: int | None = None
    cases: list[int] = []


class ReplyIn(Schema):
    received_on: date
    document_url: str = ""
    summary: str = ""
    assessment: str = "not_assessed"
    assessment_note: str = ""


class Created(Schema):
    id: int
    reference: str = ""
    status: str = ""


def _data(payload: Schema, exclude: set[str] = frozenset()) -> dict[str, Any]:  # type: ignore[assignment]
    return {k: ("" if v is None else v) for k, v in payload.dict(exclude=exclude).items()}


def _invalid(*forms: Any) -> tuple[int, Error]:
    errors: dict[str, list[str]] = {}
    for form in forms:
        for name, messages in form.errors.items():
            errors.setdefault(f"{form.prefix + '.' if form.prefix else ''}{name}", []).extend(
                messages
            )
    return 400, Error(
        detail="; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()), errors=errors
    )


def _forbidden(request: HttpRequest) -> tuple[int, Error] | None:
    if not is_analyst(request.auth):  # type: ignore[attr-defined]
        return 403, Error(detail="only working-group analysts may write monitoring records")
    return None


@router.post("/cases", response={201: Created, 400: Error, 403: Error}, summary="Record a case")
def create_case(request: HttpRequest, payload: CaseIn) -> tuple[int, Any]:
    if refused := _forbidden(request):
        return refused
    form = CaseForm(_data(payload, {"victims", "sources"}))
    victims = [VictimForm(_data(v), prefix=f"victims.{i}") for i, v in enumerate(payload.victims)]
    sources = [SourceForm(_data(s), prefix=f"sources.{i}") for i, s in enumerate(payload.sources)]
    for item in [*victims, *sources]:  # the API names fields without form prefixes
        item.data = {item.add_prefix(k): v for k, v in item.data.items()}
    if not all(
        [form.is_valid(), *(v.is_valid() for v in victims), *(s.is_valid() for s in sources)]
    ):
        return _invalid(form, *victims, *sources)
    try:
        case = actions.record_case(
            form.values(),
            [v.split() for v in victims],
            [s.cleaned_data for s in sources],
            actor=request.auth,  # type: ignore[attr-defined]
        )
    except ValidationError as exc:
        return 400, Error(detail=" ".join(exc.messages), errors=exc.message_dict)
    return 201, Created(id=case.pk, status=case.status)


@router.post(
    "/communications",
    response={201: Created, 400: Error, 403: Error},
    summary="Record a communication sent",
)
def create_communication(request: HttpRequest, payload: CommunicationIn) -> tuple[int, Any]:
    if refused := _forbidden(request):
        return refused
    user = request.auth  # type: ignore[attr-defined]
    data = _data(payload)
    form = CommunicationForm(data, cases=cases_for_user(user))
    if not form.is_valid():
        return _invalid(form)
    try:
        letter = actions.send_communication(
            form.values(), list(form.cleaned_data["cases"]), actor=user
        )
    except ValidationError as exc:
        return 400, Error(detail=" ".join(exc.messages), errors=exc.message_dict)
    return 201, Created(id=letter.pk, reference=letter.reference)


@router.post(
    "/communications/{pk}/replies",
    response={201: Created, 400: Error, 403: Error, 404: Error},
    summary="Log a reply",
)
def create_reply(request: HttpRequest, pk: int, payload: ReplyIn) -> tuple[int, Any]:
    if refused := _forbidden(request):
        return refused
    user = request.auth  # type: ignore[attr-defined]
    letter = get_communication_for_user(user, pk)
    form = ReplyForm(_data(payload), sent_on=letter.sent_on)
    if not form.is_valid():
        return _invalid(form)
    reply = actions.record_reply(letter, form.cleaned_data, actor=user)
    return 201, Created(id=reply.pk)
