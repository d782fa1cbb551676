"""The closed loop: a substantiated grievance about a deployed technology flags the purchase
and, up its chain, the export licence that let the technology in."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from oversight.accounts.models import Role
from oversight.accounts.tests.helpers import Clock, make_user
from oversight.grievances import crypto
from oversight.grievances.actions import handling
from oversight.grievances.models import Channel, Report
from oversight.licensing import actions as licensing
from oversight.licensing.models import Licence
from oversight.licensing.tests.flow import to_decision
from oversight.licensing.tests.helpers import build_world as licensing_world
from oversight.procurement import actions
from oversight.procurement.models import Holding, Proposal
from oversight.procurement.tests.helpers import ANSWERS, World, approve, to_vote
from oversight.procurement.tests.test_actions import POLICY

pytestmark = pytest.mark.django_db


def deployed(world: World, clock: Clock, technology: Any, licence_number: str) -> Holding:
    proposal = actions.create_proposal(
        actor=world.official,
        agency=world.agency,
        body=world.body,
        technology=technology,
        kind="acquisition",
        title="Interception for serious crime",
        supplier=world.supplier,
        origin="licence",
        origin_reference=licence_number,
        answers=ANSWERS,
    )
    to_vote(world, clock, proposal)
    approve(world, proposal)
    proposal.refresh_from_db()
    holding = proposal.holding
    assert holding is not None
    policy = actions.draft_policy(holding, actor=world.official, texts=POLICY)
    actions.approve_policy(policy, actor=world.members[0])
    actions.record_deployment(
        holding,
        actor=world.official,
        place="Port district",
        started_on=timezone.localdate(),
        data_volume="12 intercepts",
    )
    return holding


def grievance(world: World, technology: Any) -> Report:
    """A report accepted for investigation (its sealed contents do not matter here)."""
    channel = Channel.objects.create(
        slug="city-ombuds",
        name="City ombudsperson",
        organisation=world.body.organisation,
        kind="state",
    )
    return Report.objects.create(
        channel=channel,
        lookup=b"l" * 16,
        form_nonce="n" * 32,
        public_key=crypto.new_keypair()[1],
        receipt_box=b"r",
        answers_box=b"a",
        status="admissible",
        due_at=timezone.now(),
        consents=["state"],
    )


def test_a_substantiated_grievance_flags_the_purchase_and_its_export_licence(
    world: World, clock: Clock, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.PROCUREMENT_NOTICE_DAYS = 0
    exporting = licensing_world()
    app = to_decision(exporting, clock)
    licensing.decide_application(app, outcome="issued", reasons=["Fine."], actor=exporting.officer)
    licence = Licence.objects.get(application=app)
    holding = deployed(world, clock, exporting.interceptor, licence.number)
    assert not licence.flagged_for_review and not holding.flagged_for_review

    report = grievance(world, exporting.interceptor)
    handler = make_user(
        "handler", Role.GRIEVANCE_HANDLER, organisation=world.body.organisation.slug
    )
    with django_capture_on_commit_callbacks(execute=True):
        handling.close(
            report,
            handler,
            "substantiated",
            concerns=world.agency,
            technology=exporting.interceptor,
        )

    holding.refresh_from_db()
    licence.refresh_from_db()
    proposal = Proposal.objects.get(holding=holding)
    assert holding.flagged_for_review and proposal.flagged_for_review
    assert report.reference in holding.flags[0]
    assert licence.flagged_for_review
    assert holding.chain in licence.flags[-1] and report.reference in licence.flags[-1]


def test_a_grievance_about_another_agency_flags_nothing(
    world: World, clock: Clock, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.PROCUREMENT_NOTICE_DAYS = 0
    exporting = licensing_world()
    app = to_decision(exporting, clock)
    licensing.decide_application(app, outcome="issued", reasons=["Fine."], actor=exporting.officer)
    licence = Licence.objects.get(application=app)
    holding = deployed(world, clock, exporting.interceptor, licence.number)
    report = grievance(world, exporting.interceptor)
    handler = make_user(
        "handler", Role.GRIEVANCE_HANDLER, organisation=world.body.organisation.slug
    )
    with django_capture_on_commit_callbacks(execute=True):
        handling.close(
            report,
            handler,
            "substantiated",
            concerns=world.agency_b,
            technology=exporting.interceptor,
        )
    holding.refresh_from_db()
    licence.refresh_from_db()
    assert not holding.flagged_for_review and not licence.flagged_for_review


def test_the_public_page_shows_the_grievance_count_only_when_not_small(
    world: World, clock: Clock, settings: Any
) -> None:
    from django.test import Client

    settings.PROCUREMENT_NOTICE_DAYS = 0
    exporting = licensing_world()
    holding = deployed(world, clock, exporting.interceptor, "")
    channel = grievance(world, exporting.interceptor).channel
    yesterday = timezone.now() - timedelta(days=1)
    Report.objects.update(
        concerns=world.agency, concerns_technology=exporting.interceptor, closed_at=yesterday
    )
    page = Client().get(f"/procurement/inventory/{holding.chain}/").content.decode()
    assert "fewer than five (not shown)" in page
    for number in range(5):
        Report.objects.create(
            channel=channel,
            lookup=bytes([number]) * 16,
            form_nonce=f"{number}" * 32,
            public_key=crypto.new_keypair()[1],
            receipt_box=b"r",
            answers_box=b"a",
            due_at=timezone.now(),
            concerns=world.agency,
            concerns_technology=exporting.interceptor,
            closed_at=yesterday if number < 4 else timezone.now(),  # today's waits a day
        )
    page = Client().get(f"/procurement/inventory/{holding.chain}/").content.decode()
    assert "Grievances about this technology at this agency: 5" in page  # not today's
    assert "They tapped" not in page


def test_a_substantiated_misuse_report_naming_the_agency_flags_its_purchase(
    world: World, clock: Clock, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from oversight.companies import actions as companies

    settings.PROCUREMENT_NOTICE_DAYS = 0
    holding = deployed(world, clock, world.tool, "")
    report = companies.report_misuse(
        world.supplier, technology=world.tool, end_user=world.agency,
        description="Readers used to follow a journalist.", actor=None,
    )  # fmt: skip
    # Assessed by the body it is addressed to: the licensing authority of the supplier's State.
    officer = make_user(
        "officer", Role.LICENSING_OFFICER, jurisdiction=world.supplier.jurisdiction_id
    )
    with django_capture_on_commit_callbacks(execute=True):
        companies.change_misuse_status(
            report, status="substantiated", reasons=["Logs."], actor=officer
        )
    holding.refresh_from_db()
    assert holding.flagged_for_review and f"#{report.pk}" in holding.flags[0]


def test_a_substantiated_monitoring_case_flags_purchases_and_licences_in_its_state(
    world: World, clock: Clock, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from oversight.licensing.models import Application
    from oversight.monitoring import actions as monitoring

    settings.PROCUREMENT_NOTICE_DAYS = 0
    exporting = licensing_world()
    app = to_decision(exporting, clock)
    licensing.decide_application(app, outcome="issued", reasons=["Fine."], actor=exporting.officer)
    Application.objects.filter(pk=app.pk).update(destination=world.state)  # sold to Xanadu
    licence = Licence.objects.get(application=app)
    # The city police (Port City, inside Xanadu) hold it; a licence to elsewhere is not flagged.
    holding = deployed(world, clock, exporting.interceptor, "")
    other = deployed_elsewhere(world, exporting.interceptor)

    with django_capture_on_commit_callbacks(execute=True):
        case = monitoring.record_case(
            {
                "external_id": "case-xs-1",
                "title": "Journalist's phone infected",
                "technology": exporting.interceptor,
                "vendor": exporting.interceptor.vendor,
                "operator_country": world.state,
                "verification": "alleged",
            }
        )
        case = monitoring.set_case_status(case, "published", actor=None)
    holding.refresh_from_db()
    assert not holding.flagged_for_review  # published, but only alleged: not substantiated

    with django_capture_on_commit_callbacks(execute=True):
        monitoring.update_case(case, {"verification": "confirmed"}, actor=None)
    holding.refresh_from_db()
    licence.refresh_from_db()
    other.refresh_from_db()
    proposal = Proposal.objects.get(holding=holding)
    assert holding.flagged_for_review and proposal.flagged_for_review
    assert "case-xs-1" in holding.flags[-1] and "Journalist" in holding.flags[-1]
    assert licence.flagged_for_review and "case-xs-1" in licence.flags[-1]
    assert not other.flagged_for_review  # another State's agency


def test_a_draft_confirmed_case_flags_nothing_until_published(
    world: World, clock: Clock, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from oversight.monitoring import actions as monitoring

    settings.PROCUREMENT_NOTICE_DAYS = 0
    holding = deployed(world, clock, world.tool, "")
    with django_capture_on_commit_callbacks(execute=True):
        case = monitoring.record_case(
            {
                "external_id": "case-xs-2",
                "title": "Plates read at a protest",
                "technology": world.tool,
                "operator_country": world.state,
                "verification": "confirmed",
            }
        )
    holding.refresh_from_db()
    assert not holding.flagged_for_review
    with django_capture_on_commit_callbacks(execute=True):
        monitoring.set_case_status(case, "published", actor=None)
    holding.refresh_from_db()
    assert holding.flagged_for_review and "case-xs-2" in holding.flags[-1]


def deployed_elsewhere(world: World, technology: Any) -> Holding:
    from oversight.registry.models import Jurisdiction, Organisation

    abroad = Jurisdiction.objects.create(code="XO", name="Otherland")
    agency = Organisation.objects.create(
        slug="other-police", name="Otherland Police", kind="agency", jurisdiction=abroad
    )
    return Holding.objects.create(
        chain="CH-2026-0099", agency=agency, technology=technology, body=world.body,
        status="in_use",
    )  # fmt: skip
