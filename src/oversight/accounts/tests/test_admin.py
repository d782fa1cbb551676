"""/admin/: administrators (role) with a verified second factor only; edits audited."""

import pytest
from django.test import Client

from oversight.accounts.models import Role, RoleAssignment
from oversight.accounts.tests.helpers import actions_logged, make_user, signed_in
from oversight.registry.models import Technology

pytestmark = pytest.mark.usefixtures("world")


def test_it_sends_anonymous_visitors_to_the_two_step_sign_in(client: Client) -> None:
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/login/?next=/admin/"


def test_it_refuses_a_verified_non_administrator() -> None:
    officer = make_user("officer", Role.LICENSING_OFFICER, jurisdiction="GB")
    officer.is_staff = True  # the flag alone opens nothing
    officer.save(update_fields=["is_staff"])
    client = signed_in(officer)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert client.get("/admin/registry/technology/").status_code in (302, 403)


def test_it_refuses_a_superuser_flag_without_the_role() -> None:
    root = make_user("root", Role.ANALYST)
    root.is_superuser = root.is_staff = True
    root.save(update_fields=["is_superuser", "is_staff"])
    assert signed_in(root).get("/admin/", follow=True).status_code == 403


def test_it_refuses_an_administrator_without_a_verified_device(client: Client) -> None:
    client.force_login(make_user("root", Role.ADMINISTRATOR))
    assert client.get("/admin/", follow=True).status_code == 403


def test_it_admits_an_administrator_and_audits_edits() -> None:
    client = signed_in(make_user("root", Role.ADMINISTRATOR))
    assert client.get("/admin/").status_code == 200
    page = client.get("/admin/registry/technology/")
    assert page.status_code == 200 and "Exporter Draft" in page.content.decode()
    tech = Technology.objects.get(slug="exporter-draft")
    response = client.post(
        f"/admin/registry/technology/{tech.pk}/change/",
        {
            "slug": tech.slug,
            "name": "Renamed",
            "vendor": tech.vendor_id,
            "category": tech.category,
            "privately_developed": "on",
            "published": "on",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert actions_logged()[-1] == "registry.technology.changed"


def test_it_validates_role_scope_in_the_admin() -> None:
    root = make_user("root", Role.ADMINISTRATOR)
    target = make_user("target")
    client = signed_in(root)
    response = client.post(
        "/admin/accounts/roleassignment/add/",
        {"user": target.pk, "role": Role.LICENSING_OFFICER},
    )
    assert response.status_code == 200
    assert "needs a jurisdiction" in response.content.decode()
    assert not RoleAssignment.objects.filter(user=target).exists()
    response = client.post(
        "/admin/accounts/roleassignment/add/",
        {"user": target.pk, "role": Role.LICENSING_OFFICER, "jurisdiction": "GB"},
    )
    assert response.status_code == 302
    assert actions_logged()[-1] == "accounts.roleassignment.created"
