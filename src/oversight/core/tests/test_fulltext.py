"""The one search over every register (`core.fulltext`, /search/, /api/v1/search).

The same tests run on SQLite (FTS5) and on PostgreSQL (tsvector + GIN): CI runs the
suite on both, and `engine_name` says which one a run used.
"""

import csv
import io
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from oversight.core import fulltext
from oversight.core.models import SearchDocument, SearchFacet
from oversight.licensing.models import Decision
from oversight.registry.models import Jurisdiction, Organisation, Technology, Transfer

pytestmark = pytest.mark.django_db

API = "/api/v1/search"


def country(code: str, name: str) -> Jurisdiction:
    return Jurisdiction.objects.update_or_create(code=code, defaults={"name": name})[0]


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    gb, bh, mx = country("GB", "United Kingdom"), country("BH", "Bahrain"), country("MX", "Mexico")
    vendor = Organisation.objects.create(
        slug="acme", name="Acme Intrusion GmbH", kind="company", jurisdiction=gb
    )
    Technology.objects.create(
        slug="finspy", name="FinSpy", vendor=vendor, category="intrusion", published=True
    )
    Technology.objects.create(
        slug="secret-tool", name="Secret FinSpy Tool", vendor=vendor, published=False
    )
    Transfer.objects.create(
        external_id="t-1",
        title="FinSpy to Bahrain",
        supplier=vendor,
        supplier_jurisdiction=gb,
        recipient_jurisdiction=bh,
        categories=["intrusion"],
        year=2012,
    )
    Transfer.objects.create(
        external_id="t-hidden",
        title="Hidden FinSpy deal",
        supplier=vendor,
        recipient_jurisdiction=bh,
        year=2013,
        published=False,
    )
    for n, (dest, outcome, year) in enumerate(
        [(bh, "refused", 2013), (mx, "issued", 2013), (mx, "issued", 2014)]
    ):
        Decision.objects.create(
            reference=f"GB-{n}",
            outcome=outcome,
            exporting_jurisdiction=gb,
            destination=dest,
            exporter_name="Acme Intrusion GmbH",
            end_use="monitoring of telecommunications",
            categories=["intrusion"],
            control_codes=["5.A.2", "5.D.2"] if n else ["4.A.5"],
            criteria=["necessity"] if outcome == "refused" else [],
            decided_on=date(year, 3, 1),
            published_at=timezone.now(),
        )
    return {"gb": gb, "bh": bh, "mx": mx, "vendor": vendor}


def search(client: Client, status: int = 200, **params: Any) -> Any:
    response = client.get(API, params)
    assert response.status_code == status, response.content[:500]
    return response.json()


def found(client: Client, **params: Any) -> list[tuple[str, str]]:
    return [(hit["dataset"], hit["key"]) for hit in search(client, **params)["results"]]


def test_it_runs_on_the_engine_of_the_database() -> None:
    expected = "PostgresFTS" if connection.vendor == "postgresql" else "SQLiteFTS5"
    assert type(fulltext.engine()).__name__ == expected


def test_it_finds_every_public_register_and_nothing_unpublished(
    world: Any, client: Client
) -> None:
    hits = found(client, q="finspy")
    assert ("technologies", "finspy") in hits and ("transfers", "t-1") in hits
    assert ("technologies", "secret-tool") not in hits
    assert ("transfers", "t-hidden") not in hits
    assert not SearchDocument.objects.filter(key__in=["secret-tool", "t-hidden"]).exists()


def test_the_index_follows_each_save_and_delete_at_once(world: Any, client: Client) -> None:
    hidden = Transfer.objects.get(external_id="t-hidden")
    hidden.published = True
    hidden.save()
    assert ("transfers", "t-hidden") in found(client, q="hidden")
    hidden.published = False  # no longer public: out of the index
    hidden.save()
    assert found(client, q="hidden") == []
    Transfer.objects.get(external_id="t-1").delete()
    assert ("transfers", "t-1") not in found(client, q="bahrain")
    assert not SearchFacet.objects.filter(document__key="t-1").exists()


def test_a_change_to_a_related_row_reaches_the_documents_that_show_it(
    world: Any, client: Client
) -> None:
    vendor = world["vendor"]
    vendor.name = "Zebra Lawful Interception"
    vendor.save()
    hits = found(client, q="zebra")
    assert ("transfers", "t-1") in hits and ("technologies", "finspy") in hits
    assert ("transfers", "t-1") not in found(client, q="acme", dataset="transfers")


