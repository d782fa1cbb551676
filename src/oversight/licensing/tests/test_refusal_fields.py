"""The review, decision and completeness rules name the field of each reason (pure: no database).

The API answers each under that field; the pages show the rule's own words.
"""

from datetime import date, timedelta

from oversight.licensing import completeness, decisions
from oversight.licensing.models import Application, Party
from oversight.licensing.models.review import Criterion


def test_a_decision_names_each_field_it_refuses() -> None:
    yesterday = date.today() - timedelta(days=1)
    verdict = decisions.decision_errors("maybe", [" "], [], None, cited=["astrology"])
    assert not verdict.ok
    assert set(verdict.by_field()) == {"outcome", "reasons", "criteria"}
    assert verdict.by_field()["criteria"] == ["Not review criteria: astrology"]
    issued = decisions.decision_errors("issued", ["Fine."], [], yesterday)
    assert issued.by_field() == {"valid_until": ["A licence must be valid until a future date."]}
    refused = decisions.decision_errors("refused", ["No."], ["Audit yearly."], None)
    assert set(refused.by_field()) == {"criteria", "conditions"}


def test_a_complete_decision_passes() -> None:
    assert decisions.decision_errors("refused", ["No."], [], None, cited=[Criterion.values[0]]).ok


def test_a_review_names_criteria_recommendation_and_summary() -> None:
    verdict = decisions.review_errors([], "shrug", "  ")
    fields = verdict.by_field()
    assert set(fields) == {"criteria", "recommendation", "summary"}
    assert len(fields["criteria"]) == len(Criterion.choices)  # each criterion left unrated


def test_what_is_missing_names_each_input_field() -> None:
    app = Application(end_use="", research_transfer=True, research_purpose="")
    verdict = completeness.missing(app, [], [Party(role=Party.Role.CONSIGNEE)])
    fields = verdict.by_field()
    assert fields["destination"] == ["destination: choose the destination country"]
    assert set(fields) == {
        "destination",
        "end_use",
        "end_use_statement",
        "lines",
        "parties",
        "research_purpose",
        "declaration_accurate",
        "declaration_conditions",
    }
    assert fields["parties"] == ["parties: add the end user"]


def test_a_bad_goods_line_names_each_field() -> None:
    values = {"quantity": True, "value": "NaN", "currency": "ZZZ", "technology": None}
    verdict = completeness.line_errors(2, values, control_code_known=False)
    assert set(verdict.by_field()) == {
        "quantity",
        "value",
        "currency",
        "control_code",
        "technology",
    }
    assert verdict.messages[0] == "line 2: quantity must be positive"
