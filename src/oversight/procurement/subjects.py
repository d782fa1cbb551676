"""The deployed technologies a complainant may name on the grievance form (public inventory).

Registered with `grievances.subjects` in `AppConfig.ready()`: grievances sits lower and
cannot import procurement. Only what the public inventory already shows goes out: the
agency, the registry technology, the chain and the body that oversees its use.
"""

from collections.abc import Iterator

from oversight.grievances.subjects import Subject
from oversight.procurement.models import Holding, HoldingStatus

DEPLOYED = [
    HoldingStatus.APPROVED,
    HoldingStatus.IN_USE,
    HoldingStatus.SUSPENDED,
    HoldingStatus.DECOMMISSIONED,  # complaints about past use still count
]


def deployed() -> Iterator[Subject]:
    rows = Holding.objects.public().filter(status__in=DEPLOYED)
    rows = rows.select_related("body__organisation")
    for holding in rows:
        yield Subject(
            key=f"procurement:{holding.chain}",
            label=f"{holding.agency.name}: {holding.technology.name} ({holding.chain})",
            organisation_id=holding.agency_id,
            technology_id=holding.technology_id,
            overseer_id=holding.body.organisation_id,
            overseer=holding.body.organisation.name,
        )
