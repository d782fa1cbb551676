"""A choice among hundreds, typed with the browser's own list of matches (no JavaScript)."""

from django import forms

from oversight.core.forms import ChoiceSearchField


def test_a_choice_among_hundreds_is_typed_and_matched_without_javascript() -> None:
    class Form(forms.Form):
        country = ChoiceSearchField(choices=[("", "—"), ("AE", "United Arab Emirates")])

    html = str(Form(auto_id="f-%s", initial={"country": "AE"})["country"])
    assert 'list="f-country-options"' in html and '<datalist id="f-country-options">' in html
    assert 'value="United Arab Emirates (AE)"' in html
    for typed in ("ae", "United Arab Emirates", "united arab emirates (AE)"):
        form = Form({"country": typed})
        assert form.is_valid() and form.cleaned_data["country"] == "AE", typed
    refused = Form({"country": "Narnia"})
    assert not refused.is_valid() and "Narnia" in refused.errors["country"][0]
