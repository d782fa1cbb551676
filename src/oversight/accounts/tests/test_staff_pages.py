"""/staff/: who gets in, what each role sees, and 404 for other people's rows."""

import pytest
from django.test import Client

from oversight.accounts import actions
from oversight.accounts.models import Role
from oversight.accounts.tests.helpers import make_user, signed_in

pytestmark = pytest.mark.usefixtures("world")


def test_it_sends_anonymous_users_to_sign_in(client: Client) -> None:
    for url in ["/staff/", "/staff/account/", "/staff/transfers/gb-public/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={url}"


def test_it_refuses_a_session_without_a_second_factor(client: Client) -> None:
    officer = make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    client.force_login(officer)  # password only, no device verified
    assert client.get("/staff/")["Location"].startswith("/accounts/login/")


def test_it_forbids_a_verified_user_without_a_role(client: Client) -> None:
    client = signed_in(make_user("nobody"))
    assert client.get("/staff/").status_code == 403


def test_it_shows_one_section_per_role() -> None:
    user = make_user("both", Role.LICENSING_OFFICER, jurisdiction="GB")
    actions.grant_role(user, Role.ANALYST)
    page = signed_in(user).get("/staff/").content.decode()
    assert "Licensing officer — United Kingdom" in page
    assert "Working-group analyst" in page
    assert "Company member" not in page


def test_it_shows_gb_officers_gb_unpublished_transfers_only() -> None:
    gb = signed_in(make_user("gb", Role.LICENSING_OFFICER, jurisdiction="GB"))
    de = signed_in(make_user("de", Role.LICENSING_OFFICER, jurisdiction="DE"))
    gb_page = gb.get("/staff/").content.decode()
    assert "Gb Secret" in gb_page and "De Secret" not in gb_page
    assert gb.get("/staff/transfers/gb-secret/").status_code == 200
    assert de.get("/staff/transfers/gb-secret/").status_code == 404
    assert de.get("/staff/transfers/no-such-thing/").status_code == 404
    assert de.get("/staff/transfers/gb-public/").status_code == 200


def test_it_lets_reviewers_of_the_country_read_its_unpublished_transfers() -> None:
    reviewer = signed_in(make_user("rev", Role.HUMAN_RIGHTS_REVIEWER, jurisdiction="GB"))
    assert reviewer.get("/staff/transfers/gb-secret/").status_code == 200
    assert reviewer.get("/staff/transfers/de-secret/").status_code == 404


def test_it_shows_company_members_their_own_drafts_only() -> None:
    a = signed_in(make_user("a", Role.COMPANY_MEMBER, organisation="demo-exporter"))
    b = signed_in(make_user("b", Role.COMPANY_MEMBER, organisation="demo-exporter-b"))
    a_page, b_page = a.get("/staff/").content.decode(), b.get("/staff/").content.decode()
    assert "Exporter Draft" in a_page and "Exporter B Draft" not in a_page
    assert "Exporter B Draft" in b_page and "/staff/technologies/exporter-draft/" not in b_page
    assert a.get("/staff/technologies/exporter-draft/").status_code == 200
    assert b.get("/staff/technologies/exporter-draft/").status_code == 404
    assert b.get("/staff/technologies/public-probe/").status_code == 200


def test_it_shows_other_roles_a_description_and_links() -> None:
    for username, role, org in [
        ("agency", Role.AGENCY_OFFICIAL, "demo-agency"),
        ("board", Role.OVERSIGHT_MEMBER, "demo-oversight-board"),
        ("auditor", Role.AUDITOR, "demo-auditor"),
        ("handler", Role.GRIEVANCE_HANDLER, "un-working-group"),
    ]:
        page = signed_in(make_user(username, role, organisation=org)).get("/staff/")
        assert page.status_code == 200
        assert str(role.label) in page.content.decode()
        assert 'href="/transfers/"' in page.content.decode()


def test_it_lists_the_dashboard_in_a_few_queries(django_assert_max_num_queries: object) -> None:
    client = signed_in(make_user("gb", Role.LICENSING_OFFICER, jurisdiction="GB"))
    # 19: the sections, the misuse reports waiting for the officer's body, the cases
    # assigned to them, the applications waiting (one query by status, two for their
    # consultations), and after the licence its conditions and suspension proposals.
    client.get("/staff/")  # once first: the content-type cache fills on a cold start
    with django_assert_max_num_queries(19):  # type: ignore[operator]
        assert client.get("/staff/").status_code == 200


@pytest.mark.parametrize(
    ("role", "scope", "links", "absent"),
    [
        (
            Role.LICENSING_OFFICER,
            {"jurisdiction": "GB"},
            ["/staff/licensing/"],
            ["/staff/monitoring/"],
        ),
        (
            Role.COMPANY_MEMBER,
            {"organisation": "demo-exporter"},
            ["/staff/licensing/", "/staff/companies/"],
            ["/staff/monitoring/", "/staff/jurisdictions/"],
        ),
        (
            Role.ANALYST,
            {},
            ["/staff/monitoring/", "/staff/monitoring/report/"],
            ["/staff/licensing/"],
        ),
        (Role.ADMINISTRATOR, {}, ["/staff/jurisdictions/", "/admin/"], ["/staff/monitoring/"]),
    ],
)
def test_it_links_each_role_to_its_work(
    role: Role, scope: dict[str, str], links: list[str], absent: list[str]
) -> None:
    user = make_user(
        "worker",
        role,
        jurisdiction=scope.get("jurisdiction"),
        organisation=scope.get("organisation"),
    )
    page = signed_in(user).get("/staff/").content.decode()
    for link in links:
        assert f'href="{link}"' in page
    for link in absent:
        assert f'href="{link}"' not in page
