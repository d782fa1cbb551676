"""What the public pages and the API read of witnessing (all of it is public).

Cosignatures accumulate (one a day per log); the pages show only the latest of each,
fetched by a subquery, so their queries do not grow with the history.
"""

from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from oversight.witness.models import Cosignature, Cosigner, Fork, ReceivedCosignature, WitnessedLog


@dataclass(frozen=True)
class Watched:
    """A log this instance witnesses, its latest cosignature, and the forks it caught."""

    log: WitnessedLog
    latest: Cosignature | None
    forks: list[Fork]


def witnessed_logs() -> list[Watched]:
    newest = Cosignature.objects.filter(log=OuterRef("pk")).order_by("-size", "-timestamp")
    logs = list(
        WitnessedLog.objects.annotate(latest_id=Subquery(newest.values("pk")[:1]))
        .prefetch_related(Prefetch("forks", queryset=Fork.objects.order_by("-detected_at")))
        .order_by("url")
    )
    ids = [log.latest_id for log in logs if log.latest_id is not None]
    latest = Cosignature.objects.in_bulk(ids) if ids else {}
    return [Watched(log, latest.get(log.latest_id), list(log.forks.all())) for log in logs]


def forked_logs() -> QuerySet[WitnessedLog]:
    return WitnessedLog.objects.filter(forked=True)


@dataclass(frozen=True)
class Witnessed:
    """One witness of this log, and what it cosigned of it."""

    cosigner: Cosigner
    current: ReceivedCosignature | None  # its cosignature of the checkpoint shown
    latest: ReceivedCosignature | None  # the largest tree it cosigned


def witnesses_of(size: int, root: str) -> list[Witnessed]:
    """Each cosigner of this log, with its cosignature of (size, root) if it made one.

    Only the largest tree each cosigned is read: no cosignature of a tree larger than
    the one published is kept, so if it cosigned the checkpoint shown, that is the one.
    """
    newest = ReceivedCosignature.objects.filter(cosigner=OuterRef("pk")).order_by(
        "-size", "-timestamp"
    )
    cosigners = list(
        Cosigner.objects.annotate(latest_id=Subquery(newest.values("pk")[:1])).order_by("url")
    )
    ids = [c.latest_id for c in cosigners if c.latest_id is not None]
    received = ReceivedCosignature.objects.in_bulk(ids) if ids else {}
    found = []
    for cosigner in cosigners:
        last = received.get(cosigner.latest_id)
        current = last if last and (last.size, last.root) == (size, root) else None
        found.append(Witnessed(cosigner, current, last))
    return found
