"""Issue 9: the screening and decision rules hold against a company or officer walking around."""

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.test import Client

from oversight.accounts.models import Role, RoleAssignment
from oversight.accounts.tests.helpers import Clock, make_user, signed_in
from oversight.companies import actions as companies
from oversight.licensing import actions
from oversight.licensing.models import Application, Decision, Licence, Status
from oversight.licensing.tests.flow import to_consultation
from oversight.licensing.tests.helpers import (
    World,
    complete_draft,
    comply,
    criteria,
    statement,
)
from oversight.licensing.tests.test_api import Api
from oversight.registry import actions as registry_actions
from oversight.registry.models import Jurisdiction, Technology

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
    app = complete_draft(world)
    with pytest.raises(ValidationError) as error:
        actions.update_draft(app, {"transit": ["ZZ"]}, actor=world.member)
    assert "transit" in error.value.message_dict


# Hole 2: ticking "research" never beats a moratorium or the regime's bars.

RESEARCH = {
    "research_transfer": True,
    "research_purpose": "coordinated_disclosure",
    "research_description": "Shared with the vendor under a disclosure policy.",
}


def research_draft(
    world: World, *, category: str = "forensics", kind: str = "commercial"
) -> Application:
    tool = Technology.objects.create(
        slug=f"tool-{category}",
        name=f"Tool ({category})",
        vendor=world.exporter,
        category=category,
    )
    comply(world.exporter, tool)
    app = actions.create_application(world.exporter, actor=world.member)
    actions.update_draft(
        app,
        {"destination_id": "AE", "end_use": "Research.", "declaration_accurate": True,
         "declaration_conditions": True, **RESEARCH},
        actor=world.member,
    )  # fmt: skip
    line = {"technology": tool, "control_code": "5A001j", "quantity": 1,
            "value": 10, "currency": "GBP"}  # fmt: skip
    actions.add_line(app, line, actor=world.member)
    for role, name in [("consignee", "Lab Consignee"), ("end_user", "Research Lab")]:
        party = {"role": role, "name": name, "kind": kind, "jurisdiction_id": "AE"}
        actions.add_party(app, party, actor=world.member)
    actions.attach_end_use_statement(app, statement(), actor=world.member)
    return Application.objects.get(pk=app.pk)


def research_check(app: Application) -> dict:  # type: ignore[type-arg]
    results = app.screenings.order_by("-at", "-pk").first().results  # type: ignore[union-attr]
    return next(check for check in results if check["rule"] == "research")


def test_it_never_registers_research_under_a_moratorium(world: World) -> None:
    Jurisdiction.objects.filter(code="GB").update(
        moratorium_in_force=True, moratorium_scope=["export"], moratorium_since=SINCE
    )
    app = submitted(research_draft(world), world)
    assert app.status == Status.BLOCKED
    assert Decision.objects.get(application=app).outcome == "blocked"


def test_it_never_registers_an_imsi_catcher_for_a_government_end_user(world: World) -> None:
    app = submitted(
        research_draft(world, category="mobile_interception", kind="government"), world
    )
    assert app.status == Status.SCREENING  # normal screening: consultation, review, decision
    assert not Decision.objects.filter(application=app).exists()
    check = research_check(app)
    assert not check["ok"] and check["effect"] != "register"
    text = " ".join(check["reasons"])
    assert "government" in text and "Mobile interception" in text


@pytest.mark.parametrize("category", ["intrusion", "mobile_interception", "lawful_interception"])
def test_it_never_registers_a_surveillance_capability_as_research(
    world: World, category: str
) -> None:
    app = submitted(research_draft(world, category=category), world)
    assert app.status == Status.SCREENING
    assert not research_check(app)["ok"]


def test_it_never_registers_research_for_a_red_flagged_party(world: World) -> None:
    report = companies.report_misuse(
        world.exporter_b, end_user_text="Research Lab", description="Used on reporters.",
        actor=None,
    )  # fmt: skip
    companies.change_misuse_status(
        report, status="substantiated", reasons=["Found."], actor=world.officer_de
    )
    app = submitted(research_draft(world), world)
    assert app.status == Status.SCREENING
    assert "red flag" in " ".join(research_check(app)["reasons"])


