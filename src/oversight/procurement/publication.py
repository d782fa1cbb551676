"""What procurement publishes: the inventory, proposals and annual reports as datasets, and
the public view of one proposal and one chain (withheld fields carry their reasons).

The portal serves the datasets (pages, downloads, `/api/v1/datasets/<name>`); the
procurement pages show the views built here, and read nothing else.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from oversight.core.publication import Schema, headings, register
from oversight.procurement.actions.use import complaints, current_policy, overdue_years
from oversight.procurement.models import AnnualReport, Holding, HoldingStatus, Proposal
from oversight.procurement.models.inventory import REPORT_HEADINGS
from oversight.procurement.models.proposals import SECTIONS, TESTS, Status

ORIGIN_DATASETS = {
    "licence": "licences",
    "historical_decision": "licence-decisions",
    "transfer": "transfers",
}


def _inventory() -> QuerySet[Holding]:
    return Holding.objects.exclude(status=HoldingStatus.PROPOSED, proposals__isnull=True)


def _proposals() -> QuerySet[Proposal]:
    return Proposal.objects.public()


def _reports() -> QuerySet[AnnualReport]:
    return AnnualReport.objects.all()


inventory = register(
    Schema(
        name="surveillance-inventory",
        title=_("Surveillance technology inventory"),
        description=_(
            "Every surveillance technology each agency holds or proposes to, with its status, "
            "supplier, registry technology and category, and the chain it belongs to."
        ),
        queryset=_inventory,
        key="chain",
        fields={
            "chain": "chain",
            "agency": "agency__name",
            "technology": "technology__name",
            "category": "technology__category",
            "supplier": "supplier__name",
            "status": "status",
            "origin": "origin",
            "origin_reference": "origin_reference",
            "flagged_for_review": "flagged_for_review",
        },
        labels=headings(agency=_("Agency"), technology=_("Technology"), category=_("Category")),
        search=("agency__name", "technology__name", "chain"),
        ordering=("agency__name", "technology__name"),
    )
)
proposals = register(
    Schema(
        name="purchase-proposals",
        title=_("Surveillance purchase and use proposals"),
        description=_(
            "Each proposal to acquire, newly use, share data from, or accept funds for a "
            "surveillance technology, with its status before the oversight body."
        ),
        queryset=_proposals,
        key="reference",
        fields={
            "reference": "reference",
            "kind": "kind",
            "status": "status",
            "title": "title",
            "agency": "agency__name",
            "technology": "technology__name",
            "body": "body__organisation__name",
            "chain": "holding__chain",
            "submitted_at": "submitted_at",
        },
        labels=headings(
            agency=_("Agency"),
            technology=_("Technology"),
            body=_("Oversight body"),
            chain=_("Chain"),
            submitted_at=_("Submitted at"),
        ),
        search=("reference", "title", "agency__name"),
        ordering=("-submitted_at",),
    )
)
annual_reports = register(
    Schema(
        name="annual-surveillance-reports",
        title=_("Annual surveillance reports"),
        description=_(
            "One report per technology and year under the Oakland headings; complaints are "
            "counted from grievances, and small counts are not shown."
        ),
        queryset=_reports,
        fields={
            "id": "id",
            "chain": "holding__chain",
            "agency": "holding__agency__name",
            "technology": "holding__technology__name",
            "year": "year",
            "uses_count": "uses_count",
            "complaints": "complaints",
            "filed_at": "filed_at",
            "reviewed_at": "reviewed_at",
        },
        labels=headings(
            id=_("Id"),
            chain=_("Chain"),
            agency=_("Agency"),
            technology=_("Technology"),
            filed_at=_("Filed at"),
        ),
        ordering=("-year",),
    )
)


@dataclass
class Step:
    """One link of a chain as the public page shows it."""

    kind: str
    label: str
    url: str = ""
    detail: str = ""


@dataclass
class ChainView:
    holding: Holding
    steps: list[Step] = field(default_factory=list)
    complaints: int | None = None
    overdue: list[int] = field(default_factory=list)


def origin_url(holding: Holding) -> str:
    dataset = ORIGIN_DATASETS.get(holding.origin)
    if not dataset or not holding.origin_reference:
        return ""
    return reverse("portal:record", args=[dataset, holding.origin_reference])


def chain_view(holding: Holding) -> ChainView:
    """The chain from what let the technology in to its reports, and its complaint count."""
    view = ChainView(
        holding=holding, complaints=complaints(holding), overdue=overdue_years(holding)
    )
    view.steps.append(
        Step(
            "origin",
            f"{holding.get_origin_display()} {holding.origin_reference}".strip(),
            origin_url(holding),
        )
    )
    for proposal in holding.proposals.public().order_by("created_at"):
        view.steps.append(
            Step(
                "proposal",
                f"{proposal.reference}: {proposal.title}",
                reverse("procurement:public_proposal", args=[proposal.reference]),
                proposal.get_status_display(),
            )
        )
    policy = current_policy(holding)
    if policy is not None:
        view.steps.append(
            Step("policy", str(_("Use policy, version %(v)d")) % {"v": policy.version})
        )
    for deployment in holding.deployments.all():
        view.steps.append(Step("deployment", deployment.place, "", str(deployment.started_on)))
    for report in holding.reports.all():
        view.steps.append(Step("report", str(_("Annual report %(y)d")) % {"y": report.year}))
    return view


@dataclass
class ProposalView:
    proposal: Proposal
    sections: list[tuple[str, str]]
    tests: list[tuple[str, str]]
    withheld: list[dict[str, str]]
    recipients: list[str]
    meetings: list[Any]
    analysis: Any
    votes: list[Any]
    decision: Any


def proposal_view(proposal: Proposal) -> ProposalView:
    """The impact report and the record of the decision, minus fields withheld with reasons."""
    hidden = {w["field"] for w in proposal.withheld}

    def shown(pairs: Any) -> list[tuple[str, str]]:
        return [
            (str(label), getattr(proposal, name)) for name, label in pairs if name not in hidden
        ]

    return ProposalView(
        proposal=proposal,
        sections=shown(SECTIONS),
        tests=shown(TESTS),
        withheld=list(proposal.withheld),
        recipients=[o.name for o in proposal.shared_with.all()]
        if "shared_with" not in hidden
        else [],
        meetings=list(proposal.meetings.all()),
        analysis=getattr(proposal, "analysis", None),
        votes=list(proposal.votes.select_related("member")),
        decision=getattr(proposal, "decision", None) if proposal.status != Status.DRAFT else None,
    )


REPORT_SECTIONS = REPORT_HEADINGS


def overdue_by_holding(holdings: list[Holding], today: Any = None) -> dict[int, list[int]]:
    """The overdue report years of each holding, in two queries whatever their number."""
    from django.conf import settings
    from django.db.models import Min
    from django.utils import timezone

    from oversight.procurement import rules
    from oversight.procurement.models import Deployment

    ids = [h.pk for h in holdings]
    first = dict(
        Deployment.objects.filter(holding_id__in=ids)
        .values("holding_id")
        .annotate(first=Min("started_on"))
        .values_list("holding_id", "first")
    )
    reported: dict[int, set[int]] = {}
    for holding_id, year in AnnualReport.objects.filter(holding_id__in=ids).values_list(
        "holding_id", "year"
    ):
        reported.setdefault(holding_id, set()).add(year)
    return {
        pk: rules.overdue(
            first_year=first[pk].year if pk in first else None,
            reported=reported.get(pk, set()),
            today=today or timezone.localdate(),
            due_days=settings.PROCUREMENT_REPORT_DUE_DAYS,
        )
        for pk in ids
    }
