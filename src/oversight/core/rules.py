"""The one refusal contract: rules answer a `Verdict`, actions raise `Refused`.

A rule is a pure function that returns a `Verdict`: whether it passes and the
reasons a person can read, each naming the input field it concerns where there
is one. An action that applies a rule calls `verdict.enforce()`, which raises
`Refused`, a `ValidationError` keyed by field. Forms show it with
`core.forms.attach_errors`, the API answers it with `core.api.ErrorOut`, and the
audit log records the same reasons: one shape from the rule to the reader.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.functional import Promise

Message = str | Promise


@dataclass(frozen=True)
class Reason:
    """One reason a person can read, and the input field it concerns (if any)."""

    message: Message
    field: str | None = None

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reasons: list[Reason] = field(default_factory=list)

    @classmethod
    def of(cls, reasons: Iterable[Reason | Message]) -> "Verdict":
        """Passes when there is nothing to say against it."""
        listed = [r if isinstance(r, Reason) else Reason(r) for r in reasons]
        return cls(ok=not listed, reasons=listed)

    @classmethod
    def passed(cls, *reasons: Reason | Message) -> "Verdict":
        """Passes, with reasons that explain why (a rule that passes may say so)."""
        return cls(ok=True, reasons=list(cls.of(reasons).reasons))

    @property
    def messages(self) -> list[str]:
        return [str(reason) for reason in self.reasons]

    def by_field(self) -> dict[str, list[str]]:
        """The reasons grouped by field; reasons about no field under NON_FIELD_ERRORS."""
        grouped: dict[str, list[str]] = {}
        for reason in self.reasons:
            grouped.setdefault(reason.field or NON_FIELD_ERRORS, []).append(str(reason))
        return grouped

    def enforce(self) -> None:
        """Raise `Refused` unless the verdict passes."""
        if not self.ok:
            raise Refused(self)


class Refused(ValidationError):
    """An action's refusal: the verdict's reasons, keyed by the field each names."""

    def __init__(self, verdict: Verdict | Iterable[Reason | Message]) -> None:
        self.verdict = verdict if isinstance(verdict, Verdict) else Verdict.of(verdict)
        super().__init__(self.verdict.by_field())