def test_it_waits_for_an_officer_to_confirm_research(world: World) -> None:
    app = submitted(research_draft(world), world)
    assert app.status == Status.RESEARCH_CHECK
    assert not Decision.objects.filter(application=app).exists()
    actions.confirm_research(
        app, reasons=["Disclosure policy checked with the vendor."], actor=world.officer
    )
    app.refresh_from_db()
    assert app.status == Status.REGISTERED
    decision = Decision.objects.get(application=app)
    assert decision.outcome == "registered"
    assert "Disclosure policy checked with the vendor." in decision.reasons


def test_it_asks_the_officer_for_reasons_to_confirm_research(world: World) -> None:
    app = submitted(research_draft(world), world)
    with pytest.raises(ValidationError) as error:
        actions.confirm_research(app, reasons=[" "], actor=world.officer)
    assert "reasons" in error.value.message_dict
    assert Application.objects.get(pk=app.pk).status == Status.RESEARCH_CHECK


def test_a_refusal_sends_research_back_to_normal_screening(world: World) -> None:
    app = submitted(research_draft(world), world)
    actions.refuse_research(app, reasons=["Not a disclosure programme."], actor=world.officer)
    app.refresh_from_db()
    assert app.status == Status.SCREENING
    check = research_check(app)
    assert check["effect"] != "register"
    assert "Not a disclosure programme." in " ".join(check["reasons"])


def test_only_an_officer_of_the_exporting_state_confirms_research(world: World) -> None:
    app = submitted(research_draft(world), world)
    for who in (world.member, world.officer_de, world.reviewer):
        with pytest.raises(PermissionDenied):
            actions.confirm_research(app, reasons=["Fine."], actor=who)
    assert Application.objects.get(pk=app.pk).status == Status.RESEARCH_CHECK


def test_the_officer_rules_on_research_on_the_page_and_others_get_a_404(world: World) -> None:
    app = submitted(research_draft(world), world)
    path = f"/staff/licensing/applications/{app.reference}/"
    page = signed_in(world.officer).get(path).content.decode()
    assert "Rule on the research safe harbour" in page
    form = {"ruling": "confirm", "reasons": "Checked.", "version": app.version}
    for who in (world.member, world.officer_de):
        assert signed_in(who).post(f"{path}research-ruling/", form).status_code == 404
    empty = signed_in(world.officer).post(f"{path}research-ruling/", {**form, "reasons": ""})
    assert Application.objects.get(pk=app.pk).status == Status.RESEARCH_CHECK
    assert empty.status_code == 400  # the page again, the ruling as chosen, reasons asked for
    assert 'id="research-reasons"' in empty.content.decode()
    signed_in(world.officer).post(f"{path}research-ruling/", form)
    assert Application.objects.get(pk=app.pk).status == Status.REGISTERED


def test_the_officer_refuses_research_through_the_api(world: World) -> None:
    app = submitted(research_draft(world), world)
    path = f"/api/v1/licensing/applications/{app.reference}/research-ruling"
    Api(world.member).post(path, {"confirm": True, "reasons": ["x"]}, status=404)
    body = Api(world.officer).post(path, {"confirm": False, "reasons": []}, status=422)
    assert "reasons" in body["errors"]
    body = Api(world.officer).post(path, {"confirm": False, "reasons": ["Not research."]})
    assert body["status"] == "screening"


# Hole 3: an officer cannot overrule the human rights review silently.


def reviewed(world: World, clock: Clock, recommendation: str) -> Application:
    app = to_consultation(world)
    clock.advance(days=2)
    actions.start_review(app, actor=world.officer)
    actions.submit_review(
        app,
        criteria=criteria("does_not_meet" if recommendation == "refuse" else "meets"),
        recommendation=recommendation,
        summary=f"The reviewer advises: {recommendation}.",
        actor=world.reviewer,
    )
    return Application.objects.get(pk=app.pk)


