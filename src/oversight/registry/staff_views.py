"""Staff pages of registry rows that may be unpublished, reached through `registry.access`."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from oversight.accounts.access import require_staff
from oversight.registry.access import get_technology_for_user, get_transfer_for_user


@require_staff
def technology_detail(request: HttpRequest, slug: str) -> HttpResponse:
    technology = get_technology_for_user(request.user, slug)
    return render(request, "registry/staff/technology.html", {"technology": technology})


@require_staff
def transfer_detail(request: HttpRequest, external_id: str) -> HttpResponse:
    transfer = get_transfer_for_user(request.user, external_id)
    return render(request, "registry/staff/transfer.html", {"transfer": transfer})
