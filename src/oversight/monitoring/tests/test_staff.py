"""Analysts record cases, communications and replies over HTTP; nobody else can."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client

from oversight.accounts import actions as account_actions
from oversight.accounts.models import Role
from oversight.accounts.tests.helpers import make_user, signed_in
from oversight.core import audit
from oversight.monitoring.models import Case, Communication
from oversight.registry.models import Organisation

pytestmark = pytest.mark.usefixtures("registry", "world")

STAFF_GETS = [
    "/staff/monitoring/",
    "/staff/monitoring/cases/new/",
    "/staff/monitoring/communications/new/",
    "/staff/monitoring/report/",
]


def _case_form(**extra: str) -> dict[str, str]:
    data = {
        "title": "Spyware used against a journalist",
        "summary": "Forensic traces of Pegasus on the phone.",
        "country": "MX",
        "occurred": "2025-01-10",
        "disclosed": "2025-03-01",
        "victim_count": "1",
        "attack_result": "successful",
        "verification": "confirmed",
        "victim-group": "journalist",
        "victim-affiliation_type": "media",
        "victim-name": "Secret Person",
        "victim-basis": "none",
        "source-url": "https://citizenlab.ca/example",
    }
    data.update(extra)
    return data


def _analyst() -> Client:
    return signed_in(make_user("analyst", Role.ANALYST))


def test_it_refuses_anonymous_users_and_other_roles_everywhere(client: Client) -> None:
    company = signed_in(make_user("company", Role.COMPANY_MEMBER, organisation="demo-exporter"))
    case = Case.objects.create(external_id="x", title="x")
    urls = [*STAFF_GETS, f"/staff/monitoring/cases/{case.pk}/"]
    for url in urls:
        assert client.get(url).status_code == 302, url
        assert company.get(url).status_code == 403, url
    posts = [
        "/staff/monitoring/cases/new/",
        f"/staff/monitoring/cases/{case.pk}/status/",
        f"/staff/monitoring/cases/{case.pk}/victims/",
        f"/staff/monitoring/cases/{case.pk}/sources/",
        "/staff/monitoring/communications/new/",
        "/staff/monitoring/report/publish/",
    ]
    for url in posts:
        assert company.post(url, _case_form()).status_code == 403, url
        assert client.post(url, _case_form()).status_code == 302, url
    assert Case.objects.count() == 1 and case.victims.count() == 0


def test_it_records_a_case_as_a_draft_with_an_audited_victim_and_source() -> None:
    analyst = _analyst()
    before = audit.head().count
    response = analyst.post("/staff/monitoring/cases/new/", _case_form())
    assert response.status_code == 302, response.content.decode()[-2000:]
    case = Case.objects.get()
    assert case.status == "draft" and case.source_hosts == ["citizenlab.ca"]
    page = analyst.get(response["Location"]).content.decode()
    assert "Secret Person" in page
    assert audit.head().count == before + 3
    assert Client().get(f"/cases/{case.pk}/").status_code == 404  # a draft is not public
    assert (
        analyst.post(
            f"/staff/monitoring/cases/{case.pk}/status/", {"status": "published"}
        ).status_code
        == 302
    )
    assert "Secret Person" not in Client().get(f"/cases/{case.pk}/").content.decode()


def test_it_refuses_dates_out_of_order_and_a_source_without_citation_or_url() -> None:
    analyst = _analyst()
    response = analyst.post(
        "/staff/monitoring/cases/new/", _case_form(disclosed="2024-01-01", **{"source-url": ""})
    )
    assert response.status_code == 400
    assert "disclosed (2024-01-01) is before occurred (2025-01-10)" in response.content.decode()
    assert Case.objects.count() == 0
    case = Case.objects.create(external_id="y", title="y")
    response = analyst.post(f"/staff/monitoring/cases/{case.pk}/sources/", {"source-citation": ""})
    assert response.status_code == 400
    assert "Give a citation or a web address for the source." in response.content.decode()


def test_it_explains_an_illegal_transition() -> None:
    analyst = _analyst()
    case = Case.objects.create(external_id="z", title="Draft case")
    response = analyst.post(f"/staff/monitoring/cases/{case.pk}/status/", {"status": "withdrawn"})
    assert response.status_code == 400  # the case's page again, with the reason
    assert (
        "cannot go from “draft” to “withdrawn”; allowed next: published"
        in response.content.decode()
    )
    assert Case.objects.get().status == "draft"


def _letter(analyst: Client, sent_on: str, **extra: str) -> Communication:
    data = {
        "kind": "AL",
        "joint": "on",
        "mandates": ["sr_expression", "sr_privacy"],
        "addressee_kind": "state",
        "addressee_state": "MX",
        "sent_on": sent_on,
        "subject": "Alleged use of spyware against journalists",
    }
    data.update(extra)
    response = analyst.post("/staff/monitoring/communications/new/", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    return Communication.objects.order_by("-pk").first()  # type: ignore[return-value]


def test_it_numbers_letters_per_addressee_and_year_and_tracks_replies() -> None:
    analyst = _analyst()
    first = _letter(analyst, "2026-02-01")
    second = _letter(analyst, "2026-03-01", kind="UA")
    other_year = _letter(analyst, "2027-01-05")
    assert [first.reference, second.reference, other_year.reference] == [
        "AL MEX 1/2026", "UA MEX 2/2026", "AL MEX 1/2027"]  # fmt: skip
    assert first.reply_due == date(2026, 4, 2)
    early = analyst.post(
        f"/staff/monitoring/communications/{first.pk}/",
        {"received_on": "2026-01-01", "assessment": "partial"},
    )
    assert early.status_code == 400
    assert "cannot come before the letter was sent (2026-02-01)" in early.content.decode()
    ok = analyst.post(
        f"/staff/monitoring/communications/{first.pk}/",
        {"received_on": "2026-03-15", "assessment": "partial"},
    )
    assert ok.status_code == 302
    first.refresh_from_db()
    assert first.first_reply_on == date(2026, 3, 15) and not first.is_overdue(date(2030, 1, 1))
    assert second.is_overdue(second.reply_due + timedelta(days=1))
    assert not second.is_overdue(second.reply_due)


def test_it_flags_overdue_replies_on_the_staff_page() -> None:
    analyst = _analyst()
    old = (date.today() - timedelta(days=90)).isoformat()
    _letter(analyst, old)
    page = analyst.get("/staff/monitoring/").content.decode()
    assert "1 reply is overdue." in page and "Overdue (due" in page


def test_it_opens_the_analysts_dashboard_with_overdue_and_unassessed_replies() -> None:
    analyst = _analyst()
    late = _letter(analyst, (date.today() - timedelta(days=90)).isoformat())
    answered = _letter(analyst, (date.today() - timedelta(days=30)).isoformat())
    analyst.post(
        f"/staff/monitoring/communications/{answered.pk}/",
        {"received_on": date.today().isoformat(), "assessment": "not_assessed"},
    )
    page = analyst.get("/staff/").content.decode()
    waiting = page.split('id="waiting"', 1)[1].split("</section>", 1)[0]
    assert "Communications whose reply is overdue</a></td><td>1</td>" in waiting
    assert "Replies received, not yet assessed</a></td><td>1</td>" in waiting
    assert waiting.index("overdue") < waiting.index("not yet assessed")  # the oldest first
    assert late.reply_due.isoformat() in waiting
    company = signed_in(make_user("company", Role.COMPANY_MEMBER, organisation="demo-exporter"))
    assert "reply is overdue" not in company.get("/staff/").content.decode()


def test_it_keeps_letters_confidential_until_their_window_is_published(client: Client) -> None:
    analyst = _analyst()
    letter = _letter(analyst, "2026-02-01")
    assert client.get("/communications/").content.decode().count(letter.reference) == 0
    analyst.post("/staff/monitoring/report/publish/", {"start": "2026-01-01", "end": "2026-03-31"})
    assert letter.reference in client.get("/communications/").content.decode()


def test_it_refuses_api_writes_without_a_token_or_the_role(client: Client) -> None:
    company = make_user("company", Role.COMPANY_MEMBER, organisation="demo-exporter")
    _, token = account_actions.issue_token(company, "cli")
    letter = {"kind": "AL", "mandates": ["sr_privacy"], "addressee_kind": "state",
              "addressee_state": "MX", "sent_on": "2026-01-02", "subject": "s"}  # fmt: skip
    for url, body in [("/api/v1/monitoring/cases", {"title": "x"}),
                      ("/api/v1/monitoring/communications", letter)]:  # fmt: skip
        assert client.post(url, body, content_type="application/json").status_code == 401
        response = client.post(
            url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
        )
        assert response.status_code == 403, url
    assert Case.objects.count() == 0


def _api(client: Client, url: str, body: dict[str, Any], token: str) -> Any:
    return client.post(
        url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )


def test_it_lets_an_analyst_record_a_case_and_a_letter_over_the_api(client: Client) -> None:
    _, token = account_actions.issue_token(make_user("analyst", Role.ANALYST), "cli")
    dates = {"title": "t", "occurred": "2025-05-01", "disclosed": "2025-01-01"}
    bad = _api(client, "/api/v1/monitoring/cases", dates, token)
    assert bad.status_code == 422 and "disclosed" in bad.json()["errors"]
    victim = {"group": "lawyer", "affiliation_type": "legal"}
    case = {
        "title": "API case",
        "country": "MX",
        "victims": [victim],
        "sources": [{"citation": "R"}],
    }
    made = _api(client, "/api/v1/monitoring/cases", case, token)
    assert made.status_code == 201, made.content
    letter = {
        "kind": "AL", "mandates": ["sr_privacy"], "addressee_kind": "company",
        "addressee_company": Organisation.objects.get(slug="nso-group").pk,
        "sent_on": "2026-01-02", "subject": "s", "cases": [made.json()["id"]],
    }  # fmt: skip
    sent = _api(client, "/api/v1/monitoring/communications", letter, token)
    assert sent.status_code == 201, sent.content
    assert sent.json()["reference"] == "AL OTH 1/2026"
    url = f"/api/v1/monitoring/communications/{sent.json()['id']}/replies"
    assert _api(client, url, {"received_on": "2026-02-01"}, token).status_code == 201
    early = _api(client, url, {"received_on": "2025-02-01"}, token)
    assert early.status_code == 422 and "received_on" in early.json()["errors"]


HUGE = str(2**70)  # beyond any database integer: SQLite raised OverflowError, a 500


@pytest.mark.parametrize("field", ["cases", "follow_up_to", "addressee_company"])
def test_it_refuses_an_id_beyond_any_integer_naming_the_field(client: Client, field: str) -> None:
    """Found by the API fuzzer (issue 17): an id ≥ 2^63 gave a 500 on the API and the form."""
    analyst = make_user("analyst", Role.ANALYST)
    _, token = account_actions.issue_token(analyst, "cli")
    letter: dict[str, Any] = {
        "kind": "AL", "mandates": ["sr_privacy"], "addressee_kind": "company",
        "addressee_company": Organisation.objects.get(slug="nso-group").pk,
        "sent_on": "2026-01-02", "subject": "s",
    }  # fmt: skip
    letter[field] = [int(HUGE)] if field == "cases" else int(HUGE)
    refused = _api(client, "/api/v1/monitoring/communications", letter, token)
    assert refused.status_code == 422, refused.content
    assert field in refused.json()["errors"]
    form = {**letter, field: HUGE, "addressee_kind": "company"}
    page = signed_in(analyst).post("/staff/monitoring/communications/new/", form)
    assert page.status_code == 400  # the form again, its errors named
    assert field in page.context["form"].errors
    assert Communication.objects.count() == 0


def test_it_records_several_suspected_operator_states_from_the_form() -> None:
    analyst = _analyst()
    data: dict[str, Any] = _case_form(operator_country="MX")
    data["other_operator_countries"] = ["SV", "MX"]
    response = analyst.post("/staff/monitoring/cases/new/", data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    case = Case.objects.get()
    assert case.operator_countries == ["MX", "SV"] and case.operator_country_id == "MX"
    assert "Mexico; El Salvador" in analyst.get(response["Location"]).content.decode()
    edit = analyst.get(f"/staff/monitoring/cases/{case.pk}/edit/").content.decode()
    assert 'value="SV" selected' in edit
    alone: dict[str, Any] = _case_form(title="Another")
    alone["other_operator_countries"] = ["SV"]
    refused = analyst.post("/staff/monitoring/cases/new/", alone)
    assert refused.status_code == 400
    assert "Name the first suspected operator State" in refused.content.decode()


def test_it_takes_several_suspected_operator_states_over_the_api(client: Client) -> None:
    _, token = account_actions.issue_token(make_user("analyst", Role.ANALYST), "cli")
    body: dict[str, Any] = {"title": "Joint operation", "operator_countries": ["MX", "SV"]}
    made = _api(client, "/api/v1/monitoring/cases", body, token)
    assert made.status_code == 201, made.content
    case = Case.objects.get(pk=made.json()["id"])
    assert case.operator_countries == ["MX", "SV"] and case.operator_country_id == "MX"
    bad = _api(
        client, "/api/v1/monitoring/cases", {**body, "operator_countries": ["MX", "ZZ"]}, token
    )
    assert bad.status_code == 422 and "operator_countries" in bad.json()["errors"], bad.content
    clash = _api(client, "/api/v1/monitoring/cases", {**body, "operator_country": "SV"}, token)
    assert clash.status_code == 422 and "operator_country" in clash.json()["errors"]


def test_it_finds_cases_by_words_country_and_status() -> None:
    analyst = _analyst()
    analyst.post("/staff/monitoring/cases/new/", _case_form(title="Phone of an editor hacked"))
    analyst.post(
        "/staff/monitoring/cases/new/",
        _case_form(title="Phone of a lawyer hacked", country="AE", product="Karma"),
    )

    def titles(query: str) -> set[str]:
        page = analyst.get(f"/staff/monitoring/?{query}").content.decode()
        return {
            t
            for t in ("editor", "lawyer")
            if f"Phone of an {t}" in page or f"a {t} hacked" in page
        }

    assert titles("") == {"editor", "lawyer"}
    assert titles("q=karma") == {"lawyer"}  # the product as reported
    assert titles("country=MX") == {"editor"}
    assert titles("status=published") == set()
    refused = analyst.get("/staff/monitoring/?country=ZZ")
    assert refused.status_code == 400 and 'id="case-country"' in refused.content.decode()
    assert "hacked</a>" not in refused.content.decode()
