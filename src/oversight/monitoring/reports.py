"""The periodic report for a window: statistics, charts, and the letters sent and replies
received in it, as the Human Rights Council's joint communications reports list them.

The public version lists only published letters; analysts see the confidential ones too.
The PDF is the same HTML printed by WeasyPrint (Pango-based, no browser, no network).
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.template.loader import render_to_string

from oversight.monitoring import charts, trends
from oversight.monitoring.models import Case, Communication, CommunicationQuerySet, Reply


@dataclass
class Report:
    start: date
    end: date
    public: bool
    cases: list[Case] = field(default_factory=list)
    letters: list[Communication] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)
    overdue: list[Communication] = field(default_factory=list)
    charts: list[tuple[trends.Series, Any]] = field(default_factory=list)

    @property
    def as_of(self) -> date:
        """Overdue is judged at the end of the window, or today if the window is still open."""
        return min(self.end, date.today())

    @property
    def totals(self) -> dict[str, int]:
        return {
            "cases": len(self.cases),
            "letters": len(self.letters),
            "replies": len(self.replies),
            "overdue": len(self.overdue),
        }


def _letters(public: bool) -> CommunicationQuerySet:
    letters: CommunicationQuerySet = Communication.objects.select_related(
        "addressee_state", "addressee_company"
    )
    return letters.published() if public else letters


def build(start: date, end: date, *, public: bool) -> Report:
    cases = trends.window_cases(start, end).select_related("country", "vendor")
    letters = _letters(public)
    sent = letters.sent_between(start, end)
    replies = Reply.objects.filter(
        communication__in=letters, received_on__gte=start, received_on__lte=end
    ).select_related("communication")
    overdue = letters.overdue(min(end, date.today())).filter(sent_on__lte=end)
    series = trends.all_series(cases, sent)
    wanted = {"map", "quarters", "groups", "vendors", "operators", "replies"}
    return Report(
        start,
        end,
        public,
        cases=list(cases),
        letters=list(sent.order_by("sent_on", "reference")),
        replies=list(replies),
        overdue=list(overdue.order_by("reply_due")),
        charts=[(s, charts.render(s)) for s in series if s.slug in wanted],
    )


def pdf(report: Report) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango costs ~0.3 s per process

    html = render_to_string("monitoring/report_print.html", {"report": report})
    data: bytes = HTML(string=html).write_pdf()
    return data
