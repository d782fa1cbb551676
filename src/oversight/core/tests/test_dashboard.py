"""core.dashboard: apps register sections; /staff/ renders them, counts and links included."""

from collections.abc import Iterable

import pytest

from oversight.accounts.models import Role
from oversight.accounts.tests.helpers import make_user, signed_in
from oversight.core import dashboard
from oversight.core.dashboard import Count, Link, Section


def _pending(user: object, roles: frozenset[str]) -> Iterable[Section]:
    if Role.ANALYST not in roles:
        return []
    count = Count("Letters awaiting a reply", 3, "/staff/monitoring/")
    return [Section("pending", "Pending work", counts=[count], links=[Link("All", "/x/")])]


def test_it_refuses_a_second_registration_under_one_name() -> None:
    with pytest.raises(ValueError, match="already registered"):
        dashboard.register("licensing", _pending)


def test_it_orders_sections_by_order_then_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dashboard, "_contributors", [])
    dashboard.register("late", lambda user, roles: [Section("b", "B")], order=90)
    dashboard.register("early", lambda user, roles: [Section("a", "A")], order=10)
    assert [s.key for s in dashboard.sections_for(None, frozenset())] == ["a", "b"]  # type: ignore[arg-type]


@pytest.mark.django_db
def test_it_renders_each_registered_section_with_its_counts_and_links(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(dashboard, "_contributors", [*dashboard._contributors])
    dashboard.register("pending", _pending, order=5)
    page = signed_in(make_user("analyst", Role.ANALYST)).get("/staff/").content.decode()
    assert 'aria-labelledby="section-pending"' in page
    assert '<a href="/staff/monitoring/">Letters awaiting a reply</a></dt><dd>3</dd>' in page
    assert page.index("section-role-analyst") < page.index("section-pending")
    assert page.index("section-pending") < page.index('id="section-monitoring"')
