"""Every transition through `licensing.actions`: the rule, the audit entry, the clear error."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from oversight.accounts.tests.helpers import Clock
from oversight.core import audit
from oversight.core.transitions import IllegalTransition
from oversight.licensing import actions
from oversight.licensing.models import Application, Decision, Licence, Status
from oversight.licensing.tests.flow import to_consultation, to_decision
from oversight.licensing.tests.helpers import World, complete_draft
from oversight.registry.models import Jurisdiction

pytestmark = pytest.mark.django_db


def test_it_lists_every_missing_field_at_once_and_changes_nothing(world: World) -> None:
    app = actions.create_application(world.exporter, actor=world.member)
    before = audit.head().count
    with pytest.raises(ValidationError) as error:
        actions.submit_application(app, actor=world.member)
    messages = error.value.messages
    assert any(m.startswith("destination") for m in messages)
    assert any(m.startswith("end use") for m in messages)
    assert any(m.startswith("goods") for m in messages)
    assert any("consignee" in m for m in messages)
    assert any(m.startswith("declarations") for m in messages)
    assert len(messages) >= 7
    assert Application.objects.get(pk=app.pk).status == Status.DRAFT
    assert audit.head().count == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"quantity": 0}, "line 2: quantity must be positive"),
        ({"value": Decimal("-1")}, "line 2: value must be positive"),
        ({"currency": "XXQ"}, "line 2: currency “XXQ” is not an ISO 4217 currency code"),
        ({"control_code": "9Z999"}, "line 2: control entry “9Z999” is not in the control list"),
    ],
)
def test_it_names_the_line_of_a_bad_goods_line(world: World, changes: dict, message: str) -> None:  # type: ignore[type-arg]
    app = complete_draft(world)
    line = {
        "technology": world.interceptor,
        "control_code": "5A001j",
        "quantity": 1,
        "value": Decimal(10),
        "currency": "EUR",
        **changes,
    }
    with pytest.raises(ValidationError) as error:
        actions.add_line(app, line, actor=world.member)
    assert error.value.messages == [message]
    assert app.lines.count() == 1


def test_it_gives_one_application_for_a_double_click(world: World) -> None:
    first = actions.create_application(world.exporter, actor=world.member, key="k" * 20)
    second = actions.create_application(world.exporter, actor=world.member, key="k" * 20)
    assert first.pk == second.pk
    app = complete_draft(world)
    actions.submit_application(app, actor=world.member, key="s" * 20)
    again = actions.submit_application(app, actor=world.member, key="s" * 20)
    assert again.status == Status.SCREENING
    assert app.screenings.count() == 1


def test_it_screens_on_submit_and_waits_for_the_officer(world: World) -> None:
    app = complete_draft(world)
    actions.submit_application(app, actor=world.member)
    app.refresh_from_db()
    assert app.status == Status.SCREENING
    rules = {check["rule"]: check for check in app.screenings.get().results}
    assert set(rules) == {"research", "encryption", "moratorium", "wassenaar", "ungp", "red_flags"}
    assert rules["ungp"]["ok"] and rules["moratorium"]["ok"]


def test_it_publishes_no_licence_required_for_encryption_only(world: World) -> None:
    app = complete_draft(world, technology=world.vault)
    actions.submit_application(app, actor=world.member)
    decision = Decision.objects.get(application=app)
    assert decision.outcome == "exempt"
    assert "no licence is required" in decision.reasons[0]


def test_it_blocks_under_a_moratorium_and_publishes_why(world: World) -> None:
    Jurisdiction.objects.filter(code="GB").update(
        moratorium_in_force=True, moratorium_scope=["export"]
    )
    app = complete_draft(world)
    actions.submit_application(app, actor=world.member)
    decision = Decision.objects.get(application=app)
    assert (decision.outcome, app.__class__.objects.get(pk=app.pk).status) == (
        "blocked",
        "blocked",
    )
    assert "moratorium" in decision.reasons[0]


def test_it_walks_to_an_issued_licence_with_a_verified_log(world: World, clock: Clock) -> None:
    app = to_decision(world, clock)
    decision = actions.decide_application(
        app,
        outcome="issued",
        reasons=["The review found the safeguards adequate."],
        conditions=["End-use monitoring", "Post-shipment verification"],
        actor=world.officer,
        expected_version=app.version,
    )
    licence = Licence.objects.get(application=app)
    assert licence.number == decision.licence_number
    assert decision.comments_considered[0]["response"] == "Checked; no record."
    assert len(decision.criteria) == 9
    assert audit.verify().ok


def test_it_refuses_a_reviewer_deciding_their_own_review(world: World, clock: Clock) -> None:
    app = to_decision(world, clock)
    from oversight.accounts import actions as accounts

    accounts.grant_role(world.reviewer, "licensing_officer", jurisdiction=world.gb)
    with pytest.raises(PermissionDenied):
        actions.decide_application(
            app, outcome="refused", reasons=["No."], cited=["necessity"], actor=world.reviewer
        )


def test_it_gives_one_decision_when_two_officers_decide_at_once(
    world: World, clock: Clock
) -> None:
    app = to_decision(world, clock)
    seen = app.version
    actions.decide_application(
        app,
        outcome="refused",
        reasons=["Risk."],
        cited=["necessity"],
        justification="A new report on the end user came after the review.",
        actor=world.officer,
        expected_version=seen,
    )
    with pytest.raises(actions.Changed, match="changed while you were looking"):
        actions.decide_application(
            app, outcome="issued", reasons=["Fine."], actor=world.officer_2, expected_version=seen
        )
    assert Decision.objects.filter(application=app).count() == 1


def test_it_blocks_approval_until_the_company_complies(world: World, clock: Clock) -> None:
    app = to_decision(world, clock)
    from oversight.companies.models import HumanRightsCommitment

    HumanRightsCommitment.objects.all().delete()
    with pytest.raises(ValidationError) as error:
        actions.decide_application(app, outcome="issued", reasons=["Fine."], actor=world.officer)
    assert any("human rights commitment" in m for m in error.value.messages)
    assert Application.objects.get(pk=app.pk).status == Status.DECISION


def test_it_refuses_a_decision_before_comments_are_considered(world: World) -> None:
    app = to_consultation(world)
    with pytest.raises(IllegalTransition):
        actions.decide_application(app, outcome="issued", reasons=["Fine."], actor=world.officer)


def test_it_appeals_and_decides_the_appeal(world: World, clock: Clock) -> None:
    app = to_decision(world, clock)
    actions.decide_application(
        app,
        outcome="refused",
        reasons=["Risk."],
        cited=["end_user_record"],
        justification="A new report on the end user came after the review.",
        actor=world.officer,
    )
    appeal = actions.lodge_appeal(app, grounds="The end user changed.", actor=world.member)
    actions.decide_appeal(appeal, allow=True, reasons=["New evidence."], actor=world.officer_2)
    assert Application.objects.get(pk=app.pk).status == Status.DECISION
    assert audit.verify().ok


def test_it_suspends_and_revokes_with_reasons(world: World, clock: Clock) -> None:
    app = to_decision(world, clock)
    actions.decide_application(app, outcome="issued", reasons=["Fine."], actor=world.officer)
    licence = Licence.objects.get(application=app)
    with pytest.raises(ValidationError):
        actions.suspend_licence(licence, reasons=[" "], actor=world.officer)
    actions.suspend_licence(licence, reasons=["Misuse alleged."], actor=world.officer)
    actions.revoke_licence(licence, reasons=["Misuse substantiated."], actor=world.officer)
    with pytest.raises(IllegalTransition, match="final state"):
        actions.reinstate_licence(licence, reasons=["Oops."], actor=world.officer)


def test_it_withdraws_and_publishes_the_withdrawal(world: World) -> None:
    app = to_consultation(world)
    actions.withdraw_application(app, actor=world.member, reason="Contract cancelled.")
    assert Decision.objects.get(application=app).outcome == "withdrawn"


def test_it_flags_end_users_named_in_cases_and_misuse_reports(world: World) -> None:
    from oversight.companies import actions as companies
    from oversight.monitoring.models import Case

    case = Case.objects.create(
        external_id="case-1", title="Spyware against a lawyer", status="published",
        operator="Telecoms Regulatory Authority",
    )  # fmt: skip
    Case.objects.create(
        external_id="case-2", title="Pegasus in the Gulf", status="published",
        operator_country_id="MX", operator_countries=["MX", world.ae.pk],  # the second State
    )  # fmt: skip
    report = companies.report_misuse(
        world.exporter, end_user_text="Gulf Telecom Trading", description="Resold.", actor=None
    )
    report.status = "substantiated"
    report.save(update_fields=["status"])
    app = complete_draft(world)  # end user "Telecom Regulator", consignee "Gulf Telecom Trading"
    actions.add_party(
        app,
        {"role": "ultimate_end_user", "name": "Telecom Regulatory Authority", "kind": "government",
         "jurisdiction_id": "AE"},
        actor=world.member,
    )  # fmt: skip
    actions.submit_application(app, actor=world.member)
    check = next(c for c in app.screenings.get().results if c["rule"] == "red_flags")
    assert not check["ok"]
    assert check["matches"][0]["url"] == f"/cases/{case.pk}/"
    assert check["matches"][0]["score"] >= 85
    assert all(m["party"] != "Gulf Telecom Trading" for m in check["matches"])  # a consignee
    assert "score" in check["reasons"][0]
    by_state = [m for m in check["matches"] if m["matched"] == "United Arab Emirates"]
    assert {m["party"] for m in by_state} == {"Telecom Regulator", "Telecom Regulatory Authority"}


def test_it_does_not_register_research_on_an_interceptor_for_a_government(world: World) -> None:
    app = complete_draft(world)
    actions.update_draft(
        app,
        {"research_transfer": True, "research_purpose": "coordinated_disclosure",
         "research_description": "Exploit shared with the vendor under a disclosure policy."},
        actor=world.member,
    )  # fmt: skip
    actions.submit_application(app, actor=world.member)
    assert Application.objects.get(pk=app.pk).status == Status.SCREENING
    assert not Decision.objects.filter(application=app).exists()


def test_it_withholds_confidential_fields_and_individuals_from_the_notice(world: World) -> None:
    from oversight.licensing.notice import public_view

    app = complete_draft(world)
    actions.mark_confidential(app, "values", reason="Commercial pricing.", actor=world.member)
    actions.add_party(
        app,
        {"role": "ultimate_end_user", "name": "Jane Roe", "kind": "individual",
         "jurisdiction_id": "AE"},
        actor=world.member,
    )  # fmt: skip
    view = public_view(app)
    text = " ".join(view.notice.values())
    assert "125000" not in text and "Jane Roe" not in text
    assert "a private individual" in text
    assert view.redactions == [{"field": "Values of the goods", "reason": "Commercial pricing."}]
    assert view.value is None


def test_it_refuses_an_end_use_statement_that_is_not_a_document(world: World) -> None:
    app = actions.create_application(world.exporter, actor=world.member)
    before = audit.head().count
    disguised = SimpleUploadedFile("statement.pdf", b"MZ\x90\x00\x03binary", "application/pdf")
    with pytest.raises(ValidationError) as error:
        actions.attach_end_use_statement(app, disguised, actor=world.member)
    assert "end_use_statement" in error.value.message_dict
    app.refresh_from_db()
    assert not app.end_use_statement and audit.head().count == before
