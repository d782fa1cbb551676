"""accounts.access and registry.access, directly."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.http import Http404

from oversight.accounts.access import (
    has_role,
    jurisdiction_ids_for,
    organisation_ids_for,
    roles_of,
)
from oversight.accounts.models import Role, RoleAssignment
from oversight.accounts.tests.helpers import make_user
from oversight.registry.access import (
    get_technology_for_user,
    get_transfer_for_user,
    organisations_for,
    technologies_for_user,
    transfers_for_user,
)

pytestmark = pytest.mark.usefixtures("world")


def test_it_answers_role_questions_in_scope() -> None:
    officer = make_user("gb", Role.LICENSING_OFFICER, jurisdiction="GB")
    assert roles_of(officer) == {Role.LICENSING_OFFICER}
    assert has_role(officer, Role.LICENSING_OFFICER, jurisdiction="gb")
    assert not has_role(officer, Role.LICENSING_OFFICER, jurisdiction="DE")
    assert not has_role(officer, Role.COMPANY_MEMBER)
    ids = jurisdiction_ids_for(officer, Role.LICENSING_OFFICER, Role.HUMAN_RIGHTS_REVIEWER)
    assert [row["jurisdiction_id"] for row in ids] == ["GB"]
    member = make_user("a", Role.COMPANY_MEMBER, organisation="demo-exporter")
    assert has_role(member, Role.COMPANY_MEMBER, organisation="demo-exporter")
    assert [o.slug for o in organisations_for(member, Role.COMPANY_MEMBER)] == ["demo-exporter"]
    assert not organisation_ids_for(member, Role.AUDITOR).exists()


def test_it_gives_nothing_to_anonymous_or_inactive_users() -> None:
    assert roles_of(AnonymousUser()) == frozenset()
    officer = make_user("gb", Role.LICENSING_OFFICER, jurisdiction="GB")
    officer.is_active = False
    assert roles_of(officer) == frozenset()
    assert not transfers_for_user(officer).filter(published=False).exists()


def test_it_shows_the_public_only_published_rows() -> None:
    anonymous = AnonymousUser()
    assert set(transfers_for_user(anonymous).values_list("external_id", flat=True)) == {
        "gb-public"
    }
    assert set(technologies_for_user(anonymous).values_list("slug", flat=True)) == {"public-probe"}
    with pytest.raises(Http404):
        get_technology_for_user(anonymous, "exporter-draft")


def test_it_shows_administrators_everything() -> None:
    admin = make_user("root", Role.ADMINISTRATOR)
    assert transfers_for_user(admin).count() == 3
    assert technologies_for_user(admin).count() == 3
    assert get_transfer_for_user(admin, "de-secret").external_id == "de-secret"


def test_it_does_not_let_other_roles_of_a_country_see_its_secrets() -> None:
    member = make_user("a", Role.COMPANY_MEMBER, organisation="demo-exporter")
    with pytest.raises(Http404):
        get_transfer_for_user(member, "gb-secret")
    officer = make_user("gb", Role.LICENSING_OFFICER, jurisdiction="GB")
    with pytest.raises(Http404):
        get_technology_for_user(officer, "exporter-draft")


def test_it_keeps_one_row_per_role_and_scope_on_every_database() -> None:
    admin = make_user("root", Role.ADMINISTRATOR)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=admin, role=Role.ADMINISTRATOR)
    officer = make_user("gb", Role.LICENSING_OFFICER, jurisdiction="GB")
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(
            user=officer, role=Role.LICENSING_OFFICER, jurisdiction_id="GB"
        )
    RoleAssignment.objects.create(user=officer, role=Role.LICENSING_OFFICER, jurisdiction_id="DE")
