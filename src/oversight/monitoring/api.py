"""Analyst writes over the API (bearer token); public reads come from /api/v1/datasets/.

POST /api/v1/monitoring/cases, /monitoring/communications,
/monitoring/communications/{id}/replies. Non-analysts get 403, bad input 422 naming
the field (core.api.ErrorOut), with nothing written.
"""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from oversight.accounts.api_auth import ApiRequest, token_auth
from oversight.accounts.models import User
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
    operator_country: str | None = None  # one suspected operator State (ISO code) …
    operator_countries: list[str] = []  # … or several, in order; the first is operator_country
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


def _check(*forms: BaseForm) -> None:
    """Refuse, naming every field of every form at fault (victims.0.group …)."""
    errors: dict[str, list[str]] = {}
    for form in forms:
        if form.is_valid():
            continue
        for name, messages in form.errors.items():
            field = f"{form.prefix}.{name}" if form.prefix else name
            if field == "other_operator_countries":  # the API's list holds the first too
                field = "operator_countries"
            errors.setdefault(field, []).extend(str(message) for message in messages)
    if errors:
        raise ValidationError(errors)


def _analyst(request: ApiRequest) -> User:
    if not is_analyst(request.auth):
        raise PermissionDenied(_("Only working-group analysts may write monitoring records."))
    return request.auth


@router.post("/cases", response={201: Created}, summary="Record a case")
def create_case(request: ApiRequest, payload: CaseIn) -> Status[Created]:
    user = _analyst(request)
    data = _data(payload, {"victims", "sources", "operator_countries"})
    if payload.operator_countries:
        if payload.operator_country not in (None, payload.operator_countries[0]):
            raise ValidationError(
                {"operator_country": [_("Must be the first of operator_countries.")]}
            )
        data["operator_country"], *data["other_operator_countries"] = payload.operator_countries
    form = CaseForm(data)
    victims = [VictimForm(_data(v), prefix=f"victims.{i}") for i, v in enumerate(payload.victims)]
    sources = [SourceForm(_data(s), prefix=f"sources.{i}") for i, s in enumerate(payload.sources)]
    for item in [*victims, *sources]:  # the API names fields without form prefixes
        item.data = {item.add_prefix(k): v for k, v in item.data.items()}
    _check(form, *victims, *sources)
    case = actions.record_case(
        form.values(),
        [v.split() for v in victims],
        [s.cleaned_data for s in sources],
        actor=user,
    )
    return Status(201, Created(id=case.pk, status=case.status))


@router.post("/communications", response={201: Created}, summary="Record a communication sent")
def create_communication(request: ApiRequest, payload: CommunicationIn) -> Status[Created]:
    user = _analyst(request)
    form = CommunicationForm(_data(payload), cases=cases_for_user(user))
    _check(form)
    letter = actions.send_communication(
        form.values(), list(form.cleaned_data["cases"]), actor=user
    )
    return Status(201, Created(id=letter.pk, reference=letter.reference))


@router.post("/communications/{pk}/replies", response={201: Created}, summary="Log a reply")
def create_reply(request: ApiRequest, pk: int, payload: ReplyIn) -> Status[Created]:
    user = _analyst(request)
    letter = get_communication_for_user(user, pk)
    form = ReplyForm(_data(payload), sent_on=letter.sent_on)
    _check(form)
    reply = actions.record_reply(letter, form.cleaned_data, actor=user)
    return Status(201, Created(id=reply.pk))
