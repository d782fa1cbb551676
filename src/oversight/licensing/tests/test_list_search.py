"""The staff list of applications: search by text and status, bad filters named."""

import pytest

from oversight.accounts.tests.helpers import signed_in
from oversight.licensing import actions
from oversight.licensing.tests.helpers import World, complete_draft

pytestmark = pytest.mark.django_db


def test_it_finds_applications_by_reference_destination_and_status(world: World) -> None:
    submitted = complete_draft(world)
    actions.submit_application(submitted, actor=world.member, key="submit-key-0001")
    draft = actions.create_application(world.exporter, actor=world.member)
    client = signed_in(world.member)

    def listed(query: str) -> set[str]:
        page = client.get(f"/staff/licensing/?{query}").content.decode()
        return {ref for ref in (submitted.reference, draft.reference) if ref in page}

    assert listed("") == {submitted.reference, draft.reference}
    assert listed(f"q={draft.reference}") == {draft.reference}
    assert listed("q=United+Arab") == {submitted.reference}  # the destination's name
    assert listed("q=AE") == {submitted.reference}  # or its code
    assert listed("status=draft") == {draft.reference}
    assert listed("q=nothing-like-it") == set()


def test_it_refuses_an_unknown_status_naming_the_field(world: World) -> None:
    actions.create_application(world.exporter, actor=world.member)
    page = signed_in(world.member).get("/staff/licensing/?status=approved-ish")
    text = page.content.decode()
    assert page.status_code == 400
    assert 'id="list-status"' in text and "field-error" in text
    assert "/staff/licensing/applications/LA-" not in text  # no unfiltered list passed off


def test_it_keeps_the_search_of_another_company_out(world: World) -> None:
    draft = actions.create_application(world.exporter, actor=world.member)
    page = signed_in(world.member_b).get(f"/staff/licensing/?q={draft.reference}")
    assert f"/applications/{draft.reference}/" not in page.content.decode()
