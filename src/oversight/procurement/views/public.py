"""Public pages: the inventory, a proposal with its impact report and chain, annual reports.

Server-rendered, no JavaScript needed; they read only `procurement.publication`'s views.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from oversight.procurement import access, publication
from oversight.procurement.actions.proposals import consultation_of


def inventory(request: HttpRequest) -> HttpResponse:
    rows = list(
        publication.inventory.queryset()
        .select_related("agency", "technology", "supplier")
        .order_by("agency__name", "technology__name")
        .distinct()
    )
    overdue = publication.overdue_by_holding(rows)
    listed = [(row, overdue[row.pk]) for row in rows]
    return render(request, "procurement/public/inventory.html", {"holdings": listed})


def proposal(request: HttpRequest, reference: str) -> HttpResponse:
    row = access.public_proposal(reference)
    view = publication.proposal_view(row)
    chain = publication.chain_view(row.holding) if row.holding else None
    return render(
        request,
        "procurement/public/proposal.html",
        {"view": view, "chain": chain, "consultation": consultation_of(row)},
    )


def holding(request: HttpRequest, chain: str) -> HttpResponse:
    row = access.public_holding(chain)
    return render(
        request,
        "procurement/public/holding.html",
        {
            "chain": publication.chain_view(row),
            "reports": list(row.reports.prefetch_related("recipients")),
            "headings": publication.REPORT_SECTIONS,
            "suspensions": list(row.suspensions.all()),
        },
    )
