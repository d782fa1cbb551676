"""Administrators' pages for a jurisdiction: its moratorium and its safeguards regime (66a)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from oversight.accounts.access import require_staff
from oversight.core.forms import attach_errors
from oversight.registry import access
from oversight.registry.forms import MoratoriumForm, SafeguardsForm
from oversight.registry.models import Jurisdiction

JurisdictionForm = MoratoriumForm | SafeguardsForm


def _form_field(name: str) -> str:
    """Actions name model fields (moratorium_since); the forms call it since."""
    return name.removeprefix("moratorium_").removeprefix("safeguards_")


def _save(request: HttpRequest, jurisdiction: Jurisdiction, form: JurisdictionForm) -> bool:
    if not form.is_valid():
        return False
    try:
        form.apply(jurisdiction, request.user)
    except ValidationError as error:
        attach_errors(form, error, _form_field)
        return False
    return True


@require_staff
def jurisdictions(request: HttpRequest) -> HttpResponse:
    rows = access.jurisdictions_for_administrator(request.user).order_by(
        "-moratorium_in_force", "safeguards_status", "name"
    )
    return render(request, "registry/jurisdictions.html", {"jurisdictions": rows})


@require_staff
@require_http_methods(["GET", "POST"])
def jurisdiction_settings(request: HttpRequest, code: str) -> HttpResponse:
    jurisdiction = access.get_jurisdiction_for_administrator(request.user, code)
    moratorium = MoratoriumForm.for_jurisdiction(jurisdiction)
    safeguards = SafeguardsForm.for_jurisdiction(jurisdiction)
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "moratorium":
            moratorium = MoratoriumForm.for_jurisdiction(jurisdiction, data=request.POST)
            form: JurisdictionForm = moratorium
        else:
            safeguards = SafeguardsForm.for_jurisdiction(jurisdiction, data=request.POST)
            form = safeguards
        if _save(request, jurisdiction, form):
            messages.success(request, _("Saved. The change and its reasons are in the audit log."))
            return redirect("registry:jurisdiction_settings", code=jurisdiction.code)
    context = {"jurisdiction": jurisdiction, "moratorium": moratorium, "safeguards": safeguards}
    status = 400 if request.method == "POST" else 200
    return render(request, "registry/jurisdiction_settings.html", context, status=status)
