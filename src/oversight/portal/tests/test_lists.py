"""Register list pages: search, each kind of filter, pagination, errors, query counts."""

from typing import Any

import pytest
from django.test import Client

from oversight.portal.tests.conftest import get

pytestmark = pytest.mark.django_db


def test_it_lists_public_rows_with_a_count_and_a_captioned_table(
    client: Client, registry: dict[str, Any]
) -> None:
    html = get(client, "/t-transfers/").content.decode()
    assert "FinSpy to Bahrain" in html
    assert "Hidden deal" not in html
    assert "<caption" in html and '<th scope="col">' in html and '<th scope="row">' in html
    assert "1 record" in html
    assert 'href="/t-transfers/t-1/"' in html  # the row links to its record
    assert 'href="/t-organisations/acme/"' in html  # a linked cell
    assert 'href="/t-jurisdictions/BH/"' in html


def test_it_searches_with_q(client: Client, registry: dict[str, Any]) -> None:
    html = get(client, "/t-technologies/", q="finsp").content.decode()
    assert "FinSpy" in html
    assert "Secret Tool" not in get(client, "/t-technologies/", q="secret").content.decode()
    assert 'value="finsp"' in html  # the box keeps what was typed


def test_it_filters_by_a_choice(client: Client, many_transfers: int) -> None:
    html = get(client, "/t-transfers/", recipient="BH").content.decode()
    assert "FinSpy to Bahrain" in html and "61 records" in html
    assert '<option value="BH" selected>' in html
    assert "FinSpy to Bahrain" not in get(client, "/t-transfers/", recipient="DE").content.decode()


def test_it_filters_by_yes_or_no(client: Client, registry: dict[str, Any]) -> None:
    html = get(client, "/t-jurisdictions/", wassenaar="yes").content.decode()
    assert "Germany" in html and "Bahrain" not in html
    html = get(client, "/t-jurisdictions/", wassenaar="no", q="bahr").content.decode()
    assert "Bahrain" in html and "Germany" not in html


def test_it_filters_by_a_number(client: Client, registry: dict[str, Any]) -> None:
    assert "FinSpy to Bahrain" in get(client, "/t-transfers/", year="2012").content.decode()
    assert "FinSpy to Bahrain" not in get(client, "/t-transfers/", year="2011").content.decode()


def test_it_shows_choice_labels_not_codes(client: Client, registry: dict[str, Any]) -> None:
    html = get(client, "/t-technologies/").content.decode()
    assert "Intrusion software / spyware" in html


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"wassenaar": "maybe"}, "wassenaar"),
        ({"joined": "nineteen"}, "joined"),
        ({"safeguards": "excellent"}, "safeguards"),
        ({"page": "x"}, "page"),
        ({"page": "99"}, "page"),
        ({"format": "xlsx"}, "format"),
    ],
)
def test_it_refuses_a_bad_parameter_by_name(
    client: Client, registry: dict[str, Any], params: dict[str, str], parameter: str
) -> None:
    response = get(client, "/t-jurisdictions/", 400, **params)
    html = response.content.decode()
    assert f"{parameter}:" in html
    assert 'role="alert"' in html
    assert "<tbody>" not in html  # no rows


def test_it_pages_fifty_at_a_time(client: Client, many_transfers: int) -> None:
    first = get(client, "/t-transfers/").content.decode()
    assert f"{many_transfers} records" in first and "page 1 of 3" in first
    assert first.count("<tr>") == 51  # header + 50
    assert 'rel="next"' in first and 'rel="prev"' not in first
    third = get(client, "/t-transfers/", page="3").content.decode()
    assert third.count("<tr>") == 1 + many_transfers - 100
    assert 'rel="prev"' in third and 'rel="next"' not in third


def test_it_keeps_filters_in_page_links(client: Client, many_transfers: int) -> None:
    html = get(client, "/t-transfers/", recipient="DE").content.decode()
    assert "60 records" in html
    assert "?recipient=DE&amp;page=2" in html


def test_it_does_not_grow_its_queries_with_rows(
    client: Client, many_transfers: int, django_assert_max_num_queries: Any
) -> None:
    # count + one page of rows + the recipient filter's choices (read once)
    with django_assert_max_num_queries(3):
        get(client, "/t-transfers/", recipient="DE")
    with django_assert_max_num_queries(3):
        get(client, "/t-transfers/", page="2", q="bulk")


def test_it_serves_the_named_register_urls(client: Client) -> None:
    from django.urls import reverse

    for name in ("jurisdictions", "organisations", "technologies", "transfers"):
        assert reverse(f"portal:{name}") == f"/{name}/"
    assert reverse("portal:licence_statistics") == "/licence-statistics/"


def test_it_answers_404_for_an_unknown_dataset(client: Client, db: None) -> None:
    get(client, "/no-such-thing/", 404)