def test_results_are_ranked_and_matches_highlighted_and_escaped(
    world: Any, client: Client
) -> None:
    Organisation.objects.create(
        slug="xss", name='<script>alert("finspy")</script>', kind="company"
    )
    answer = search(client, q="finspy")
    first = answer["results"][0]
    assert (first["dataset"], first["key"]) == ("technologies", "finspy")  # title "FinSpy"
    assert first["title_html"] == "<mark>FinSpy</mark>"
    hostile = next(hit for hit in answer["results"] if hit["key"] == "xss")
    assert "<script>" not in hostile["title_html"]
    assert (
        hostile["title_html"]
        == "&lt;script&gt;alert(&quot;<mark>finspy</mark>&quot;)&lt;/script&gt;"
    )
    page = client.get("/search/", {"q": "finspy"}).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


def test_facets_count_every_match_and_filters_narrow_it(world: Any, client: Client) -> None:
    answer = search(client, q="acme", facets="dataset,outcome,destination,year")
    assert set(answer["facets"]) == {"dataset", "outcome", "destination", "year"}
    datasets = {f["value"]: f["count"] for f in answer["facets"]["dataset"]}
    assert datasets == {
        "licence-decisions": 3,
        "organisations": 1,
        "technologies": 1,
        "transfers": 1,
    }
    outcomes = {f["value"]: (f["label"], f["count"]) for f in answer["facets"]["outcome"]}
    assert outcomes == {"issued": ("Licence issued", 2), "refused": ("Refused", 1)}
    destinations = {f["value"]: (f["label"], f["count"]) for f in answer["facets"]["destination"]}
    assert destinations == {"MX": ("Mexico", 2), "BH": ("Bahrain", 2)}  # a transfer too
    narrowed = search(client, q="acme", destination="MX", year="2014")
    assert narrowed["count"] == 1 and narrowed["results"][0]["key"] == "GB-2"
    either = search(client, destination=["MX", "BH"], dataset="licence-decisions")
    assert either["count"] == 3
    assert search(client, criterion="necessity")["results"][0]["key"] == "GB-0"
    assert search(client, control_entry="5.D.2", dataset="licence-decisions")["count"] == 2
    assert search(client, category="intrusion", dataset="transfers")["count"] == 1
    assert search(client, jurisdiction="GB", dataset="transfers")["count"] == 1


def test_pages_are_counted_and_linked(world: Any, client: Client) -> None:
    gb = world["gb"]
    for n in range(25):
        Transfer.objects.create(
            external_id=f"bulk-{n}", title=f"Monitoring centre {n}", recipient_jurisdiction=gb
        )
    first = search(client, q="monitoring centre")
    assert first["count"] == 25 and first["pages"] == 2 and len(first["results"]) == 20
    assert first["next"].endswith("page=2") and first["previous"] is None
    second = search(client, q="monitoring centre", page=2)
    assert len(second["results"]) == 5
    keys = {r["key"] for r in first["results"]} | {r["key"] for r in second["results"]}
    assert len(keys) == 25


@pytest.mark.parametrize(
    ("q", "finds"),
    [
        ('"', False),
        ('"finspy', True),
        ("finspy*", True),
        ("NEAR(finspy bahrain)", False),  # "near" is a word to find, like the others
        ("NEAR finspy", False),
        ("(finspy)", True),
        ("-finspy", True),
        ("name:finspy", False),  # "name" too
        ("finspy:", True),
        ("*", False),
    ],
)
def test_search_syntax_is_searched_as_text(
    world: Any, client: Client, q: str, finds: bool
) -> None:
    answer = search(client, q=q)
    hits = [(r["dataset"], r["key"]) for r in answer["results"]]
    assert (("technologies", "finspy") in hits) is finds
    assert client.get("/search/", {"q": q}).status_code == 200
    if q.startswith("NEAR"):
        Technology.objects.create(slug="near", name="Near FinSpy Bahrain", published=True)
        assert ("technologies", "near") in found(client, q=q)


def test_only_signs_match_nothing(world: Any, client: Client) -> None:
    assert search(client, q="*")["count"] == 0
    assert search(client, q="")["count"] > 0  # no words: everything, newest first


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"colour": "red"}, "colour"),
        ({"facets": "outcome,colour"}, "facets"),
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page": "400"}, "page"),
        ({"q": "x" * 201}, "q"),
        ({"year": "twenty"}, "year"),
        ({"dataset": "nowhere"}, "dataset"),
        ({"sort": "random"}, "sort"),
    ],
)
def test_bad_input_is_a_400_naming_the_parameter(
    world: Any, client: Client, params: dict[str, str], parameter: str
) -> None:
    body = search(client, status=400, **params)
    assert body["status"] == 400 and list(body["errors"]) == [parameter]
    page = client.get("/search/", params)
    assert page.status_code == 400 and parameter in page.content.decode()


