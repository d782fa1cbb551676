"""What the public pages and the API read of witnessing (all of it is public)."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from oversight.witness.models import Cosignature, Cosigner, Fork, ReceivedCosignature, WitnessedLog


def witnessed_logs() -> QuerySet[WitnessedLog]:
    """Every log this instance witnesses, with its latest cosignature and its forks."""
    return WitnessedLog.objects.prefetch_related(
        Prefetch("cosignatures", queryset=Cosignature.objects.order_by("-size", "-timestamp")),
        Prefetch("forks", queryset=Fork.objects.order_by("-detected_at")),
    )


def forked_logs() -> QuerySet[WitnessedLog]:
    return WitnessedLog.objects.filter(forked=True)


@dataclass(frozen=True)
class Witnessed:
    """One witness of this log, and what it cosigned of it."""

    cosigner: Cosigner
    current: ReceivedCosignature | None  # its cosignature of the checkpoint shown
    latest: ReceivedCosignature | None  # the largest tree it cosigned


def witnesses_of(size: int, root: str) -> list[Witnessed]:
    """Each cosigner of this log, with its cosignature of (size, root) if it made one."""
    cosigners = Cosigner.objects.prefetch_related(
        Prefetch("received", queryset=ReceivedCosignature.objects.order_by("-size", "-timestamp"))
    )
    found = []
    for cosigner in cosigners:
        received = list(cosigner.received.all())
        current = next((r for r in received if (r.size, r.root) == (size, root)), None)
        found.append(Witnessed(cosigner, current, received[0] if received else None))
    return found
