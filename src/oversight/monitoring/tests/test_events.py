"""Every move of a case has its enumerated audit action."""

from oversight.monitoring.events import CASE_MOVED
from oversight.monitoring.rules import CASE_MACHINE


def test_it_enumerates_the_action_of_every_move_a_case_can_make() -> None:
    assert set(CASE_MOVED) == {target for targets in CASE_MACHINE.values() for target in targets}
    for status, event in CASE_MOVED.items():
        assert event == f"monitoring.case.{status}"
