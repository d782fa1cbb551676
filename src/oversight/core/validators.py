"""Text the project cannot store as given is refused, naming its field; never cut or kept.

`text_verdict` is the one check: a NUL character (which PostgreSQL cannot store and
which hides text from readers) anywhere in a text, JSON or list value, or a text
longer than its field's size. Free text with no declared size is capped at
`MAX_TEXT_LENGTH`. `refuse_bad_text` runs it before every save of a project model,
so forms, the API, imports and the admin all meet the same refusal.
"""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from oversight.core.rules import Reason, Verdict

MAX_TEXT_LENGTH = 20_000
NUL_MESSAGE = _("Remove the NUL character (\\0): text cannot hold one.")


def has_nul(value: Any) -> bool:
    """Whether a string, or any string inside a list or mapping, holds a NUL character."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(has_nul(item) for item in value)
    if isinstance(value, dict):
        return any(has_nul(key) or has_nul(item) for key, item in value.items())
    return False


def too_long(limit: int, length: int) -> str:
    message = _("At most %(limit)s characters (this has %(length)s).")
    return str(message) % {"limit": f"{limit:,}", "length": f"{length:,}"}


def text_reasons(name: str, value: Any, limit: int | None) -> list[Reason]:
    if has_nul(value):
        return [Reason(NUL_MESSAGE, field=name)]
    if limit is not None and isinstance(value, str) and len(value) > limit:
        return [Reason(too_long(limit, len(value)), field=name)]
    return []


def _limit(field: models.Field[Any, Any]) -> int | None:
    if isinstance(field, models.CharField):
        return field.max_length
    if isinstance(field, models.TextField):
        return field.max_length or MAX_TEXT_LENGTH
    return None


def text_verdict(instance: models.Model) -> Verdict:
    reasons: list[Reason] = []
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField | models.JSONField):
            value = getattr(instance, field.attname)
            reasons.extend(text_reasons(field.name, value, _limit(field)))
    return Verdict.of(reasons)


def refuse_bad_text(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """pre_save: raise `Refused` (keyed by field) before the database sees such text."""
    if sender.__module__.startswith("oversight."):
        text_verdict(instance).enforce()
