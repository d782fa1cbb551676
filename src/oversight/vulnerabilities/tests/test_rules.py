"""The pure rules: scores, the board's decision, and the public figures' withholding."""

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from oversight.vulnerabilities import rules
from oversight.vulnerabilities.models import Status

TODAY = date(2026, 6, 1)


def test_it_scores_cvss_3_and_4_and_refuses_anything_else() -> None:
    three = rules.score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
    assert three is not None and (three.score, three.severity) == (Decimal("9.8"), "Critical")
    four = rules.score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")
    assert four is not None and four.score == Decimal("9.3")
    for bad in ("", "9.8", "CVSS:3.1/AV:X", "CVSS:3.1/AV:N", "AV:N/AC:L/Au:N/C:P/I:P/A:P"):
        assert rules.score(bad) is None, bad


def _deciding(**kw: object) -> rules.Deciding:
    values: dict[str, object] = {
        "status": Status.AWAITING,
        "found_on": date(2026, 1, 1),
        "outcome": "restrict",
        "reasons": "Needed.",
        "review_by": date(2026, 9, 1),
        "disclosed_on": None,
    }
    return rules.Deciding(**{**values, **kw})  # type: ignore[arg-type]


def test_it_names_every_field_at_fault_at_once() -> None:
    verdict = rules.may_decide(_deciding(reasons=" ", review_by=None), TODAY)
    assert not verdict.ok
    assert set(verdict.by_field()) == {"reasons", "review_by"}


def test_it_refuses_a_review_date_today_or_beyond_a_year() -> None:
    for when in (TODAY, date(2027, 6, 3)):
        assert rules.may_decide(_deciding(review_by=when), TODAY).by_field().keys() == {
            "review_by"
        }
    assert rules.may_decide(_deciding(review_by=date(2027, 6, 1)), TODAY).ok


def test_it_treats_a_disclosure_as_final_and_dates_it_after_the_finding() -> None:
    final = rules.may_decide(
        _deciding(status=Status.DISCLOSED, outcome="disclose", review_by=None), TODAY
    )
    assert final.by_field().keys() == {"outcome"}
    early = _deciding(outcome="disclose", review_by=None, disclosed_on=date(2025, 12, 1))
    assert rules.may_decide(early, TODAY).by_field().keys() == {"disclosed_on"}
    review = _deciding(status=Status.RESTRICTED, outcome="restrict")
    assert rules.may_decide(review, TODAY).ok  # a review restricts again


def _facts(
    disclosed: int, restricted: int, awaiting: int = 0, overdue: int = 0
) -> list[rules.Fact]:
    found = date(2025, 1, 1)
    rows = [
        rules.Fact(Status.DISCLOSED, found, date(2025, 1, 1 + i), None) for i in range(disclosed)
    ]
    rows += [
        rules.Fact(
            Status.RESTRICTED, found, None, date(2026, 1, 1) if i < overdue else date(2026, 9, 1)
        )
        for i in range(restricted)
    ]
    rows += [rules.Fact(Status.AWAITING, found, None, None) for _ in range(awaiting)]
    return rows


def test_it_publishes_counts_share_and_median_when_none_is_small() -> None:
    figures = rules.year_figures(_facts(6, 5, 0, overdue=0), TODAY)
    assert figures == {
        "recorded": 11,
        "disclosed": 6,
        "restricted": 5,
        "awaiting": 0,
        "share_disclosed": Decimal("54.5"),
        "median_days_to_disclosure": Decimal("2.5"),
        "restrictions_past_review": 0,
        "withheld": "",
    }


def test_it_withholds_a_year_of_fewer_than_five() -> None:
    figures = rules.year_figures(_facts(1, 2), TODAY)
    assert all(figures[name] is None for name in figures if name != "withheld")
    assert "recorded" in str(figures["withheld"])


def test_it_withholds_a_small_count_and_what_would_give_it_away() -> None:
    figures = rules.year_figures(_facts(10, 2, 0, overdue=1), TODAY)
    # restricted (2) is small; awaiting (0) goes too, or 12 - 10 - 0 would give it.
    assert figures["recorded"] == 12 and figures["disclosed"] == 10
    assert figures["restricted"] is None and figures["awaiting"] is None
    assert figures["share_disclosed"] is None
    assert figures["restrictions_past_review"] is None
    assert figures["median_days_to_disclosure"] == Decimal("4.5")
    assert figures["withheld"] == "restricted, awaiting, share_disclosed, restrictions_past_review"


@settings(max_examples=300, derandomize=True)
@given(st.text() | st.from_regex(r"CVSS:(3\.[01]|4\.0)/[A-Z:/]{0,60}", fullmatch=True))
def test_it_answers_none_for_any_text_that_is_not_a_vector(text: str) -> None:
    found = rules.score(text)
    assert found is None or Decimal(0) <= found.score <= Decimal(10)
