"""Registry publication schemas: fields resolve, filters work, drafts stay out."""

from pathlib import Path

import pytest

from oversight.core import publication, search
from oversight.registry.demo_records import create_demo_records
from oversight.registry.tests.excerpts import RATINGS, run, write, write_sii, write_uk

pytestmark = pytest.mark.django_db

NAMES = (
    "jurisdictions",
    "organisations",
    "technologies",
    "transfers",
    "licence-statistics",
    "control-entries",
)


@pytest.fixture
def loaded(tmp_path: Path) -> None:
    run("import", "control-entries", str(write(tmp_path / "r.csv", RATINGS)))
    run("import", "transfers", str(write_sii(tmp_path)))
    run("import", "uk-licences", str(write_uk(tmp_path)))
    create_demo_records()


def _keys(name: str, **params: str) -> list[str]:
    schema = publication.get(name)
    rows = search.apply(schema, search.parse(schema, params))
    return [str(row[schema.key]) for row in schema.rows(rows)]


@pytest.mark.usefixtures("loaded")
def test_it_registers_every_registry_dataset_with_resolvable_fields() -> None:
    for name in NAMES:
        schema = publication.get(name)
        assert schema.key in schema.fields
        assert set(schema.links) <= set(schema.fields)
        assert set(schema.list_fields) <= set(schema.fields)
        assert list(schema.rows()), name  # every field path resolves
        for flt in schema.filters:
            if flt.choices is not None:
                assert flt.choices(), (name, flt.name)


@pytest.mark.usefixtures("loaded")
def test_it_publishes_only_published_technologies_and_transfers() -> None:
    technologies = _keys("technologies")
    assert "pegasus" in technologies and "demo-interceptor-x" not in technologies
    assert "demo-unpublished-transfer-1" not in _keys("transfers")


@pytest.mark.usefixtures("loaded")
def test_it_filters_each_dataset() -> None:
    assert _keys("transfers", category="lawful_interception") == ["Semptian_Algeria_2010"]
    assert _keys("transfers", category="network") == ["_Egypt_2014"]
    assert _keys("transfers", recipient="BH", year="2010") == [
        "Gamma_International_FinFisher_Bahrain_2010"
    ]
    assert _keys("transfers", supplier_country="CN") == ["Semptian_Algeria_2010"]
    assert "GB" in _keys("jurisdictions", wassenaar="yes")
    assert "CN" not in _keys("jurisdictions", wassenaar="yes")
    assert _keys("jurisdictions", moratorium="yes") == []
    assert _keys("technologies", encryption_only="yes") == ["demo-vault-z", "sina-vpn-gateway"]
    assert _keys("technologies", vendor="nso-group") == ["pegasus"]
    assert "demo-agency" in _keys("organisations", kind="agency", country="GB-DMC")  # a city
    assert _keys("licence-statistics", destination="EG") == ["uk-15-5.A.2-EG"]
    assert len(_keys("licence-statistics", rating="5.A.2", year="2008", refused="no")) == 3
    assert _keys("control-entries", q="HR AIII") == ["HR AIII"]


def test_it_refuses_a_filter_value_that_is_not_a_choice() -> None:
    schema = publication.get("transfers")
    with pytest.raises(search.BadQuery, match="category"):
        search.parse(schema, {"category": "telepathy"})


@pytest.mark.usefixtures("loaded")
def test_it_offers_only_countries_of_published_transfers_as_choices() -> None:
    schema = publication.get("transfers")
    choices = {flt.name: flt.choices for flt in schema.filters if flt.choices}
    assert "IE" not in dict(choices["recipient"]())  # only the unpublished demo transfer
    assert "BH" in dict(choices["recipient"]())
    assert "GB" in dict(choices["supplier_country"]())  # Gamma Group's published transfer
