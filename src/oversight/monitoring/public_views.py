"""Public trends (/trends/) and periodic reports (/reports/), from published rows only."""

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from oversight.core.serialise import csv_writer
from oversight.monitoring import charts, reports, trends
from oversight.monitoring.forms import WindowForm


def trends_page(request: HttpRequest) -> HttpResponse:
    series = trends.public_series()
    context = {
        "charts": [(s, charts.render(s)) for s in series if s.slug != "map"],
        "map": next((s, charts.render(s)) for s in series if s.slug == "map"),
    }
    return render(request, "monitoring/trends.html", context)


def trend_csv(request: HttpRequest, slug: str) -> HttpResponse:
    series = next((s for s in trends.public_series() if s.slug == slug), None)
    if series is None:
        raise Http404(slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="trend-{slug}.csv"'
    writer = csv_writer(response)
    writer.writerow([series.label_heading, series.value_heading])
    for label, value in series.rows:
        writer.writerow([label, f"{value:g}"])
    return response


def _default_window() -> dict[str, date]:
    today = timezone.localdate()
    return {"start": today.replace(month=1, day=1) - timedelta(days=365 * 10), "end": today}


def report_response(request: HttpRequest, *, public: bool) -> HttpResponse:
    asked = "start" in request.GET or "end" in request.GET
    data: Mapping[str, Any] | None = request.GET if asked else None
    if data is None and request.GET.get("format") == "pdf":  # a PDF of the default window
        data = {name: day.isoformat() for name, day in _default_window().items()}
    form = WindowForm(data, initial=_default_window())
    window = form.cleaned_data if form.is_bound and form.is_valid() else None
    report = reports.build(window["start"], window["end"], public=public) if window else None
    if report is not None and request.GET.get("format") == "pdf":
        response = HttpResponse(reports.pdf(report), content_type="application/pdf")
        name = f"communications-report-{report.start}-{report.end}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "report": report, "public": public}
    return render(request, "monitoring/report.html", context, status=status)


def report_page(request: HttpRequest) -> HttpResponse:
    return report_response(request, public=True)
