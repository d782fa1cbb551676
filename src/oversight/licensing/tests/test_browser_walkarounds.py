"""Issue 9 in Chromium with JavaScript off: the walk-arounds are refused, with reasons shown.

A destination's moratorium blocks an export; ticking "research" does not register an
interceptor for a government end user; a company cannot substantiate its own misuse
report (a hand-made form posted to the old address is refused on the page).
"""

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from oversight.companies.models import MisuseReport
from oversight.core.tests.hostile import blank_pdf
from oversight.licensing.tests.helpers import World
from oversight.licensing.tests.test_browser import ALL_APPS, Session, browser  # noqa: F401
from oversight.registry.models import Jurisdiction

sync_api = pytest.importorskip("playwright.sync_api")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True, available_apps=ALL_APPS),
]
SCREENSHOT = "/tmp/oversight-walkarounds-{}.png"  # noqa: S108 - files to look at


def submit_draft(session: Session, tmp_path: Path, *, research: bool = False) -> Any:
    page = session.open("/staff/licensing/new/")
    session.click("Start the draft")
    page.get_by_label("Destination country").fill("United Arab Emirates")
    page.get_by_label("Stated end use").fill("Lawful interception by the regulator.")
    statement = tmp_path / "statement.pdf"
    statement.write_bytes(blank_pdf())
    page.get_by_label("End-use statement (signed, PDF)").set_input_files(str(statement))
    if research:
        page.get_by_label("This is a good-faith security research transfer").check()
        page.get_by_label("Research purpose").select_option("vulnerability_research")
        page.get_by_label("Research description").fill("Fuzzing the vendor's firmware.")
    page.get_by_label("I declare the information given is accurate and complete").check()
    page.get_by_label("I undertake to comply with the licence conditions").check()
    session.click("Save draft")
    page.get_by_label("Technology").select_option(label="Interceptor")
    page.get_by_label("Control-list entry").fill("5A001j")
    page.get_by_label("Quantity").fill("1")
    page.get_by_label("Value").fill("25000")
    session.click("Add line")
    for role, name in [("consignee", "Gulf Trading"), ("end_user", "Telecom Regulator")]:
        page.get_by_label("Role").select_option(role)
        page.get_by_label("Name", exact=True).fill(name)
        page.get_by_label("Type").select_option("government")
        page.get_by_label("Country").fill("AE")
        session.click("Add party")
    session.click("Submit the application")
    return page


def test_it_blocks_an_export_to_a_destination_under_a_moratorium(
    browser: Any,  # noqa: F811
    live_server: Any,
    world: World,
    tmp_path: Path,
) -> None:
    Jurisdiction.objects.filter(code="AE").update(
        moratorium_in_force=True,
        moratorium_scope=["sale", "transfer", "use", "servicing"],
        moratorium_since=date(2026, 1, 15),
    )
    page = submit_draft(Session(browser, live_server.url, world.member), tmp_path)
    page.screenshot(path=SCREENSHOT.format("moratorium"), full_page=True)
    assert "Blocked by a moratorium" in page.locator("#status").inner_text()
    screening = page.locator("#screening-h").locator("..").inner_text()
    assert "United Arab Emirates (destination) has a moratorium in force since 2026-01-15" in (
        screening
    )
    assert "covering sale, transfer, use, servicing" in screening


def test_a_research_tick_does_not_register_an_interceptor_for_a_government(
    browser: Any,  # noqa: F811
    live_server: Any,
    world: World,
    tmp_path: Path,
) -> None:
    page = submit_draft(Session(browser, live_server.url, world.member), tmp_path, research=True)
    page.screenshot(path=SCREENSHOT.format("research"), full_page=True)
    assert "Screened, awaiting consultation" in page.locator("#status").inner_text()
    screening = page.locator("#screening-h").locator("..").inner_text()
    assert "The safe harbour for good-faith security research does not apply" in screening
    assert "itself a surveillance capability being delivered" in screening
    assert "Telecom Regulator is a government end user" in screening


def test_a_company_cannot_substantiate_its_own_misuse_report(
    browser: Any,  # noqa: F811
    live_server: Any,
    world: World,
) -> None:
    base = live_server.url
    member = Session(browser, base, world.member)
    page = member.open("/staff/companies/demo-exporter/")
    page.get_by_label("What happened").fill("Our tool was used against a journalist.")
    page.get_by_label("End user, as reported").fill("Telecom Regulator")
    member.click("Report misuse")
    report = MisuseReport.objects.get()
    assert "Change the status" not in page.content()  # the company is offered no such form
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    action = f"/staff/companies/demo-exporter/misuse/{report.pk}/status/"
    forged = (
        f'<form method="post" action="{action}">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
        '<input type="hidden" name="status" value="substantiated">'
        '<input type="hidden" name="reasons" value="We looked into it ourselves.">'
        '<button type="submit">Substantiate it ourselves</button></form>'
    )
    member.context.route(
        f"{base}/forged/",
        lambda route: route.fulfill(status=200, content_type="text/html", body=forged),
    )
    member.open("/forged/")
    member.click("Substantiate it ourselves")
    page.screenshot(path=SCREENSHOT.format("misuse"), full_page=True)
    refusal = page.get_by_role("alert").first.inner_text()
    assert "Refused" in refusal
    assert "assessed by the licensing authority of United Kingdom" in refusal
    assert MisuseReport.objects.get().status == MisuseReport.Status.REPORTED
