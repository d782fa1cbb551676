"""Each screening rule's verdict and reasons, table-driven (pure: no database)."""

import pytest

from oversight.core.rules import Verdict
from oversight.licensing import rules
from oversight.licensing.rules import Candidate, Line, State

SPYWARE = Line(1, "Pegasus", "intrusion", privately_developed=True, encryption_only=False)
VPN = Line(2, "Tunnel", "network", privately_developed=True, encryption_only=True)
CIPHER = Line(3, "Cipher suite", "encryption", privately_developed=False, encryption_only=False)
STATE_TOOL = Line(4, "Gov kit", "forensics", privately_developed=False, encryption_only=False)


def state(**changes: object) -> State:
    base: dict[str, object] = {
        "code": "GB",
        "name": "United Kingdom",
        "wassenaar_participant": True,
        "moratorium_in_force": False,
        "moratorium_scope": (),
        "safeguards_certified": False,
    }
    return State(**{**base, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lines", "effect", "reason_part"),
    [
        ([VPN, CIPHER], "exempt", "no licence is required"),
        ([VPN, SPYWARE], "pass", "line 1: Pegasus is not an encryption-only item"),
        ([], "pass", "No goods lines"),
    ],
)
def test_it_exempts_encryption_only_applications(
    lines: list[Line], effect: str, reason_part: str
) -> None:
    check = rules.encryption_exemption(lines)
    assert check.effect == effect
    assert any(reason_part in reason for reason in check.reasons), check.reasons


@pytest.mark.parametrize(
    ("declared", "purpose", "description", "effect", "ok", "reason_part"),
    [
        (False, "", "", "pass", True, "No research transfer"),
        (True, "coordinated_disclosure", "CVE work", "register", True, "registered and published"),
        (True, "", "CVE work", "flag", False, "research purpose"),
        (True, "defensive_tooling", " ", "flag", False, "research description"),
    ],
)
def test_it_registers_good_faith_research(
    declared: bool, purpose: str, description: str, effect: str, ok: bool, reason_part: str
) -> None:
    check = rules.research_safe_harbour(declared, purpose, description)
    assert (check.effect, check.ok) == (effect, ok)
    assert any(reason_part in reason for reason in check.reasons), check.reasons


MORATORIUM = {"moratorium_in_force": True, "moratorium_scope": ("export",)}


@pytest.mark.parametrize(
    ("facts", "lines", "effect", "reason_part"),
    [
        ({}, [SPYWARE], "pass", "has no moratorium"),
        (MORATORIUM, [SPYWARE], "block", "line 1: Pegasus is a privately developed"),
        (MORATORIUM, [STATE_TOOL, VPN], "pass", "No line is a privately developed"),
        ({**MORATORIUM, "safeguards_certified": True}, [SPYWARE], "pass", "certified safeguards"),
        ({"moratorium_in_force": True, "moratorium_scope": ("use",)}, [SPYWARE], "pass", "no"),
    ],
)
def test_it_blocks_under_a_moratorium(
    facts: dict[str, object], lines: list[Line], effect: str, reason_part: str
) -> None:
    check = rules.moratorium(state(**facts), lines)
    assert check.effect == effect
    assert check.ok is (effect != "block")
    assert any(reason_part in reason for reason in check.reasons), check.reasons


@pytest.mark.parametrize(
    ("participant", "effect", "reason_part"),
    [(True, "pass", "participates"), (False, "flag", "is not a Wassenaar")],
)
def test_it_flags_states_outside_wassenaar(
    participant: bool, effect: str, reason_part: str
) -> None:
    check = rules.wassenaar(state(wassenaar_participant=participant))
    assert check.effect == effect
    assert reason_part in check.reasons[0]


def test_it_lists_each_missing_ungp_item_and_blocks_approval() -> None:
    missing = ["No public human rights commitment has been filed.", "No due diligence for X."]
    check = rules.ungp(Verdict.of(missing))
    assert (check.ok, check.effect) == (False, "condition")
    assert check.reasons[:2] == missing
    assert rules.approval_blockers([check]) == check.reasons
    assert rules.ungp(Verdict(True, [])).effect == "pass"


CANDIDATES = [
    Candidate("Ministry of Interior of Bahrain", ("MOI Bahrain",), "/cases/1/", "case A"),
    Candidate("National Security Agency (Ruritania)", (), "", "misuse report #3"),
]


@pytest.mark.parametrize(
    ("name", "flagged", "matched"),
    [
        ("Ministry of the Interior of Bahrain", True, "Ministry of Interior of Bahrain"),
        ("MOI  bahrain", True, "MOI Bahrain"),
        ("National Security Agency, Ruritania", True, "National Security Agency (Ruritania)"),
        ("Acme Hospital Trust", False, ""),
    ],
)
def test_it_flags_end_users_resembling_known_operators(
    name: str, flagged: bool, matched: str
) -> None:
    check = rules.end_user_red_flags([("end_user", name)], CANDIDATES)
    assert check.ok is not flagged
    if flagged:
        assert check.effect == "flag"
        assert check.matches[0].matched == matched
        assert check.matches[0].score >= rules.RED_FLAG_THRESHOLD
        assert "score" in check.reasons[0]
    else:
        assert check.matches == []


@pytest.mark.parametrize(
    ("effects", "outcome"),
    [
        (["pass", "flag"], ""),
        (["block", "exempt"], "block"),  # a moratorium outranks everything (issue 9)
        (["register", "block"], "block"),
        (["register", "exempt"], "exempt"),
        (["block", "condition"], "block"),
    ],
)
def test_it_ranks_screening_outcomes(effects: list[str], outcome: str) -> None:
    checks = [rules.Check(f"r{i}", "t", True, e, []) for i, e in enumerate(effects)]  # type: ignore[arg-type]
    assert rules.outcome_of(checks) == outcome


@pytest.mark.parametrize(
    ("end_user", "flagged"),
    [
        (("end_user", "Ministry of Interior", "AE"), True),
        (("end_user", "Ministry of Interior", "FR"), False),
    ],
)
def test_it_flags_government_end_users_of_a_suspected_operator_state(
    end_user: tuple[str, str, str], flagged: bool
) -> None:
    states = {"AE": rules.OperatorState("AE", "United Arab Emirates", 3, "/cases/7/")}
    matches = rules.operator_state_matches([end_user], states)
    check = rules.end_user_red_flags([], [], state_matches=matches)
    assert check.ok is not flagged
    if flagged:
        assert check.matches[0].url == "/cases/7/"
        assert "3 published monitoring case(s) name United Arab Emirates" in check.reasons[0]
