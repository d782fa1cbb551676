"""The moratorium rule (66a), pure: how it is declared, and which activities it stops."""

from datetime import date

import pytest

from oversight.registry import rules
from oversight.registry.models import Jurisdiction
from oversight.registry.rules import Item, Moratorium

SPYWARE = Item(1, "Pegasus", privately_developed=True, encryption_only=False)
VPN = Item(2, "Tunnel", privately_developed=True, encryption_only=True)
GOV_KIT = Item(3, "Gov kit", privately_developed=False, encryption_only=False)


def declared(*activities: str, in_force: bool = True, certified: bool = False) -> Moratorium:
    return Moratorium(
        "IE", "Ireland", in_force, frozenset(activities), date(2025, 1, 1), certified
    )


@pytest.mark.parametrize(
    ("moratorium", "activities", "items", "ok", "reason_part"),
    [
        (declared("export"), rules.EXPORT, [SPYWARE, GOV_KIT], False, "line 1: Pegasus"),
        (declared("sale"), rules.EXPORT, [SPYWARE], False, "no certified safeguards regime"),
        (declared("use"), rules.EXPORT, [SPYWARE], True, "has no moratorium on the export"),
        (declared("use"), frozenset({"sale", "use"}), [SPYWARE], False, "Pegasus"),
        (declared("export", in_force=False), rules.EXPORT, [SPYWARE], True, "no moratorium"),
        (declared("export", certified=True), rules.EXPORT, [SPYWARE], True, "does not bite"),
        (declared("export"), rules.EXPORT, [VPN, GOV_KIT], True, "does not apply"),
    ],
)
def test_it_stops_only_what_the_moratorium_covers(
    moratorium: Moratorium,
    activities: frozenset[str],
    items: list[Item],
    ok: bool,
    reason_part: str,
) -> None:
    verdict = rules.moratorium(moratorium, activities, items, matter="export")
    assert verdict.ok is ok
    assert any(reason_part in message for message in verdict.messages), verdict.messages


def test_it_names_every_caught_item_and_the_state() -> None:
    other = Item(7, "Predator", privately_developed=True, encryption_only=False)
    verdict = rules.moratorium(declared("export"), rules.EXPORT, [SPYWARE, other], matter="export")
    assert [m.split(":")[0] for m in verdict.messages] == ["line 1", "line 7"]
    assert all("Ireland has a moratorium in force" in m for m in verdict.messages)


@pytest.mark.parametrize(
    ("in_force", "since", "activities", "fields"),
    [
        (True, date(2025, 1, 1), ["export"], set()),
        (False, None, [], set()),
        (True, None, ["export"], {"moratorium_since"}),
        (True, date(2025, 1, 1), [], {"moratorium_scope"}),
        (False, None, ["export", "import"], {"moratorium_scope"}),
    ],
)
def test_it_checks_a_declaration_field_by_field(
    in_force: bool, since: date | None, activities: list[str], fields: set[str]
) -> None:
    verdict = rules.declaration(in_force, since, activities)
    assert verdict.ok is (not fields)
    assert set(verdict.by_field()) == fields


def test_it_keeps_the_activities_in_declaration_order_and_matches_the_model() -> None:
    assert rules.ordered({"use", "export", "servicing"}) == ["export", "use", "servicing"]
    assert tuple(Jurisdiction.MoratoriumScope.values) == rules.ACTIVITIES


def test_it_reads_the_facts_of_a_jurisdiction_row_without_a_query() -> None:
    row = Jurisdiction(
        code="IE",
        name="Ireland",
        moratorium_in_force=True,
        moratorium_scope=["export", "use"],
        moratorium_since=date(2025, 1, 1),
        safeguards_status=Jurisdiction.Safeguards.CERTIFIED,
    )
    facts = row.moratorium_facts()
    assert facts == Moratorium(
        "IE", "Ireland", True, frozenset({"export", "use"}), date(2025, 1, 1), True
    )
    assert not facts.bites
