"""Query values that used to give a 500 get a 400 naming the parameter (issue 17, finding 7)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", ["0", "-1", "10000", "²", "1" * 30])
@pytest.mark.parametrize("dataset", ["consultations", "licence-statistics", "transfers"])
def test_the_api_refuses_a_year_off_the_calendar(client: Client, dataset: str, year: str) -> None:
    response = client.get(f"/api/v1/{dataset}", {"year": year})
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["status"] == 400 and list(body["errors"]) == ["year"]
    assert body["message"].startswith("year:")


@pytest.mark.parametrize("parameter", ["limit", "offset"])
def test_the_api_refuses_a_superscript_digit(client: Client, parameter: str) -> None:
    response = client.get("/api/v1/transfers", {parameter: "²"})
    assert response.status_code == 400, response.content
    assert list(response.json()["errors"]) == [parameter]


@pytest.mark.parametrize("download", ["csv", "json", "ndjson"])
def test_a_download_with_a_bad_year_is_refused_whole(client: Client, download: str) -> None:
    response = client.get("/licence-statistics/", {"format": download, "year": "0"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "<!doctype html>" in page.lower() and "year" in page
    assert not page.startswith("[")
