"""The periodic job `procurement.overdue_reports`: a late annual report is noted once, in
the audit log, when the year's report is past due and nobody filed it."""

from typing import Any

import pytest
from django.utils import timezone

from oversight.accounts.tests.helpers import Clock
from oversight.core import jobs
from oversight.core.models import AuditEntry
from oversight.procurement import actions
from oversight.procurement.actions.overdue import note_overdue_reports
from oversight.procurement.tests.helpers import World, approve, draft, holding_of, to_vote
from oversight.procurement.tests.test_actions import POLICY

pytestmark = pytest.mark.django_db


def test_it_notes_an_overdue_annual_report_once(world: World, clock: Clock, settings: Any) -> None:
    settings.PROCUREMENT_NOTICE_DAYS = 0
    proposal = draft(world)
    to_vote(world, clock, proposal)
    approve(world, proposal)
    holding = holding_of(proposal)
    policy = actions.draft_policy(holding, actor=world.official, texts=POLICY)
    actions.approve_policy(policy, actor=world.members[0])
    actions.record_deployment(
        holding,
        actor=world.official,
        place="Harbour Road",
        started_on=timezone.localdate(),
        data_volume="-",
    )
    year = timezone.localdate().year
    assert note_overdue_reports(timezone.localdate()) == 0
    later = timezone.localdate().replace(year=year + 1, month=12, day=1)
    assert note_overdue_reports(later) == 1
    assert note_overdue_reports(later) == 0  # once per holding and year
    entry = AuditEntry.objects.get(action="procurement.report.overdue")
    assert entry.object_id == str(holding.pk) and entry.changes == {"year": year}
    assert jobs.get("procurement.overdue_reports") is not None
