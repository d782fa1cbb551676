"""Hot searches from the cache (`core.fulltext._cached`), never a stale answer: every
write to the index makes what was cached before it unreachable, once committed."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from oversight.core import fulltext, publication
from oversight.registry.models import Jurisdiction, Organisation

API = "/api/v1/search"


def search(client: Client, q: str) -> tuple[dict[str, Any], list[str]]:
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(API, {"q": q, "facets": "dataset"}).json()
    return answer, [query["sql"] for query in queries.captured_queries]


def index_read(sql: list[str]) -> bool:
    return any("core_searchfacet" in query or "core_search_fts" in query for query in sql)


@pytest.mark.django_db(transaction=True)
def test_it_answers_a_repeated_search_from_the_cache_until_the_index_changes() -> None:
    client = Client()
    gb = Jurisdiction.objects.update_or_create(code="GB", defaults={"name": "United Kingdom"})[0]
    Organisation.objects.create(
        slug="acme", name="Acme Intrusion", kind="company", jurisdiction=gb
    )
    first, sql = search(client, "acme intrusion")
    assert first["count"] == 1 and index_read(sql)
    again, sql = search(client, "acme intrusion")
    assert again == first and not index_read(sql)  # from the cache
    other = Organisation.objects.create(
        slug="acme-2", name="Acme Intrusion Two", kind="company", jurisdiction=gb
    )
    grown, sql = search(client, "acme intrusion")
    assert grown["count"] == 2 and index_read(sql)
    other.name = "Renamed Ltd"
    other.save()
    renamed, _sql = search(client, "acme intrusion")
    assert renamed["count"] == 1
    assert [hit["title"] for hit in renamed["results"]] == ["Acme Intrusion"]
    Organisation.objects.filter(slug="acme").delete()  # a queryset delete: post_delete each
    gone, _sql = search(client, "acme intrusion")
    assert gone["count"] == 0


@pytest.mark.django_db
def test_it_never_caches_inside_a_transaction() -> None:
    client = Client()
    _answer, sql = search(client, "anything")
    _answer, sql = search(client, "anything")
    assert index_read(sql)  # the test's transaction may hold uncommitted index rows


@pytest.mark.django_db(transaction=True)
def test_it_caches_a_dataset_pages_facets_until_one_of_its_rows_changes() -> None:
    schema = publication.get("organisations")
    gb = Jurisdiction.objects.update_or_create(code="GB", defaults={"name": "United Kingdom"})[0]
    Organisation.objects.create(slug="acme", name="Acme", kind="company", jurisdiction=gb)

    def gb_count() -> int:
        counted = fulltext.dataset_facets(schema, schema.queryset())
        return next(v.count for v in counted["jurisdiction"] if v.value == "GB")

    assert gb_count() == 1
    with CaptureQueriesContext(connection) as queries:
        assert gb_count() == 1
    assert not any("registry_organisation" in q["sql"] for q in queries.captured_queries)
    Organisation.objects.create(slug="acme-2", name="Acme 2", kind="company", jurisdiction=gb)
    assert gb_count() == 2
