"""Every move of an application, a licence or an appeal has its enumerated audit action."""

from oversight.licensing.events import APPEAL_DECIDED, APPLICATION_MOVED, LICENCE_MOVED
from oversight.licensing.models import Appeal
from oversight.licensing.models.applications import MACHINE
from oversight.licensing.models.outcomes import LICENCE_MACHINE


def _targets(machine: dict[str, frozenset[str]]) -> set[str]:
    return {target for targets in machine.values() for target in targets}


def test_it_enumerates_the_action_of_every_move_an_application_can_make() -> None:
    assert set(APPLICATION_MOVED) == _targets(MACHINE)
    for status, event in APPLICATION_MOVED.items():
        assert event == f"licensing.application.{status}"


def test_it_enumerates_the_action_of_every_move_a_licence_can_make() -> None:
    assert set(LICENCE_MOVED) == _targets(LICENCE_MACHINE)
    for status, event in LICENCE_MOVED.items():
        assert event == f"licensing.licence.{status}"


def test_it_enumerates_the_action_of_every_appeal_decision() -> None:
    assert set(APPEAL_DECIDED) == set(Appeal.State) - {Appeal.State.LODGED}
    for state, event in APPEAL_DECIDED.items():
        assert event == f"licensing.appeal.{state}"
