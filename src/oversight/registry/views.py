"""Administrators' pages: a jurisdiction's moratorium and safeguards regime (66a), and
the organisations, to tell duplicates apart and merge them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from oversight.accounts.access import require_staff
from oversight.core.forms import attach_errors
from oversight.registry import access, actions
from oversight.registry.forms import MoratoriumForm, SafeguardsForm
from oversight.registry.models import Jurisdiction, Organisation

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
    q = request.GET.get("q", "").strip()[:100]
    if q:
        rows = rows.filter(Q(code__iexact=q) | Q(name__icontains=q))
    return render(request, "registry/jurisdictions.html", {"jurisdictions": rows, "q": q})


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


ORGANISATIONS_SHOWN = 100


@require_staff
@require_http_methods(["GET", "POST"])
def organisations(request: HttpRequest) -> HttpResponse:
    """Administrators tell organisations apart (jurisdiction, identifiers) and merge
    duplicates: search, pick the one to keep and the duplicate, give reasons."""
    rows = access.organisations_for_administrator(request.user)
    q = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("kind", "")
    if q:
        rows = rows.filter(
            Q(slug__icontains=q) | Q(name__icontains=q) | Q(aliases_text__icontains=q)
        )
    if kind in Organisation.Kind.values:
        rows = rows.filter(kind=kind)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        chosen = [request.POST.get("keep", ""), request.POST.get("duplicate", "")]
        found = {
            o.slug: o
            for o in access.organisations_for_administrator(request.user).filter(slug__in=chosen)
        }
        keep, duplicate = found.get(chosen[0]), found.get(chosen[1])
        if keep is None:
            errors["keep"] = [_("Choose the organisation to keep.")]
        if duplicate is None:
            errors["duplicate"] = [_("Choose the duplicate to merge into it.")]
        if keep is not None and duplicate is not None:
            try:
                moved = actions.merge_organisations(
                    keep, duplicate, actor=request.user, reasons=[request.POST.get("reasons", "")]
                )
            except ValidationError as error:
                errors = {k: [str(m) for m in v] for k, v in error.message_dict.items()}
            else:
                messages.success(
                    request,
                    _("%(duplicate)s was merged into %(keep)s (%(rows)d records moved).")
                    % {
                        "duplicate": duplicate.name,
                        "keep": keep.name,
                        "rows": sum(moved.values()),
                    },
                )
                return redirect(f"{request.path}?q={keep.slug}")
    context = {
        "rows": rows.order_by("name", "pk")[:ORGANISATIONS_SHOWN],
        "count": rows.count(),
        "shown": ORGANISATIONS_SHOWN,
        "q": q,
        "kind": kind,
        "kinds": Organisation.Kind.choices,
        "errors": errors,
        "posted": request.POST,
    }
    return render(request, "registry/organisations.html", context, status=400 if errors else 200)
