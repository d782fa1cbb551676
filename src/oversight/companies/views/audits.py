"""Staff pages of standards of conduct and independent audits (JavaScript not needed).

Each form posts to its own URL and the action decides who may act: a person who reaches
the page but may not do the thing gets the action's 403, anyone else the access 404.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from oversight.accounts.access import require_staff
from oversight.companies import access, audit_rules
from oversight.companies.audit_forms import (
    ENGAGEMENT_FORMS,
    VERSION_FORMS,
    AccreditForm,
    ConflictForm,
    EngagementOpenForm,
)
from oversight.companies.audit_status import audit_status_of
from oversight.companies.models import Engagement, StandardVersion
from oversight.core import transitions
from oversight.core.forms import attach_errors

FOLLOW_UP = (Engagement.Status.FIELDWORK, Engagement.Status.PUBLISHED)
SAVED = gettext_lazy("Saved. The change is in the audit log.")


def _apply(request: HttpRequest, form: Form) -> bool:
    if not form.is_valid():
        return False
    try:
        form.apply(request.user)  # type: ignore[attr-defined]
    except ValidationError as error:
        attach_errors(form, error)
        return False
    messages.success(request, SAVED)
    return True


def _standards_context(request: HttpRequest, form: AccreditForm | None = None) -> dict[str, Any]:
    versions = StandardVersion.objects.select_related("standard__body").order_by(
        "standard__title", "-number"
    )
    bodies = access.bodies_of(request.user)
    return {
        "versions": versions,
        "firms": access.accredited_firms(),
        "accredit_form": (form or AccreditForm(bodies, prefix="accredit")) if bodies else None,
    }


@require_staff
def standards(request: HttpRequest) -> HttpResponse:
    return render(request, "companies/standards.html", _standards_context(request))


@require_staff
@require_POST
def accredit(request: HttpRequest) -> HttpResponseBase:
    """A standards body's member accredits an audit firm (nobody else reaches this)."""
    bodies = access.bodies_of(request.user)
    if not bodies.exists():
        raise Http404
    form = AccreditForm(bodies, request.POST, prefix="accredit")
    if _apply(request, form):
        return redirect("companies:standards")
    context = _standards_context(request, form)
    return render(request, "companies/standards.html", context, status=400)


def _version_context(
    request: HttpRequest, version: StandardVersion, **bound: Form
) -> dict[str, Any]:
    seat = access.seat_for(request.user, version.standard.body)
    forms = {
        kind: bound.get(kind) or cls(version, prefix=kind) for kind, cls in VERSION_FORMS.items()
    }
    votes = version.votes.select_related("member__user") if seat else []
    latest = version.standard.versions.order_by("-number").first()
    return {
        "version": version,
        "requirements": version.requirements.all(),
        "seat": seat,
        "votes": votes,
        "forms": forms,
        "draft": version.status == StandardVersion.Status.DRAFT,
        "latest": latest == version,
    }


@require_staff
def version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    found = access.get_version(slug, number)
    return render(request, "companies/version.html", _version_context(request, found))


@require_staff
@require_POST
def version_act(request: HttpRequest, slug: str, number: int, act: str) -> HttpResponseBase:
    found = access.get_version(slug, number)
    if access.seat_for(request.user, found.standard.body) is None:
        raise Http404
    form = VERSION_FORMS[act](found, request.POST, prefix=act)
    if _apply(request, form):
        latest = found.standard.versions.order_by("-number").first()
        shown = latest if act == "next" and latest else found
        return redirect("companies:version", slug=slug, number=shown.number)
    context = _version_context(request, found, **{act: form})
    return render(request, "companies/version.html", context, status=400)


def _audits_context(request: HttpRequest, **bound: Form) -> dict[str, Any]:
    companies = list(access.companies_for_user(request.user))
    return {
        "engagements": access.engagements_for_user(request.user).order_by("-created_at")[:200],
        "open_forms": [
            (company, bound.get(company.slug) or EngagementOpenForm(company, prefix=company.slug))
            for company in companies
        ],
        "statuses": [(c, audit_status_of(c, timezone.localdate())) for c in companies],
        "conflict_form": bound.get("conflict") or ConflictForm(prefix="conflict"),
        "auditor": access.is_auditor(request.user),
    }


@require_staff
def audits(request: HttpRequest) -> HttpResponse:
    return render(request, "companies/audits.html", _audits_context(request))


@require_staff
@require_POST
def open_audit(request: HttpRequest, slug: str) -> HttpResponseBase:
    company = access.get_company_for_user(request.user, slug)
    form = EngagementOpenForm(company, request.POST, prefix=slug)
    if form.is_valid():
        try:
            row = form.apply(request.user)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, SAVED)
            return redirect("companies:audit", pk=row.pk)
    return render(
        request, "companies/audits.html", _audits_context(request, **{slug: form}), status=400
    )


@require_staff
@require_POST
def declare_conflict(request: HttpRequest) -> HttpResponseBase:
    if not access.is_auditor(request.user):
        raise Http404
    form = ConflictForm(request.POST, prefix="conflict")
    if _apply(request, form):
        return redirect("companies:audits")
    return render(
        request, "companies/audits.html", _audits_context(request, conflict=form), status=400
    )


def _engagement_context(
    request: HttpRequest, engagement: Engagement, **bound: Form
) -> dict[str, Any]:
    today = timezone.localdate()
    auditor = access.is_engagement_auditor(request.user, engagement)
    findings = {f.requirement_id: f for f in engagement.findings.prefetch_related("actions")}
    rows = [(r, findings.get(r.pk)) for r in engagement.version.requirements.all()]
    forms = {
        kind: bound.get(kind) or cls(engagement, prefix=kind)
        for kind, cls in ENGAGEMENT_FORMS.items()
    }
    return {
        "engagement": engagement,
        "products": engagement.products.all(),
        "rows": rows,
        "is_auditor": auditor,
        "is_company": engagement.company in access.companies_for_user(request.user),
        "moves": transitions.allowed_moves(audit_rules.ENGAGEMENT_MOVES, engagement.status),
        "evidence": access.evidence_for_auditor(request.user, engagement, today)
        if auditor
        else None,
        "may_see": access.auditor_may_see(request.user, engagement, today),
        "following_up": engagement.status in FOLLOW_UP,
        "overdue": access.overdue_action_ids(engagement, today),
        "forms": forms,
    }


@require_staff
def audit(request: HttpRequest, pk: int) -> HttpResponse:
    found = access.get_engagement_for_user(request.user, pk)
    return render(request, "companies/audit.html", _engagement_context(request, found))


@require_staff
@require_POST
def audit_act(request: HttpRequest, pk: int, act: str) -> HttpResponseBase:
    found = access.get_engagement_for_user(request.user, pk)
    form = ENGAGEMENT_FORMS[act](found, request.POST, prefix=act)
    if _apply(request, form):
        return redirect("companies:audit", pk=pk)
    context = _engagement_context(request, found, **{act: form})
    return render(request, "companies/audit.html", context, status=400)
