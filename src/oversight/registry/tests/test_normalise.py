"""Normalisers for control-list codes, countries and reported goods (pure functions)."""

import csv
from pathlib import Path

import pytest

from oversight.registry.normalise import (
    categories_for_goods,
    control_code,
    country_code,
    country_codes,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("5A002", "5.A.2"),
        ("5A001j", "5.A.1.j"),
        ("5A001.j", "5.A.1.j"),
        ("5.a.1.j.", "5.A.1.j"),
        ("5A1j", "5.A.1.j"),
        ("4E001c", "4.E.1.c"),
        ("4A005", "4.A.5"),
        ("4.D.4", "4.D.4"),
        (" 5a001.f.1 ", "5.A.1.f.1"),
        ("5A002a1a", "5.A.2.a.1.a"),
        ("ML10", "ML10"),
        ("ml10.a", "ML10.a"),
        ("PL5017", "PL5017"),
        ("HR AIII", "HR AIII"),
        ("End Use", "END USE"),
    ],
)
def test_it_normalises_control_codes(raw: str, expected: str) -> None:
    assert control_code(raw) == expected


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("5Z001", "not a Wassenaar code"),
        ("5A0001", "not a Wassenaar code"),
        ("5A001-j!", "not a Wassenaar code"),
        ("hello?", "not a control-list code"),
        ("X" * 40, "longer than 32"),
    ],
)
def test_it_rejects_garbage_codes_naming_the_problem(raw: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        control_code(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("United Kingdom", "GB"),
        ("United kingdom", "GB"),
        ("United States of America", "US"),
        ("UAE", "AE"),
        ("Russia", "RU"),
        ("South Korea", "KR"),
        ("Korea, South", "KR"),
        ("Iran", "IR"),
        ("Vietnam", "VN"),
        ("Bolivia", "BO"),
        ("Ivory Coast", "CI"),
        ("Cote d'ivoire", "CI"),
        ("Turkey", "TR"),
        ("Czech Republic", "CZ"),
        ("Macedonia", "MK"),
        ("Palestine", "PS"),
        ("Kosovo", "XK"),
        ("Hong Kong Special Administrative Region", "HK"),
        ("Congo, Democratic Republic of", "CD"),
        ("Republic of Congo", "CG"),
        ("Burma", "MM"),
        ("Niger", "NE"),
        ("Norwat", "NO"),
        ("de", "DE"),
    ],
)
def test_it_maps_country_names_to_iso_codes(raw: str, expected: str) -> None:
    assert country_code(raw) == expected


@pytest.mark.parametrize("raw", ["", "Narnia", "Continental Shelf: United Kingdom sector"])
def test_it_rejects_unknown_countries_naming_the_value(raw: str) -> None:
    with pytest.raises(ValueError, match="country"):
        country_code(raw)


def test_it_splits_lists_of_countries_but_not_names_with_commas() -> None:
    assert country_codes("United Kingdom, Germany") == ["GB", "DE"]
    assert country_codes("Moldova, Republic of") == ["MD"]


@pytest.mark.parametrize(
    ("goods", "expected"),
    [
        (["Intrusion software"], ["intrusion"]),
        (["Off the air interception"], ["mobile_interception"]),
        (["Deeo packet inspection", "Fiber taps / probes"], ["network"]),
        (
            [" Lawful interception", "Lawful Interception", "Monitoring Centre"],
            ["lawful_interception"],
        ),
        (["Location tracking", "Biometrics"], ["location", "biometrics"]),
        (["Laser acoustic detection equipment", ""], ["other"]),
        ([], []),
    ],
)
def test_it_maps_reported_goods_to_categories(goods: list[str], expected: list[str]) -> None:
    assert categories_for_goods(goods) == expected


UK_NAMES = Path(__file__).parent / "data" / "uk-destination-names.csv"


def _uk_names(with_code: bool) -> list[tuple[str, str]]:
    with UK_NAMES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [(row["name"], row["code"]) for row in rows if bool(row["code"]) == with_code]


@pytest.mark.parametrize(("name", "code"), _uk_names(with_code=True))
def test_it_recognises_every_uk_destination_name_that_has_an_iso_code(
    name: str, code: str
) -> None:
    # Every distinct destination of the UK statistics 2008-2011 (CAAT compilation)
    # that has an ISO code, and the names of later years ('Aland Islands', 'Sudan, South').
    assert country_codes(name) == [code]


@pytest.mark.parametrize(("name", "code"), _uk_names(with_code=False))
def test_it_still_rejects_uk_destinations_without_an_iso_code(name: str, code: str) -> None:
    with pytest.raises(ValueError, match="unknown country"):
        country_codes(name)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ÅLAND ISLANDS", "AX"),
        ("Curaçao", "CW"),
        ("St. Kitts & Nevis", "KN"),
        ("Korea, North", "KP"),
    ],
)
def test_it_ignores_accents_case_and_abbreviations(raw: str, expected: str) -> None:
    assert country_code(raw) == expected
