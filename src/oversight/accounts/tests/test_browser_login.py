"""End to end: each role signs in through the real form in Chromium, JavaScript off."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps

from oversight.accounts.models import Role
from oversight.accounts.tests.helpers import PASSWORD, code_for, make_user

sync_api = pytest.importorskip("playwright.sync_api")

ALL_APPS = [config.name for config in apps.get_app_configs()]
pytestmark = [
    pytest.mark.browser,
    # available_apps keeps the flush after each test from re-running post_migrate, so
    # the serialized rollback of later transactional tests finds no stray content types.
    pytest.mark.django_db(transaction=True, serialized_rollback=True, available_apps=ALL_APPS),
    pytest.mark.usefixtures("world"),
]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
JURISDICTIONS = {
    Role.LICENSING_OFFICER: "GB",
    Role.HUMAN_RIGHTS_REVIEWER: "GB",
    Role.EQUITIES_BOARD: "GB",
}
ORGANISATIONS = {
    Role.COMPANY_MEMBER: "demo-exporter",
    Role.AGENCY_OFFICIAL: "demo-agency",
    Role.OVERSIGHT_MEMBER: "demo-oversight-board",
    Role.AUDITOR: "demo-auditor",
    Role.STANDARDS_MEMBER: "demo-exporter",
    Role.GRIEVANCE_HANDLER: "un-working-group",
}
SCREENSHOT = "/tmp/oversight-staff-dashboard.png"  # noqa: S108 - a file to look at


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
def test_it_signs_in_each_role_without_javascript(
    role: Role, browser: Any, live_server: Any
) -> None:
    user = make_user(
        f"e2e-{role.value}",
        role,
        jurisdiction=JURISDICTIONS.get(role),
        organisation=ORGANISATIONS.get(role),
    )
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Continue").click()
        page.get_by_label("Code", exact=True).fill(code_for(user))
        page.get_by_role("button", name="Sign in").click()
        assert page.url == f"{live_server.url}/staff/", page.content()[-3000:]
        headings = page.get_by_role("heading", level=2).all_inner_texts()
        assert headings[0] == "Waiting for you"  # the pending work comes first
        assert headings[1].startswith(str(role.label))
        if role == Role.LICENSING_OFFICER:
            assert "Gb Secret" in page.content()
            page.screenshot(path=SCREENSHOT, full_page=True)
    finally:
        context.close()
