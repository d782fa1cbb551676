"""The public page of a company, /companies/<slug>/: its UNGP check and public record.

Everything shown is read through the publication schemas (commitments, assessments,
risks, consultations, clause coverage); the UNGP check is the one licensing runs, for the
company's published products, and says only what its elements say (counts, never a
customer).
"""

from collections import defaultdict
from datetime import date
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from oversight.companies import rules
from oversight.companies.models import Clause, Feature, Level, Right, Stage
from oversight.core import publication
from oversight.registry.models import Organisation


def _rows(dataset: str, **where: Any) -> list[dict[str, Any]]:
    schema = publication.get(dataset)
    return list(schema.rows(schema.queryset().filter(**where)))


def _company(slug: str) -> Organisation:
    found = (
        publication.get("organisations")
        .queryset()
        .filter(slug=slug, kind=Organisation.Kind.COMPANY)
        .first()
    )
    if found is None:
        raise Http404
    return found  # type: ignore[no-any-return]


def _diligence(slug: str, today: date) -> list[dict[str, Any]]:
    """The assessments, newest first per product and stage, with their risks and
    consultations, and whether each is current and on time."""
    risks, consulted = defaultdict(list), defaultdict(list)
    for risk in _rows("due-diligence-risks", assessment__company__slug=slug):
        risk["right_label"] = Right(risk["right"]).label
        risk["likelihood_label"] = Level(risk["likelihood"]).label
        risk["severity_label"] = Level(risk["severity"]).label
        risks[risk["assessment"]].append(risk)
    for row in _rows("due-diligence-consultations", assessment__company__slug=slug):
        consulted[row["assessment"]].append(row)
    seen: set[tuple[str, str]] = set()
    found = []
    for row in _rows("due-diligence-assessments", company__slug=slug):
        pair = (row["technology_slug"], row["stage"])
        row |= {
            "stage_label": Stage(row["stage"]).label,
            "feature_labels": [Feature(code).label for code in row["features"]],
            "risks": risks[row["id"]],
            "consultations": consulted[row["id"]],
            "current": pair not in seen,
            "overdue": pair not in seen and row["review_by"] < today,
        }
        seen.add(pair)
        found.append(row)
    return found


def _grid(assessments: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any] | None]]]:
    """Products by stage: the current assessment of each, to compare at a glance."""
    current: dict[str, dict[str, dict[str, Any]]] = {}
    for row in assessments:
        if row["current"]:
            current.setdefault(row["technology"], {})[row["stage"]] = row
    return [
        (product, [stages.get(stage) for stage in Stage.values])
        for product, stages in sorted(current.items())
    ]


def _coverage(slug: str) -> list[dict[str, Any]]:
    rows = _rows("clause-coverage", company__slug=slug)
    for row in rows:
        row["clauses"] = [(Clause(code).label, row[code] or 0) for code in Clause.values]
    return rows


@require_safe
def company_page(request: HttpRequest, slug: str) -> HttpResponse:
    company = _company(slug)
    today = timezone.localdate()
    published = publication.get("technologies").queryset()
    products = list(published.filter(vendor=company).order_by("name"))
    elements = rules.ungp_elements(company, products, today=today)
    assessments = _diligence(slug, today)
    context = {
        "company": company,
        "products": products,
        "elements": elements,
        "ok": all(element.ok for element in elements),
        "commitments": _rows("commitments", company__slug=slug),
        "assessments": assessments,
        "grid": _grid(assessments),
        "stages": Stage.labels,
        "coverage": _coverage(slug),
        "clause_names": Clause.labels,
        "today": today,
    }
    return render(request, "companies/public.html", context)
