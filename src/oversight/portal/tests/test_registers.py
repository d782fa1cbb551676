"""The real registers (registry/publication.py) through every public face."""

import json
from typing import Any

import pytest
from django.test import Client

from oversight.portal.tests.conftest import country, get
from oversight.registry.models import Organisation, Technology, Transfer

pytestmark = pytest.mark.django_db

SECRETS = ("Secret Tool", "secret-tool", "Hidden deal", "t-hidden")


@pytest.fixture
def registry_rows(db: None) -> dict[str, Any]:
    it, bh, tv = country("IT", "Italy"), country("BH", "Bahrain"), country("TV", "Tuvalu")
    vendor = Organisation.objects.create(
        slug="hacking-team", name="Hacking Team", kind="company", jurisdiction=it
    )
    Technology.objects.create(
        slug="rcs",
        name="Remote Control System",
        vendor=vendor,
        category="intrusion",
        published=True,
    )
    Technology.objects.create(
        slug="secret-tool", name="Secret Tool", vendor=vendor, category="intrusion"
    )
    Transfer.objects.create(
        external_id="t-1",
        title="RCS to Bahrain",
        supplier=vendor,
        supplier_jurisdiction=it,
        recipient_jurisdiction=bh,
        year=2012,
        categories=["intrusion"],
    )
    Transfer.objects.create(
        external_id="t-hidden",
        title="Hidden deal",
        supplier=vendor,
        recipient_jurisdiction=tv,
        year=2013,
        published=False,
    )
    return {"vendor": vendor, "bh": bh}


def body(response: Any) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return str(response.content.decode())


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/jurisdictions/",
        "/jurisdictions/BH/",
        "/organisations/",
        "/organisations/hacking-team/",
        "/technologies/",
        "/technologies/rcs/",
        "/transfers/",
        "/transfers/t-1/",
        "/licence-statistics/",
        "/control-entries/",
        "/about/data/",
        "/technologies/?format=json",
        "/transfers/?format=csv",
        "/transfers/?format=ndjson",
        "/api/v1/datasets",
        "/api/v1/technologies",
        "/api/v1/transfers",
        "/api/v1/datasets/transfers",
        "/api/v1/organisations/hacking-team",
    ],
)
def test_it_serves_the_registers_without_drafts(
    client: Client, registry_rows: dict[str, Any], url: str
) -> None:
    text = body(get(client, url))
    for secret in SECRETS:
        assert secret not in text


@pytest.mark.parametrize(
    "url",
    [
        "/technologies/secret-tool/",
        "/transfers/t-hidden/",
        "/api/v1/technologies/secret-tool",
        "/api/v1/transfers/t-hidden",
        "/api/v1/datasets/technologies/secret-tool",
        "/api/v1/datasets/transfers/t-hidden",
    ],
)
def test_it_answers_404_for_drafts(client: Client, registry_rows: Any, url: str) -> None:
    get(client, url, 404)


def test_it_does_not_reveal_an_unpublished_transfer_through_filter_choices(
    client: Client, registry_rows: Any
) -> None:
    assert "Tuvalu" not in get(client, "/transfers/").content.decode()
    assert "Tuvalu" not in str(get(client, "/api/v1/datasets").json())


def test_it_links_a_record_to_related_records(client: Client, registry_rows: Any) -> None:
    html = get(client, "/jurisdictions/BH/").content.decode()
    assert 'href="/transfers/?recipient=BH"' in html
    assert "Transfers with this recipient country (1 record)" in html
    html = get(client, "/organisations/hacking-team/").content.decode()
    assert 'href="/technologies/?vendor=hacking-team"' in html  # one: the draft is not counted
    assert "Technologies with this vendor (1 record)" in html


def test_it_shows_category_labels_for_lists_of_codes(client: Client, registry_rows: Any) -> None:
    html = get(client, "/transfers/").content.decode()
    assert "Intrusion software / spyware" in html


def test_it_keeps_list_queries_flat(
    client: Client, registry_rows: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    Transfer.objects.bulk_create(
        Transfer(
            external_id=f"b-{n}",
            title=f"Bulk {n}",
            supplier=registry_rows["vendor"],
            recipient_jurisdiction=registry_rows["bh"],
            year=2000 + n % 20,
        )
        for n in range(200)
    )
    # 1 count, 1 page of rows, the two filter-choice lists read from the database
    # (recipient, supplier_country), one count per facet (4): flat however many rows.
    with django_assert_max_num_queries(8):
        get(client, "/transfers/", recipient="BH", page="3")
    with django_assert_max_num_queries(4):
        get(client, "/jurisdictions/", wassenaar="no")


def test_it_documents_each_register_in_openapi(client: Client, db: None) -> None:
    paths = get(client, "/api/v1/openapi.json").json()["paths"]
    for name in ("jurisdictions", "organisations", "technologies", "transfers"):
        assert f"/api/v1/{name}" in paths
        assert f"/api/v1/{name}/{{key}}" in paths
    params = {p["name"] for p in paths["/api/v1/transfers"]["get"]["parameters"]}
    assert {"q", "limit", "offset", "recipient", "year", "category"} <= params


def test_it_filters_a_register_through_its_own_api_path(
    client: Client, registry_rows: Any
) -> None:
    page = get(client, "/api/v1/transfers", recipient="BH", category="intrusion").json()
    assert [row["external_id"] for row in page["results"]] == ["t-1"]
    error = get(client, "/api/v1/transfers", 400, year="soon").json()
    assert list(error["errors"]) == ["year"]
    assert json.loads(json.dumps(page))["count"] == 1
