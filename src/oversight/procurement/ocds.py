"""Each proposal's life as Open Contracting (OCDS 1.1) releases, and records compiled by
`ocdsmerge`: planning (submitted) → tender (public comment) → award (the body's decision)
→ contract (the use policy) → implementation (deployments and annual reports).

Fields the agency withheld are left out and listed, with the recorded reason, under
`withheldInformation` (the shape of the OCDS withheld-information extension).
"""

import json
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import ocdsmerge
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from oversight.procurement.actions.proposals import consultation_of
from oversight.procurement.models import PolicyStatus, Proposal, Status

SCHEMAS = Path(__file__).parent / "data" / "ocds-1.1.5"
VERSION = "1.1"
# Which OCDS fields each withholdable proposal field feeds.
WITHHELD_PATHS = {
    "value": ["planning/budget/amount", "awards/value"],
    "supplier": ["awards/suppliers", "parties"],
    "fiscal_cost": ["planning/budget/description"],
    "purpose": ["planning/rationale"],
    "how_it_works": ["tender/description"],
}
AWARD_STATUS: dict[str, str] = {
    Status.APPROVED: "active",
    Status.APPROVED_WITH_CONDITIONS: "active",
    Status.REJECTED: "unsuccessful",
}


@cache
def release_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMAS / "release-schema.json").read_text())
    return schema


