"""The registry's upserts record the actions they always recorded: <app>.<model>.<verb>."""

from oversight.registry.events import CREATED, UPDATED


def test_it_names_each_upserted_model_as_the_log_always_did() -> None:
    assert CREATED.keys() == UPDATED.keys()
    for model in CREATED:
        assert CREATED[model] == f"{model._meta.label_lower}.created"
        assert UPDATED[model] == f"{model._meta.label_lower}.updated"
