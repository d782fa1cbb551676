"""403, 404 and 500 say what happened in plain words, link home, and a 403 is one log line."""

import logging
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import include, path

from oversight.accounts.models import Role
from oversight.accounts.tests.helpers import make_user, signed_in

pytestmark = pytest.mark.django_db


def _broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


urlpatterns = [path("broken/", _broken), path("", include("oversight.urls"))]


def test_it_explains_a_missing_page_and_links_home(client: Client) -> None:
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert '<h1 id="error-heading">Page not found</h1>' in page
    assert 'href="/"' in page and 'href="/search/"' in page
    assert 'class="skip"' in page  # the site's own layout, not Django's bare page


def test_it_explains_a_refusal_and_logs_it_without_a_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    analyst = signed_in(make_user("analyst-403", Role.ANALYST))
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = analyst.get("/staff/licensing/new/")
    assert response.status_code == 403
    assert "You may not do this" in response.content.decode()
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.getMessage().startswith("Forbidden")
    handler = logging.getLogger().handlers[0]
    assert "Traceback" not in handler.format(record)


def test_it_offers_no_new_application_to_a_role_that_may_not_start_one() -> None:
    analyst = signed_in(make_user("analyst-list", Role.ANALYST))
    page = analyst.get("/staff/licensing/").content.decode()
    assert "Start a new application" not in page


@override_settings(ROOT_URLCONF=__name__)
def test_it_apologises_for_an_error_of_ours(settings: Any) -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page and "it was not saved" in page
