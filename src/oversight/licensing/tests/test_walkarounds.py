"""Issue 9: the screening and decision rules hold against a company or officer walking around."""

from datetime import date

import pytest

from oversight.licensing import actions
from oversight.licensing.models import Application, Decision, Status
from oversight.licensing.tests.helpers import World, complete_draft
from oversight.registry.models import Jurisdiction

pytestmark = pytest.mark.django_db

SINCE = date(2026, 1, 15)


def declare(code: str, *scope: str) -> None:
    Jurisdiction.objects.filter(code=code).update(
        moratorium_in_force=True, moratorium_scope=list(scope), moratorium_since=SINCE
    )


def submitted(app: Application, world: World) -> Application:
    actions.submit_application(app, actor=world.member)
    return Application.objects.get(pk=app.pk)


def test_it_blocks_an_export_to_a_destination_under_its_own_moratorium(world: World) -> None:
    declare("AE", "export", "sale", "transfer", "use", "servicing")
    app = submitted(complete_draft(world), world)
    assert app.status == Status.BLOCKED
    reason = Decision.objects.get(application=app).reasons[0]
    assert "United Arab Emirates" in reason and "destination" in reason
    assert "2026-01-15" in reason
    assert "export, sale, transfer, use, servicing" in reason


def test_it_blocks_a_destination_whose_moratorium_covers_use_only(world: World) -> None:
    declare("AE", "use")
    assert submitted(complete_draft(world), world).status == Status.BLOCKED


def test_it_blocks_an_export_through_a_transit_country_under_a_moratorium(world: World) -> None:
    declare("DE", "transfer")
    app = complete_draft(world)
    actions.update_draft(app, {"transit": ["DE"]}, actor=world.member)
    app = submitted(app, world)
    assert app.status == Status.BLOCKED
    reason = Decision.objects.get(application=app).reasons[0]
    assert "Germany" in reason and "transit" in reason


def test_it_blocks_servicing_a_tool_in_a_state_whose_moratorium_covers_servicing(
    world: World,
) -> None:
    declare("AE", "servicing")
    plain = submitted(complete_draft(world), world)
    assert plain.status == Status.SCREENING  # a moratorium on servicing only: a sale passes
    app = complete_draft(world)
    actions.update_draft(app, {"servicing": True}, actor=world.member)
    app = submitted(app, world)
    assert app.status == Status.BLOCKED
    assert "servicing" in Decision.objects.get(application=app).reasons[0]


def test_it_refuses_an_unknown_transit_country_naming_the_field(world: World) -> None:
    from django.core.exceptions import ValidationError

    app = complete_draft(world)
    with pytest.raises(ValidationError) as error:
        actions.update_draft(app, {"transit": ["ZZ"]}, actor=world.member)
    assert "transit" in error.value.message_dict
