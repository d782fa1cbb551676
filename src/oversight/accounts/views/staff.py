"""The staff area's home: the dashboard sections every app registers (`core.dashboard`)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from oversight.accounts.access import require_staff, roles_of
from oversight.core import dashboard


@require_staff
def dashboard_view(request: HttpRequest) -> HttpResponse:
    sections = dashboard.sections_for(request.user, roles_of(request.user))
    context = {"sections": sections, "waiting": dashboard.waiting(sections)}
    return render(request, "accounts/staff/dashboard.html", context)
