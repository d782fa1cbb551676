"""The screening's UNGP check weighs the clause coverage of the product to the
application's destination (issue 11, section 6): a contract to AE without the
suspension clause fails it, with the reason; one to another country does not."""

from datetime import timedelta

import pytest
from django.utils import timezone

from oversight.companies import actions as companies
from oversight.licensing import actions
from oversight.licensing.tests.helpers import World, complete_draft
from oversight.registry.models import Jurisdiction

pytestmark = pytest.mark.django_db


def _contract(world: World, to: Jurisdiction, clauses: list[str]) -> None:
    companies.register_contract(
        world.exporter,
        technology=world.interceptor,
        customer="Confidential customer",
        destination=to,
        signed_on=timezone.localdate() - timedelta(days=5),
        clauses=clauses,
        actor=world.member,
    )


def _ungp(world: World) -> dict[str, object]:
    app = complete_draft(world)  # to AE
    actions.submit_application(app, actor=world.member)
    (check,) = [c for c in app.screenings.get().results if c["rule"] == "ungp"]
    return dict(check)


def test_it_fails_the_screening_for_a_contract_to_the_destination_lacking_a_clause(
    world: World,
) -> None:
    _contract(world, world.de, ["audit_rights"])  # another country: not weighed here
    _contract(world, world.ae, ["prohibited_use", "audit_rights", "suspension"])
    assert _ungp(world)["ok"]
    _contract(world, world.ae, ["prohibited_use", "audit_rights"])
    check = _ungp(world)
    assert not check["ok"]
    assert "1/2 carry Suspension and termination on misuse" in str(check)
    assert "Confidential customer" not in str(check)
