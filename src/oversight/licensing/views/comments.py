"""The application's page as the consultation's refused forms come back to it."""

from django.forms import Form
from django.http import HttpRequest, HttpResponse

from oversight.consultations.models import Consultation
from oversight.licensing import access
from oversight.licensing.views import pages


def application_page(
    request: HttpRequest, consultation: Consultation, forms: dict[str, Form]
) -> HttpResponse | None:
    """Registered with `consultations.staff_views.register_page`: the page that embeds the
    comment forms, with the refused one as typed (None: not this person's application)."""
    app = access.applications_for_user(request.user).filter(pk=consultation.matter_id).first()
    if app is None:
        return None
    return pages.show(request, app, comments=forms)
