"""Public pages of licensing: the decision letter, the Atom feed, e-mail alerts.

The register itself is the portal's `/licence-decisions/` (a publication schema).
"""

from typing import Any

from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from oversight.consultations.models import StakeholderType
from oversight.licensing.actions import alerts
from oversight.licensing.forms import SubscribeForm
from oversight.licensing.models import ConfidentialField, Decision
from oversight.licensing.models.outcomes import Source
from oversight.licensing.models.review import Criterion, Rating
from oversight.licensing.views.common import refusal_messages
from oversight.registry.models import Category

FEED_ITEMS = 50


def letter_context(decision: Decision) -> dict[str, Any]:
    """The decision with every code read as its label, as the register page reads it."""

    def label(choices: Any, value: Any) -> Any:
        return dict(choices).get(value, value)

    return {
        "decision": decision,
        "categories": [label(Category.choices, c) for c in decision.categories],
        "criteria": [
            c
            | {
                "criterion": label(Criterion.choices, c.get("criterion")),
                "rating": label(Rating.choices, c.get("rating")),
            }
            for c in decision.criteria
        ],
        "comments": [
            c | {"stakeholder_type": label(StakeholderType.choices, c.get("stakeholder_type"))}
            for c in decision.comments_considered
        ],
        "redactions": [
            r | {"field": label(ConfidentialField.Field.choices, r.get("field"))}
            for r in decision.redactions
        ],
    }


def letter(request: HttpRequest, reference: str) -> HttpResponse:
    """The decision letter as PDF: every field in it is public in the register."""
    decision = get_object_or_404(
        Decision.objects.select_related("destination"), reference=reference
    )
    if decision.source != Source.OVERSIGHT:
        raise Http404("Historical decisions have no letter")
    html = render_to_string("licensing/public/letter.html", letter_context(decision))
    from weasyprint import HTML  # imported here: loading Pango costs ~0.3 s per process

    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="decision-{decision.reference}.pdf"'
    return response


class DecisionsFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    title = gettext_lazy("Oversight: new export licensing decisions")
    subtitle = gettext_lazy("Each decision with its outcome and reasons, newest first.")

    def link(self) -> str:
        return reverse("portal:dataset", args=["licence-decisions"])

    def items(self) -> QuerySet[Decision]:
        rows = Decision.objects.filter(source=Source.OVERSIGHT).select_related("destination")
        return rows.order_by("-published_at")[:FEED_ITEMS]

    def item_title(self, item: Decision) -> str:
        destination = item.destination.name if item.destination else "—"
        return f"{item.reference}: {item.get_outcome_display()} ({destination})"

    def item_description(self, item: Decision) -> str:
        return " ".join(item.reasons)

    def item_link(self, item: Decision) -> str:
        return reverse("portal:record", args=["licence-decisions", item.reference])

    def item_pubdate(self, item: Decision) -> Any:
        return item.published_at


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            alerts.subscribe(
                data["email"], destination=data["destination"], category=data["category"]
            )
        except ValidationError as error:
            for message in refusal_messages(error):
                form.add_error(None, message)
        else:
            message = _("Check your inbox: follow the link we sent to confirm your alerts.")
            return render(request, "licensing/public/alerts_done.html", {"message": message})
    status = 400 if form.errors else 200
    return render(request, "licensing/public/alerts.html", {"form": form}, status=status)


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    if alerts.confirm(token) is None:
        raise Http404("No such subscription")
    message = _("Confirmed: you will receive an e-mail for each new matching decision.")
    return render(request, "licensing/public/alerts_done.html", {"message": message})


@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "GET":
        return render(request, "licensing/public/unsubscribe.html", {"token": token})
    alerts.unsubscribe(token)
    message = _("Unsubscribed: no further alerts will be sent to this address.")
    return render(request, "licensing/public/alerts_done.html", {"message": message})