def when(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def ocid(proposal: Proposal) -> str:
    return f"{settings.OCDS_OCID_PREFIX}-{proposal.reference}"


def _party(organisation: Any, *roles: str) -> dict[str, Any]:
    return {"id": organisation.slug, "name": organisation.name, "roles": list(roles)}


def _hidden(proposal: Proposal) -> set[str]:
    return {str(w["field"]) for w in proposal.withheld}


def _withheld(proposal: Proposal) -> list[dict[str, str]]:
    return [
        {
            "id": f"{proposal.reference}-withheld-{number}",
            "field": "; ".join(WITHHELD_PATHS.get(str(w["field"]), [str(w["field"])])),
            "name": str(w["field"]),
            "rationale": str(w["reason"]),
        }
        for number, w in enumerate(proposal.withheld, start=1)
    ]


def _base(proposal: Proposal, tag: str, at: datetime, number: int) -> dict[str, Any]:
    release: dict[str, Any] = {
        "ocid": ocid(proposal),
        "id": f"{ocid(proposal)}-{number:02d}-{tag}",
        "date": when(at),
        "tag": [tag],
        "initiationType": "tender",
        "language": "en",
        "buyer": {"id": proposal.agency.slug, "name": proposal.agency.name},
    }
    if proposal.withheld:
        release["withheldInformation"] = _withheld(proposal)
    return release


def _parties(proposal: Proposal, *, supplier: bool) -> list[dict[str, Any]]:
    parties = [
        _party(proposal.agency, "buyer", "procuringEntity"),
        _party(proposal.body.organisation, "reviewBody"),
    ]
    if supplier and proposal.supplier is not None and "supplier" not in _hidden(proposal):
        role = "funder" if proposal.kind == "funding" else "supplier"
        parties.append(_party(proposal.supplier, role))
    return parties


def _planning(proposal: Proposal) -> dict[str, Any]:
    hidden = _hidden(proposal)
    budget: dict[str, Any] = {"id": f"{proposal.reference}-budget"}
    if "fiscal_cost" not in hidden:
        budget["description"] = proposal.fiscal_cost
    if proposal.value is not None and "value" not in hidden:
        budget["amount"] = {"amount": float(proposal.value), "currency": proposal.currency}
    planning: dict[str, Any] = {"budget": budget}
    if "purpose" not in hidden:
        planning["rationale"] = proposal.purpose
    return planning


def _tender(proposal: Proposal, status: str) -> dict[str, Any]:
    tender: dict[str, Any] = {
        "id": proposal.reference,
        "title": proposal.title,
        "status": status,
        "procuringEntity": {"id": proposal.agency.slug, "name": proposal.agency.name},
        "items": [
            {
                "id": "1",
                "description": proposal.technology.name,
                "classification": {
                    "scheme": "oversight-technology-category",
                    "id": proposal.technology.category,
                    "description": proposal.technology.get_category_display(),
                },
            }
        ],
    }
    if "how_it_works" not in _hidden(proposal):
        tender["description"] = proposal.how_it_works
    consultation = consultation_of(proposal)
    if consultation is not None:
        tender["enquiryPeriod"] = {
            "startDate": when(consultation.opens_at),
            "endDate": when(consultation.closed_at or consultation.closes_at),
        }
        tender["hasEnquiries"] = consultation.comments.published().exists()
    return tender


def releases_of(proposal: Proposal) -> list[dict[str, Any]]:
    """The releases of one submitted proposal, oldest first."""
    if proposal.submitted_at is None:
        return []
    out = []
    planning = _base(proposal, "planning", proposal.submitted_at, 1)
    planning |= {"planning": _planning(proposal), "parties": _parties(proposal, supplier=False)}
    planning["tender"] = _tender(proposal, "planned")
    out.append(planning)
    tender = _base(proposal, "tender", proposal.submitted_at, 2)
    tender |= {
        "tender": _tender(proposal, "active"),
        "parties": _parties(proposal, supplier=False),
    }
    out.append(tender)
    decision = getattr(proposal, "decision", None)
    if proposal.status == Status.WITHDRAWN:
        cancelled = _base(proposal, "tenderCancellation", proposal.updated_at, 3)
        cancelled["tender"] = _tender(proposal, "withdrawn")
        out.append(cancelled)
    if decision is None:
        return out
    award = _base(proposal, "award", decision.decided_at, 3)
    approved = proposal.status in (Status.APPROVED, Status.APPROVED_WITH_CONDITIONS)
    award["tender"] = _tender(proposal, "complete" if approved else "unsuccessful")
    award["parties"] = _parties(proposal, supplier=True)
    record: dict[str, Any] = {
        "id": f"{proposal.reference}-award",
        "title": decision.get_outcome_display(),
        "description": decision.reasons
        + (f"\n{decision.conditions}" if decision.conditions else ""),
        "status": AWARD_STATUS[proposal.status],
        "date": when(decision.decided_at),
    }
    if proposal.supplier is not None and "supplier" not in _hidden(proposal):
        record["suppliers"] = [{"id": proposal.supplier.slug, "name": proposal.supplier.name}]
    if proposal.value is not None and "value" not in _hidden(proposal):
        record["value"] = {"amount": float(proposal.value), "currency": proposal.currency}
    award["awards"] = [record]
    out.append(award)
    if approved and proposal.holding is not None:
        out += _use(proposal, len(out) + 1)
    return out


def _use(proposal: Proposal, number: int) -> list[dict[str, Any]]:
    """The contract (the approved use policy) and its implementation."""
    holding = proposal.holding
    assert holding is not None
    policies = list(holding.policies.exclude(approved_at=None).order_by("approved_at"))
    if not policies:
        return []
    page = reverse("procurement:public_holding", args=[holding.chain])

    def contract(status: str) -> dict[str, Any]:
        return {
            "id": f"{proposal.reference}-contract",
            "awardID": f"{proposal.reference}-award",
            "title": proposal.title,
            "status": status,
            "documents": [
                {
                    "id": f"{holding.chain}-policy-{p.version}",
                    "documentType": "contractAnnexe",
                    "title": f"Use policy, version {p.version}",
                    "url": page,
                    "datePublished": when(p.approved_at),  # type: ignore[arg-type]
                }
                for p in policies
                if p.status in (PolicyStatus.APPROVED, PolicyStatus.SUPERSEDED)
            ],
        }

    signed = _base(proposal, "contract", policies[0].approved_at, number)  # type: ignore[arg-type]
    signed["contracts"] = [contract("active")]
    out = [signed]
    deployments = list(holding.deployments.order_by("started_on"))
    reports = list(holding.reports.order_by("year"))
    if deployments or reports:
        moments = [d.recorded_at for d in deployments] + [r.filed_at for r in reports]
        done = _base(proposal, "implementation", max(moments), number + 1)
        used = contract("terminated" if holding.status == "decommissioned" else "active")
        used["implementation"] = {
            "milestones": [
                {
                    "id": f"{holding.chain}-deployment-{d.pk}",
                    "title": d.place,
                    "type": "delivery",
                    "description": d.data_volume,
                    "status": "met",
                    "dateMet": f"{d.started_on.isoformat()}T00:00:00Z",
                }
                for d in deployments
            ],
            "documents": [
                {
                    "id": f"{holding.chain}-report-{r.year}",
                    "documentType": "physicalProgressReport",
                    "title": f"Annual surveillance report {r.year}",
                    "url": page,
                    "datePublished": when(r.filed_at),
                }
                for r in reports
            ],
        }
        done["contracts"] = [used]
        out.append(done)
    return out


def _package(kind: str, uri: str, **content: Any) -> dict[str, Any]:
    return {
        "uri": uri,
        "version": VERSION,
        "publishedDate": when(timezone.now()),
        "publisher": {"name": settings.OCDS_PUBLISHER},
        **content,
    }


def proposals() -> list[Proposal]:
    rows = Proposal.objects.public().select_related(
        "agency", "body__organisation", "technology", "supplier", "holding", "decision"
    )
    return list(rows.order_by("submitted_at", "pk"))


def release_package(uri: str) -> dict[str, Any]:
    releases = [release for p in proposals() for release in releases_of(p)]
    return _package("releases", uri, releases=releases)


def record_package(uri: str) -> dict[str, Any]:
    merger = ocdsmerge.Merger(schema=release_schema())
    records = []
    for proposal in proposals():
        releases = releases_of(proposal)
        if not releases:
            continue
        records.append(
            {
                "ocid": ocid(proposal),
                "releases": releases,
                "compiledRelease": merger.create_compiled_release(releases),
            }
        )
    return _package("records", uri, records=records)
