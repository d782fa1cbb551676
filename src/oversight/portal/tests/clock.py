"""Writing audit entries at a chosen time: the public log shows only days before today."""

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime, timedelta
from unittest import mock

from django.utils import timezone


def midnight() -> datetime:
    """Today's checkpoint: midnight UTC."""
    return timezone.now().astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


@contextmanager
def clock(when: datetime) -> Iterator[None]:
    with mock.patch("django.utils.timezone.now", return_value=when):
        yield


def yesterday(hours: float = 12) -> AbstractContextManager[None]:
    """The clock set to yesterday, `hours` after midnight UTC."""
    return clock(midnight() - timedelta(days=1) + timedelta(hours=hours))
