"""Trends and periodic reports change when an analyst records; charts are SVG with tables."""

from datetime import date

import pytest
from django.test import Client

from oversight.monitoring import actions
from oversight.monitoring.models import Case

pytestmark = pytest.mark.usefixtures("registry")


def _published_case(country: str, disclosed: date) -> Case:
    case = actions.record_case(
        {"title": f"Case in {country}", "country_id": country, "disclosed": disclosed,
         "vendor_id": None, "verification": "confirmed"},
        [({"group": "journalist", "affiliation_type": "media"}, {})],
    )  # fmt: skip
    return actions.set_case_status(case, "published", actor=None)


def _row(page: str, label: str) -> str:
    start = page.index(f'<th scope="row">{label}</th>')
    return page[start : page.index("</tr>", start)]


def test_it_counts_a_new_case_in_the_trends_and_their_csv(client: Client) -> None:
    _published_case("MX", date(2024, 5, 1))
    page = client.get("/trends/").content.decode()
    assert "<td>1</td>" in _row(page, "Mexico")
    _published_case("MX", date(2024, 6, 1))
    page = client.get("/trends/").content.decode()
    assert "<td>2</td>" in _row(page, "Mexico")
    assert "2024 Q2" in page
    csv = client.get("/trends/countries.csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode().splitlines() == ["Country,Cases", "Mexico,2"]
    assert client.get("/trends/nothing.csv").status_code == 404


def test_it_draws_accessible_svg_charts_and_the_map_without_javascript(client: Client) -> None:
    _published_case("MX", date(2024, 5, 1))
    page = client.get("/trends/").content.decode()
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"') >= 9
    assert '<title id="chart-map-title">Cases by country concerned</title>' in page
    assert "<title>Mexico: 1</title>" in page  # the map's shape for Mexico, shaded
    assert "<script" not in page and "http://" not in page.replace(
        "http://www.w3.org/2000/svg", ""
    )
    assert "<caption>Data: Cases by victim group</caption>" in page
    assert _row(page, "Journalist")


def test_it_reports_a_window_in_html_and_pdf_and_changes_with_it(client: Client) -> None:
    _published_case("MX", date(2024, 5, 1))
    _published_case("IN", date(2025, 5, 1))
    wide = client.get("/reports/?start=2024-01-01&end=2025-12-31").content.decode()
    narrow = client.get("/reports/?start=2025-01-01&end=2025-12-31").content.decode()
    assert "Case in MX" in wide and "Case in MX" not in narrow and "Case in IN" in narrow
    bad = client.get("/reports/?start=2025-12-31&end=2025-01-01")
    assert bad.status_code == 400 and "is before its start" in bad.content.decode()
    pdf_wide = client.get("/reports/?start=2024-01-01&end=2025-12-31&format=pdf")
    pdf_narrow = client.get("/reports/?start=2025-01-01&end=2025-12-31&format=pdf")
    assert pdf_wide["Content-Type"] == "application/pdf"
    assert pdf_wide.content.startswith(b"%PDF-") and pdf_narrow.content.startswith(b"%PDF-")
    assert pdf_wide.content != pdf_narrow.content


def test_it_counts_a_case_once_for_each_of_its_suspected_operator_states(client: Client) -> None:
    for operators in (["MX", "SV"], ["MX"]):
        case = actions.record_case(
            {"title": "Joint", "country_id": "MX", "operator_countries": operators},
            [({"group": "journalist", "affiliation_type": "media"}, {})],
        )
        actions.set_case_status(case, "published", actor=None)
    rows = client.get("/trends/operators.csv").content.decode().splitlines()
    assert rows[1:] == ["Mexico,2", "El Salvador,1"], rows


def test_it_gives_the_pdf_of_the_default_window_when_no_dates_are_given(client: Client) -> None:
    """It answered the HTML form: a script asking for ?format=pdf got a page."""
    response = client.get("/reports/?format=pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    half = client.get("/reports/?end=2025-12-31&format=pdf")
    assert half.status_code == 400 and "start" in half.content.decode()