def issue(app: Application, world: World, **extra: Any) -> Decision:
    return actions.decide_application(
        app, outcome="issued", reasons=["Safeguards adequate."], actor=world.officer, **extra
    )


def test_it_refuses_to_issue_against_a_refuse_recommendation_without_a_justification(
    world: World, clock: Clock
) -> None:
    app = reviewed(world, clock, "refuse")
    with pytest.raises(ValidationError) as error:
        issue(app, world)
    assert "justification" in error.value.message_dict
    assert "Refuse" in " ".join(error.value.message_dict["justification"])
    assert Application.objects.get(pk=app.pk).status == Status.DECISION


def test_it_publishes_the_justification_of_a_decision_against_the_review(
    world: World, clock: Clock
) -> None:
    app = reviewed(world, clock, "refuse")
    decision = issue(
        app, world, justification="The review relied on a 2019 report since superseded."
    )
    assert decision.justification == "The review relied on a 2019 report since superseded."
    assert decision.review_recommendation == "refuse"
    assert decision.review_summary == "The reviewer advises: refuse."
    row = Api(world.member).client.get(f"/api/v1/datasets/licence-decisions/{decision.reference}")
    assert row.status_code == 200, row.content[:300]
    text = row.content.decode()
    assert "2019 report since superseded" in text and "The reviewer advises: refuse." in text
    page = Client().get(f"/licence-decisions/{decision.reference}/").content.decode()
    assert "2019 report since superseded" in page and "The reviewer advises: refuse." in page
    csv_response = Client().get(f"/licence-decisions/?q={decision.reference}&format=csv")
    csv_text = b"".join(csv_response.streaming_content)  # type: ignore[attr-defined]
    assert b"2019 report since superseded" in csv_text
    letter = render_to_string("licensing/public/letter.html", {"decision": decision})
    assert "2019 report since superseded" in letter and "The reviewer advises: refuse." in letter


def test_it_refuses_to_refuse_against_an_approve_recommendation_without_a_justification(
    world: World, clock: Clock
) -> None:
    app = reviewed(world, clock, "approve")
    with pytest.raises(ValidationError) as error:
        actions.decide_application(
            app, outcome="refused", reasons=["No."], cited=["legal_basis"], actor=world.officer
        )
    assert "justification" in error.value.message_dict


def test_it_refuses_to_drop_the_advised_conditions_without_a_justification(
    world: World, clock: Clock
) -> None:
    app = reviewed(world, clock, "approve_with_conditions")
    with pytest.raises(ValidationError) as error:
        issue(app, world)
    assert "justification" in error.value.message_dict
    decision = issue(app, world, conditions=["End-use monitoring"])
    assert decision.justification == ""
    assert decision.review_recommendation == "approve_with_conditions"


def test_it_publishes_the_review_with_a_decision_that_follows_it(
    world: World, clock: Clock
) -> None:
    app = reviewed(world, clock, "approve")
    decision = issue(app, world)
    assert (decision.review_recommendation, decision.justification) == ("approve", "")
    page = Client().get(f"/licence-decisions/{decision.reference}/").content.decode()
    assert "The reviewer advises: approve." in page


# The same kind of hole elsewhere.


def test_an_officer_cannot_decide_no_licence_required_for_a_surveillance_tool(
    world: World, clock: Clock
) -> None:
    """'No licence required' at decision would skip the moratorium, the review and the licence."""
    app = reviewed(world, clock, "approve")
    with pytest.raises(ValidationError) as error:
        actions.decide_application(
            app, outcome="exempt", reasons=["Not controlled."], actor=world.officer
        )
    assert "outcome" in error.value.message_dict
    assert "Interceptor" in " ".join(error.value.message_dict["outcome"])
    assert Application.objects.get(pk=app.pk).status == Status.DECISION


def test_an_officer_cannot_decide_no_licence_required_under_a_moratorium(
    world: World, clock: Clock
) -> None:
    app = reviewed(world, clock, "approve")
    declare("AE", "use")
    with pytest.raises(ValidationError):
        actions.decide_application(
            app, outcome="exempt", reasons=["Encryption."], actor=world.officer
        )
    assert Application.objects.get(pk=app.pk).status == Status.DECISION


