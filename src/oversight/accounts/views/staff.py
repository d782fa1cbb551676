"""The staff area: a dashboard section per role, and detail pages through access helpers."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from oversight.accounts.access import require_staff
from oversight.accounts.dashboard import sections_for
from oversight.registry.access import get_technology_for_user, get_transfer_for_user


@require_staff
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request, "accounts/staff/dashboard.html", {"sections": sections_for(request.user)}
    )


@require_staff
def technology_detail(request: HttpRequest, slug: str) -> HttpResponse:
    technology = get_technology_for_user(request.user, slug)
    return render(request, "accounts/staff/technology.html", {"technology": technology})


@require_staff
def transfer_detail(request: HttpRequest, external_id: str) -> HttpResponse:
    transfer = get_transfer_for_user(request.user, external_id)
    return render(request, "accounts/staff/transfer.html", {"transfer": transfer})
