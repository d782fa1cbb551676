"""Filing a company record records the action it always recorded: <app>.<model>.created."""

from oversight.companies.events import CREATED


def test_it_names_each_filed_model_as_the_log_always_did() -> None:
    assert len(CREATED) == 5
    for model, event in CREATED.items():
        assert event == f"{model._meta.label_lower}.created"