def test_reindex_rebuilds_the_index_from_the_rows(world: Any, client: Client) -> None:
    SearchFacet.objects.all().delete()
    SearchDocument.objects.all().delete()
    assert search(client, q="finspy")["count"] == 0
    out = io.StringIO()
    call_command("search", "reindex", stdout=out)
    assert "transfers: 1 indexed" in out.getvalue()
    assert ("transfers", "t-1") in found(client, q="finspy")
    assert not SearchDocument.objects.filter(key="t-hidden").exists()
    before = SearchFacet.objects.count()
    call_command("search", "reindex", "transfers", stdout=io.StringIO())
    assert SearchFacet.objects.count() == before  # rebuilt, not doubled


def test_the_html_page_filters_by_a_facet_and_downloads_the_result(
    world: Any, client: Client
) -> None:
    page = client.get("/search/", {"q": "acme"}).content.decode()
    assert 'href="?q=acme&amp;destination=MX"' in page and "Mexico" in page
    narrowed = client.get("/search/", {"q": "acme", "destination": "MX"}).content.decode()
    assert "/licence-decisions/GB-1/" in narrowed and "/licence-decisions/GB-0/" not in narrowed
    response: Any = client.get("/search/", {"q": "acme", "destination": "MX", "format": "csv"})
    assert response.streaming and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {row["key"] for row in rows} == {"GB-1", "GB-2"}
    assert rows[0]["url"].startswith("/licence-decisions/")


def test_each_dataset_page_shows_the_facet_counts(world: Any, client: Client) -> None:
    page = client.get("/licence-decisions/", {"destination": "MX"}).content.decode()
    assert "Counts of the matching records" in page
    assert 'href="?destination=MX&amp;outcome=issued"' in page
    assert 'Licence issued</a> <span class="count">2</span>' in page


def test_a_comment_is_found_only_once_its_consultation_has_closed(
    world: Any, client: Client
) -> None:
    from django.contrib.contenttypes.models import ContentType

    from oversight.consultations.models import Comment, Consultation

    now = timezone.now()
    consultation = Consultation.objects.create(
        matter_type=ContentType.objects.get_for_model(Organisation),
        matter_id=str(world["vendor"].pk),
        reference="C-1",
        title="Export to Bahrain",
        opens_at=now,
        closes_at=now,
    )
    Comment.objects.create(
        consultation=consultation,
        text="Quokka activists were targeted",
        status="accepted",
        idempotency_key="k-1",
    )
    assert found(client, q="quokka") == []  # accepted, but the consultation is open
    consultation.closed_at = now
    consultation.save(update_fields=["closed_at"])
    assert [dataset for dataset, _key in found(client, q="quokka")] == ["comments"]


def test_only_changes_a_document_shows_reindex_the_rows_that_show_them(
    world: Any, client: Client
) -> None:
    before = dict(SearchDocument.objects.filter(dataset="transfers").values_list("key", "id"))
    bh = world["bh"]
    bh.wassenaar_participant = True  # no document shows it: nothing to re-index
    bh.save()
    after = dict(SearchDocument.objects.filter(dataset="transfers").values_list("key", "id"))
    assert after == before
    bh.name = "Kingdom of Bahrain"
    bh.save()
    answer = search(client, q="kingdom", dataset="transfers")
    assert [r["key"] for r in answer["results"]] == ["t-1"]


def test_migrate_builds_an_empty_index_from_the_rows_it_loaded(world: Any) -> None:
    SearchFacet.objects.all().delete()
    SearchDocument.objects.all().delete()
    fulltext.build_if_empty(using="default")  # what post_migrate runs
    assert SearchDocument.objects.filter(dataset="jurisdictions", key="BH").exists()
    kept = SearchDocument.objects.get(dataset="transfers", key="t-1").pk
    fulltext.build_if_empty(using="default")  # not empty: left alone
    assert SearchDocument.objects.get(dataset="transfers", key="t-1").pk == kept


def test_the_snippet_shows_public_fields_only(world: Any, client: Client) -> None:
    answer = search(client, q="4.A.5", dataset="licence-decisions")  # control_codes_text
    assert [hit["key"] for hit in answer["results"]] == ["GB-0"]
    document = SearchDocument.objects.get(dataset="licence-decisions", key="GB-0")
    assert " 4.A.5 " not in document.text  # the derived column is searched, never shown
