"""The periodic jobs: what must happen without a person, and how often.

Like `core.publication` and `core.dashboard`, a registry the apps fill: each app declares
its jobs in its own `jobs.py` and registers them in its `AppConfig.ready()`, so that core
imports no app. The `ops` app's worker (`oversight worker`) runs them through the task
queue: it claims one row per job and due slot (a unique key), so that two workers never
run the same job twice, and after a missed slot the next run catches up, because every
job does all the work due up to its run (a run is idempotent: a second one finds nothing).

A job's function is given the time of its run and returns counts of what it did
({"closed": 2}); its writes are audited by the actions it calls.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeAlias

from django.utils.functional import Promise

Text: TypeAlias = str | Promise
Run: TypeAlias = Callable[[datetime], Mapping[str, int]]

_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Job:
    name: str  # stable, e.g. "consultations.close_due": the key of its runs
    title: Text
    every: timedelta
    run: Run

    def slot(self, now: datetime) -> datetime:
        """The start of the period `now` falls in: one run per job and slot."""
        periods = (now - _EPOCH) // self.every
        return _EPOCH + periods * self.every

    def next_slot(self, now: datetime) -> datetime:
        return self.slot(now) + self.every


_jobs: dict[str, Job] = {}


def register(job: Job) -> Job:
    """Add a periodic job; once per name."""
    if job.name in _jobs:
        raise ValueError(f"A periodic job {job.name!r} is already registered")
    if job.every < timedelta(minutes=1):
        raise ValueError(f"{job.name}: run at most once a minute")
    _jobs[job.name] = job
    return job


def unregister(name: str) -> None:
    """For tests that register a job of their own."""
    _jobs.pop(name, None)


def registered() -> list[Job]:
    return sorted(_jobs.values(), key=lambda job: job.name)


def get(name: str) -> Job | None:
    return _jobs.get(name)
