"""The dashboard opens with each licensing role's pending work, in Chromium, JavaScript off."""

from typing import Any

import pytest

from oversight.accounts.tests.helpers import Clock
from oversight.licensing import actions
from oversight.licensing.tests.flow import comment_on, to_consultation
from oversight.licensing.tests.helpers import World
from oversight.licensing.tests.test_browser import ALL_APPS, Session, browser  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True, available_apps=ALL_APPS),
]


def waiting(session: Session) -> list[tuple[str, str]]:
    """The rows of 'Waiting for you': what, and how many, in the order shown."""
    page = session.open("/staff/")
    table = page.locator("section.waiting table tbody tr")
    return [
        (row.locator("td").nth(0).inner_text(), row.locator("td").nth(1).inner_text())
        for row in table.all()
    ]


def test_it_opens_each_dashboard_with_the_work_that_waits(
    browser: Any,  # noqa: F811
    live_server: Any,
    world: World,
    clock: Clock,
) -> None:
    base = live_server.url
    consulting = to_consultation(world)
    comment_on(consulting)  # waits for moderation
    clock.advance(days=3)
    ended = to_consultation(world)  # a newer one, still open: not yet the officer's
    actions.create_application(world.exporter, actor=world.member)  # a draft

    officer = Session(browser, base, world.officer)
    rows = waiting(officer)
    assert ("Public comments to moderate", "1") in rows
    assert ("Consultations ended: consider the comments, start the review", "1") in rows
    assert [what for what, _n in rows].index("Public comments to moderate") == 0  # oldest first
    officer.page.get_by_role("link", name="Public comments to moderate").click()
    assert consulting.reference in officer.page.content()
    assert ended.reference in officer.page.content()  # the list shows every consultation
    assert "Drafts not yet submitted" not in dict(rows)

    assert waiting(Session(browser, base, world.member)) == [("Drafts not yet submitted", "1")]
    reviewer = Session(browser, base, world.reviewer)
    assert waiting(reviewer) == []
    assert "Nothing is waiting for you." in reviewer.page.content()

    other_state = Session(browser, base, world.officer_de)  # Germany: none of this is theirs
    assert waiting(other_state) == []