def test_an_officer_who_is_a_member_of_the_exporter_cannot_decide_its_application(
    world: World, clock: Clock
) -> None:
    app = reviewed(world, clock, "approve")
    RoleAssignment.objects.create(
        user=world.officer, role=Role.COMPANY_MEMBER, organisation=world.exporter
    )
    with pytest.raises(PermissionDenied):
        issue(app, world)
    assert Application.objects.get(pk=app.pk).status == Status.DECISION


def test_an_officer_who_is_a_member_of_the_exporter_cannot_rule_on_its_research(
    world: World,
) -> None:
    app = submitted(research_draft(world), world)
    RoleAssignment.objects.create(
        user=world.officer, role=Role.COMPANY_MEMBER, organisation=world.exporter
    )
    with pytest.raises(PermissionDenied):
        actions.confirm_research(app, reasons=["Fine."], actor=world.officer)
    assert Application.objects.get(pk=app.pk).status == Status.RESEARCH_CHECK


def test_a_reviewer_who_is_a_member_of_the_exporter_cannot_review_it(
    world: World, clock: Clock
) -> None:
    app = to_consultation(world)
    clock.advance(days=2)
    actions.start_review(app, actor=world.officer)
    RoleAssignment.objects.create(
        user=world.reviewer, role=Role.COMPANY_MEMBER, organisation=world.exporter
    )
    with pytest.raises(PermissionDenied):
        actions.submit_review(
            app, criteria=criteria(), recommendation="approve", summary="Fine.",
            actor=world.reviewer,
        )  # fmt: skip
    assert Application.objects.get(pk=app.pk).status == Status.REVIEW


def test_an_officer_cannot_reinstate_a_licence_a_moratorium_now_forbids(
    world: World, clock: Clock
) -> None:
    """Reinstating is approving again: the same blockers hold (moratorium, UNGP, misuse)."""
    app = reviewed(world, clock, "approve")
    issue(app, world)
    licence = Licence.objects.get(application=app)
    actions.suspend_licence(
        licence, reasons=["Destination declared a moratorium."], actor=world.officer
    )
    declare("AE", "use")
    with pytest.raises(ValidationError) as error:
        actions.reinstate_licence(licence, reasons=["Looks fine."], actor=world.officer)
    assert "United Arab Emirates (destination)" in " ".join(error.value.messages)
    assert Licence.objects.get(pk=licence.pk).status == "suspended"
    Jurisdiction.objects.filter(code="AE").update(moratorium_in_force=False)
    actions.reinstate_licence(licence, reasons=["Moratorium lifted."], actor=world.officer)
    assert Licence.objects.get(pk=licence.pk).status == "active"


def test_a_moratorium_declared_later_flags_the_live_licences_it_now_forbids(
    world: World, clock: Clock, django_capture_on_commit_callbacks: Any
) -> None:
    """A licence issued before the destination's moratorium must not quietly go on."""
    app = reviewed(world, clock, "approve")
    issue(app, world)
    admin = make_user("admin-ae", Role.ADMINISTRATOR)
    with django_capture_on_commit_callbacks(execute=True):
        registry_actions.set_moratorium(
            Jurisdiction.objects.get(code="AE"), in_force=True, since=SINCE, scope=["use"],
            reference="", actor=admin, reasons=["Declared by decree."],
        )  # fmt: skip
    licence = Licence.objects.get(application=app)
    assert licence.flagged_for_review
    assert "United Arab Emirates (destination)" in licence.flags[-1]


def test_the_application_page_shows_the_transit_countries_and_servicing(world: World) -> None:
    app = complete_draft(world)
    actions.update_draft(app, {"transit": ["DE"], "servicing": True}, actor=world.member)
    page = signed_in(world.member).get(f"/staff/licensing/applications/{app.reference}/")
    text = page.content.decode()
    assert "Transit countries" in text and "DE" in text and "Servicing contract" in text
