"""A refused form comes back as typed, its reasons beside the fields (Chromium, no JS)."""

from typing import Any

import pytest

from oversight.accounts.tests.helpers import Clock
from oversight.licensing.models import Application, Decision
from oversight.licensing.tests.flow import to_decision
from oversight.licensing.tests.helpers import World
from oversight.licensing.tests.test_browser import ALL_APPS, Session, browser  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True, available_apps=ALL_APPS),
]


def test_it_keeps_a_refused_decision_and_a_refused_goods_line_as_typed(
    browser: Any,  # noqa: F811
    live_server: Any,
    world: World,
    clock: Clock,
) -> None:
    app = to_decision(world, clock)
    officer = Session(browser, live_server.url, world.officer)
    page = officer.open(f"/staff/licensing/applications/{app.reference}/")
    page.get_by_label("Refuse").check()  # a refusal that cites no criterion, with conditions
    page.get_by_label("Reasons (published; one per line)").fill("The end user is unknown.")
    page.get_by_label("Conditions of the licence (one per line)").fill("Post-shipment check")
    page.get_by_label("Valid until").fill("2031-05-06")
    officer.click("Decide and publish")

    assert page.get_by_label("Reasons (published; one per line)").input_value() == (
        "The end user is unknown."
    )
    conditions = page.get_by_label("Conditions of the licence (one per line)")
    assert conditions.input_value() == "Post-shipment check"
    assert page.get_by_label("Valid until").input_value() == "2031-05-06"
    assert page.get_by_label("Refuse").is_checked()
    errors = page.locator("#decide-cited ~ .field-error, .field-error").all_inner_texts()
    assert "A refusal cites the review criteria it rests on." in errors
    assert "Conditions attach only to an issued licence." in errors
    assert not Decision.objects.filter(application=app).exists()

    company = Session(browser, live_server.url, world.member)
    draft = company.open("/staff/licensing/new/")
    company.click("Start the draft")
    reference = draft.url.rstrip("/").split("/")[-2]
    draft = company.open(f"/staff/licensing/applications/{reference}/")
    draft.get_by_label("Technology").select_option(label="Interceptor")
    draft.get_by_label("Control-list entry").fill("9Z999")  # on no control list
    draft.get_by_label("Quantity").fill("3")
    draft.get_by_label("Value").fill("25000")
    company.click("Add line")
    assert draft.get_by_label("Quantity").input_value() == "3"
    assert draft.get_by_label("Value").input_value() == "25000"
    assert draft.get_by_label("Control-list entry").input_value() == "9Z999"
    assert draft.get_by_label("Technology").locator("option:checked").inner_text() == "Interceptor"
    assert draft.locator(".field-error").count() >= 1
    assert not Application.objects.get(reference=reference).lines.exists()


def test_it_reads_a_published_decision_as_a_document(
    browser: Any,  # noqa: F811
    live_server: Any,
    world: World,
    clock: Clock,
) -> None:
    from oversight.licensing import actions

    app = to_decision(world, clock)
    actions.decide_application(
        app,
        outcome="issued",
        reasons=["Adequate."],
        actor=world.officer,
        expected_version=app.version,
    )
    reference = Decision.objects.get(application=app).reference
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/licence-decisions/{reference}/")
    text = page.locator("main").inner_text()
    for leak in ("{'", "['", "': ", "True", "False", "does_not_meet", "civil_society"):
        assert leak not in text, leak
    assert page.locator("dl.tree").count() >= 9  # each criterion, screening check, comment
    assert "Independent oversight" in text and "Reasoning" in text and "Civil society" in text
    context.close()
