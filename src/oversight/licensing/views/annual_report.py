"""The statutory annual report at /licensing/annual-report/<year>/ (HTML, ?format=pdf,
?format=csv), for any year, read through the public register's schema."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.core.serialise import write_rows
from oversight.licensing import annual_report
from oversight.licensing.models import Decision
from oversight.licensing.publication import decisions

FORMATS = ("html", "csv", "pdf")
FIRST_YEAR = 1990  # before any dual-use regime that this report describes


def build(year: int) -> annual_report.Report:
    rows = decisions.rows(Decision.objects.current().filter(year=year).order_by("pk"))
    return annual_report.build(year, rows)


def page(request: HttpRequest, year: int) -> HttpResponseBase:
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404("No report for that year")
    fmt = request.GET.get("format", "html")
    if fmt not in FORMATS:
        body = _("format: choose one of %(formats)s.") % {"formats": ", ".join(FORMATS)}
        return HttpResponse(body, status=400, content_type="text/plain; charset=utf-8")
    report = build(year)
    if fmt == "csv":
        rows = annual_report.csv_rows(report)
        stream = StreamingHttpResponse(
            write_rows(annual_report.CSV_COLUMNS, rows, "csv"), content_type="text/csv"
        )
        stream["Content-Disposition"] = f'attachment; filename="annual-report-{year}.csv"'
        return stream
    context = {"report": report, "year": year, "previous": year - 1, "next": year + 1,
               "has_next": year < timezone.localdate().year}  # fmt: skip
    if fmt == "pdf":
        html = render_to_string("licensing/public/annual_report_print.html", context)
        from weasyprint import HTML  # imported here: loading Pango costs ~0.3 s per process

        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="annual-report-{year}.pdf"'
        return response
    return render(request, "licensing/public/annual_report.html", context)
