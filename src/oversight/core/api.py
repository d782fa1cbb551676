"""The API's one error shape, the handlers that answer every refusal in it, and its document.

Every error the API gives is an `ErrorOut`: the HTTP status, a message a person
can read, and the errors per field (`__all__` for those about no one field):

    {"status": 422, "message": "Refused; nothing was saved.",
     "errors": {"destination": ["Not a known country code."]}}

Endpoints raise (`Refused`, `ValidationError`, `PermissionDenied`, `Http404`,
`HttpError`); `OversightAPI` answers each in that shape and documents 401, 403,
404 and 422 with it on every operation of the OpenAPI document.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestInvalid
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser

from oversight.core.search import BadQuery
from oversight.core.transitions import IllegalTransition

ERROR_REF = "#/components/schemas/ErrorOut"

# The errors every operation documents, and what each means.
DOCUMENTED = {
    401: gettext_lazy("No valid bearer token (operations that need one)."),
    403: gettext_lazy("The token's user may not do this."),
    404: gettext_lazy("Not there, or not yours: the two look the same."),
    422: gettext_lazy("Refused or invalid input, each error under the field it concerns."),
    429: gettext_lazy("Too many requests from this client this minute; see Retry-After."),
}


class ErrorOut(Schema):
    """Every error the API gives: its status, a message, and the errors per field."""

    status: int
    message: str
    errors: dict[str, list[str]]


def error_body(
    status: int, message: str, errors: Mapping[str, Sequence[str]] | None = None
) -> dict[str, Any]:
    listed = {name: [str(m) for m in messages] for name, messages in (errors or {}).items()}
    return ErrorOut(status=status, message=str(message), errors=listed).dict()


def errors_of(error: ValidationError) -> dict[str, list[str]]:
    """A Django ValidationError keyed by field; one about no field under `__all__`."""
    if hasattr(error, "error_dict"):
        return dict(error.message_dict)
    return {NON_FIELD_ERRORS: list(error.messages)}


def field_of(location: Sequence[Any]) -> str:
    """The field a ninja error names: `("body", "payload", "victims", 0, "group")` →
    `victims.0.group`; `("query", "year")` → `year`. The body parameter's own name
    is dropped; an error about the whole body is about no one field."""
    source, *path = location or ["body"]
    if source == "body" and path:
        path = path[1:]
    return ".".join(str(part) for part in path) or NON_FIELD_ERRORS


def request_errors(error: RequestInvalid) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for item in error.errors:
        grouped.setdefault(field_of(item.get("loc", ())), []).append(str(item.get("msg", "")))
    return grouped


def answer(exc: Exception) -> tuple[int, str, dict[str, list[str]]]:
    """The status, message and errors per field with which the API answers `exc`."""
    if isinstance(exc, ValidationError):
        return 422, _("Refused; nothing was saved."), errors_of(exc)
    if isinstance(exc, RequestInvalid):
        return 422, _("The request is not valid; nothing was saved."), request_errors(exc)
    if isinstance(exc, BadQuery):
        return 400, str(exc), {exc.parameter or NON_FIELD_ERRORS: [str(exc)]}
    if isinstance(exc, IllegalTransition):
        return 409, str(exc), {NON_FIELD_ERRORS: [str(exc)]}
    if isinstance(exc, PermissionDenied):
        return 403, str(exc) or _("You may not do this."), {}
    if isinstance(exc, Http404):  # its text may say more than "not there, or not yours"
        return 404, _("Not found."), {}
    if isinstance(exc, AuthenticationError):
        return exc.status_code, _("Give a valid bearer token: Authorization: Bearer ovt_…"), {}
    if isinstance(exc, HttpError) and isinstance(exc.__cause__, NotText):  # from the parser
        message = _("The request is not valid; nothing was saved.")
        return 422, message, {exc.__cause__.field: [str(exc.__cause__)]}
    if isinstance(exc, HttpError):
        return exc.status_code, exc.message, {}
    raise exc


ANSWERED = (
    ValidationError,
    RequestInvalid,
    BadQuery,
    IllegalTransition,
    PermissionDenied,
    Http404,
    HttpError,
)


class NotText(ValueError):
    """A JSON string that is not text: a lone surrogate ("\\ud800") can be neither stored
    nor shown, and used to fail in the database with a 500."""

    def __init__(self, path: Sequence[str | int]) -> None:
        super().__init__(_("Not valid text: it holds a lone surrogate."))
        self.field = ".".join(str(part) for part in path) or NON_FIELD_ERRORS


def check_text(value: Any, path: tuple[str | int, ...] = ()) -> None:
    """Raise `NotText` naming the first string in `value` that cannot be encoded."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise NotText(path) from None
    elif isinstance(value, dict):
        for key, item in value.items():
            check_text(key, path)
            check_text(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_text(item, (*path, index))


class TextParser(Parser):
    """JSON bodies whose every string is text, or a refusal naming the field."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        check_text(data)
        return data


class OversightAPI(NinjaAPI):
    """A NinjaAPI whose every error, expected or refused, is an `ErrorOut`."""

    def __init__(self, **options: Any) -> None:
        super().__init__(parser=TextParser(), **options)

    def set_default_exception_handlers(self) -> None:
        super().set_default_exception_handlers()
        for kind in ANSWERED:
            self.add_exception_handler(kind, self._answer)

    def _answer(self, request: HttpRequest, exc: Exception | type[Exception]) -> HttpResponse:
        assert isinstance(exc, Exception)  # ninja hands the exception raised, never its class
        status, message, errors = answer(exc)
        return self.create_response(request, error_body(status, message, errors), status=status)

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_errors(schema)
        return schema


@csrf_exempt  # it reads nothing and changes nothing; the API takes bearer tokens, not cookies
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """A path under the API that no operation matches (`/companies/x/misuse-reports/-2/…`:
    an `{int:pk}` matches no minus sign) answers in the one error shape, not Django's page."""
    return JsonResponse(error_body(404, _("Not found.")), status=404)


def document_errors(schema: OpenAPISchema) -> None:
    """Declare ErrorOut, and list 401, 403, 404, 422 and 429 with it on every operation."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("ErrorOut", ErrorOut.model_json_schema())
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in DOCUMENTED.items():
                responses.setdefault(
                    status,
                    {
                        "description": str(description),
                        "content": {"application/json": {"schema": {"$ref": ERROR_REF}}},
                    },
                )
