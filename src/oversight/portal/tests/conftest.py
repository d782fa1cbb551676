"""Test datasets: small publication schemas over registry rows made here.

The portal code never imports a domain app; its tests may. The schemas are named
`t-…` and registered only for the duration of a test, beside the real ones.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from oversight.core import publication
from oversight.core.publication import Filter, Link, Schema
from oversight.registry.models import Category, Jurisdiction, Organisation, Technology, Transfer


def _countries() -> list[tuple[str, str]]:
    return list(
        Jurisdiction.objects.filter(transfers_in__published=True)
        .distinct()
        .values_list("code", "name")
    )


SCHEMAS = [
    Schema(
        name="t-jurisdictions",
        title="Test jurisdictions",
        description="Countries.",
        queryset=lambda: Jurisdiction.objects.all(),
        fields={
            "code": "code",
            "name": "name",
            "wassenaar": "wassenaar_participant",
            "joined": "wassenaar_joined",
            "safeguards": "safeguards_status",
        },
        key="code",
        search=("name", "code"),
        filters=(
            Filter("wassenaar", "Wassenaar participant", "wassenaar_participant", "bool"),
            Filter("joined", "Joined Wassenaar in", "wassenaar_joined", "int"),
            Filter(
                "safeguards",
                "Safeguards regime",
                "safeguards_status",
                "choice",
                lambda: [(str(v), str(lb)) for v, lb in Jurisdiction.Safeguards.choices],
            ),
        ),
        list_fields=("name", "code", "wassenaar", "safeguards"),
        licence="Test licence",
        sources=("https://example.org/source",),
    ),
    Schema(
        name="t-organisations",
        title="Test organisations",
        description="Companies.",
        queryset=lambda: Organisation.objects.all(),
        fields={
            "slug": "slug",
            "name": "name",
            "country": "jurisdiction__name",
            "website": "website",
        },
        key="slug",
        search=("name",),
        links={"country": Link("t-jurisdictions", "jurisdiction__code")},
    ),
    Schema(
        name="t-technologies",
        title="Test technologies",
        description="Published technologies only.",
        queryset=lambda: Technology.objects.published(),
        fields={"slug": "slug", "name": "name", "vendor": "vendor__name", "category": "category"},
        key="slug",
        search=("name", "vendor__name"),
        filters=(
            Filter(
                "category",
                "Category",
                "category",
                "choice",
                lambda: [(str(v), str(lb)) for v, lb in Category.choices],
            ),
        ),
        links={"vendor": Link("t-organisations", "vendor__slug")},
    ),
    Schema(
        name="t-transfers",
        title="Test transfers",
        description="Published transfers only.",
        queryset=lambda: Transfer.objects.published(),
        fields={
            "id": "external_id",
            "title": "title",
            "supplier": "supplier__name",
            "recipient": "recipient_jurisdiction__name",
            "year": "year",
            "source_links": "source_links",
        },
        search=("title", "supplier__name"),
        filters=(
            Filter("year", "Year", "year", "int"),
            Filter("recipient", "Recipient", "recipient_jurisdiction__code", "choice", _countries),
        ),
        links={
            "supplier": Link("t-organisations", "supplier__slug"),
            "recipient": Link("t-jurisdictions", "recipient_jurisdiction__code"),
        },
        list_fields=("title", "supplier", "recipient", "year"),
        ordering=("-year", "external_id"),
    ),
]


@pytest.fixture(autouse=True)
def test_schemas(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for schema in SCHEMAS:
        monkeypatch.setitem(publication._schemas, schema.name, schema)
    cache.clear()
    yield
    cache.clear()


def country(code: str, name: str, **extra: Any) -> Jurisdiction:
    return Jurisdiction.objects.update_or_create(code=code, defaults={"name": name, **extra})[0]


@pytest.fixture
def registry(db: None) -> dict[str, Any]:
    """A vendor with a published and a draft tool; published and unpublished transfers."""
    de = country("DE", "Germany", wassenaar_participant=True, wassenaar_joined=1996)
    bh = country("BH", "Bahrain")
    vendor = Organisation.objects.create(
        slug="acme", name="Acme Intrusion GmbH", kind="company", jurisdiction=de
    )
    Technology.objects.create(
        slug="finspy", name="FinSpy", vendor=vendor, category="intrusion", published=True
    )
    Technology.objects.create(
        slug="secret-tool",
        name="Secret Tool",
        vendor=vendor,
        category="intrusion",
        published=False,
    )
    Transfer.objects.create(
        external_id="t-1",
        title="FinSpy to Bahrain",
        supplier=vendor,
        recipient_jurisdiction=bh,
        year=2012,
        source_links=["https://example.org/report"],
    )
    Transfer.objects.create(
        external_id="t-hidden",
        title="Hidden deal",
        supplier=vendor,
        recipient_jurisdiction=bh,
        year=2013,
        published=False,
    )
    return {"de": de, "bh": bh, "vendor": vendor}


@pytest.fixture
def many_transfers(registry: dict[str, Any]) -> int:
    rows = [
        Transfer(
            external_id=f"bulk-{n:03d}",
            title=f"Bulk transfer {n:03d}",
            supplier=registry["vendor"],
            recipient_jurisdiction=registry["de" if n % 2 else "bh"],
            year=2000 + n % 10,
        )
        for n in range(120)
    ]
    Transfer.objects.bulk_create(rows)
    return 121  # with t-1


def get(client: Client, url: str, status: int = 200, **params: Any) -> Any:
    response = client.get(url, params)
    assert response.status_code == status, (response.status_code, response.content[:500])
    return response
