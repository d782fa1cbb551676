"""The shape every business rule answers in: a verdict and the reasons a person can read."""

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reasons: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, reasons: Iterable[str]) -> "Verdict":
        """Passes when there is nothing to say against it."""
        listed = [str(reason) for reason in reasons]
        return cls(ok=not listed, reasons=listed)
