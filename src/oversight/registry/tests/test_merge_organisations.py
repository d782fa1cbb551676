"""Administrators merge duplicate organisations: every reference moves, one audit entry."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from oversight.accounts.models import Role
from oversight.accounts.tests.helpers import make_user, signed_in
from oversight.core import audit
from oversight.core.models import AuditEntry
from oversight.registry import actions
from oversight.registry.models import Jurisdiction, Organisation, Technology, Transfer

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins() -> tuple[Organisation, Organisation]:
    keep = actions.upsert_organisation(
        "defence-department-gb",
        {"name": "Defence Department", "kind": "agency", "identifiers": {"gov": "MOD-1"}},
    )[0]
    duplicate = actions.upsert_organisation(
        "defence-department",
        {"name": "Defence Department", "kind": "agency", "aliases": ["MoD"]},
    )[0]
    return keep, duplicate


def _refer(duplicate: Organisation) -> Transfer:
    vendor = actions.upsert_organisation("acme", {"name": "Acme", "kind": "company"})[0]
    Technology.objects.create(slug="acme-x", name="X", vendor=vendor, category="intrusion")
    return actions.upsert_transfer(
        "T-1",
        {
            "title": "A sale",
            "supplier": vendor,
            "end_user": duplicate,
            "recipient_jurisdiction": Jurisdiction.objects.get(code="GB"),
            "year": 2020,
        },
    )[0]


def test_it_moves_every_reference_and_keeps_the_names_as_aliases(twins: Any) -> None:
    keep, duplicate = twins
    transfer = _refer(duplicate)
    moved = actions.merge_organisations(keep, duplicate, actor=None, reasons=["same ministry"])
    assert moved == {"registry.transfer": 1}
    transfer.refresh_from_db()
    assert transfer.end_user == keep
    assert not Organisation.objects.filter(slug="defence-department").exists()
    keep.refresh_from_db()
    assert keep.aliases == ["MoD", "defence-department"]  # its name is the kept one's
    assert keep.identifiers == {"gov": "MOD-1"}
    entry = AuditEntry.objects.filter(action="registry.organisation.merged").get()
    assert entry.changes["merged"][0]["rows"] == {"registry.transfer": 1}
    assert audit.verify().ok


@pytest.mark.parametrize(
    ("change", "field"),
    [({"kind": "company"}, "duplicate"), ({"identifiers": {"gov": "MOD-2"}}, "identifiers")],
)
def test_it_refuses_what_may_be_two_organisations(twins: Any, change: Any, field: str) -> None:
    keep, duplicate = twins
    Organisation.objects.filter(pk=duplicate.pk).update(**change)
    duplicate.refresh_from_db()
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as refused:
        actions.merge_organisations(keep, duplicate, actor=None, reasons=["same"])
    assert field in refused.value.message_dict
    assert Organisation.objects.filter(pk=duplicate.pk).exists()
    assert AuditEntry.objects.count() == before


def test_it_refuses_a_merge_without_reasons_or_of_one_with_itself(twins: Any) -> None:
    keep, _duplicate = twins
    with pytest.raises(ValidationError) as refused:
        actions.merge_organisations(keep, keep, actor=None, reasons=[" "])
    assert set(refused.value.message_dict) == {"duplicate", "reasons"}


def test_it_merges_on_the_staff_page_for_an_administrator_only(twins: Any) -> None:
    keep, duplicate = twins
    _refer(duplicate)
    officer = signed_in(make_user("officer-merge", Role.ANALYST))
    assert officer.get("/staff/organisations/").status_code == 403
    posted = {"keep": keep.slug, "duplicate": duplicate.slug, "reasons": "same ministry"}
    assert officer.post("/staff/organisations/", posted).status_code == 403
    assert Organisation.objects.filter(pk=duplicate.pk).exists()
    admin = signed_in(make_user("admin-merge", Role.ADMINISTRATOR))
    page = admin.get("/staff/organisations/", {"q": "defence"}).content.decode()
    assert "MOD-1" in page and page.count('name="keep"') == 2  # told apart by identifiers
    refused = admin.post("/staff/organisations/?q=defence", {**posted, "reasons": ""})
    assert refused.status_code == 400 and "Give the reasons" in refused.content.decode()
    assert 'value="defence-department" checked' in refused.content.decode()  # kept the choice
    done = admin.post("/staff/organisations/?q=defence", posted)
    assert done.status_code == 302
    assert not Organisation.objects.filter(pk=duplicate.pk).exists()


def test_it_searches_organisations_by_alias(twins: Any) -> None:
    admin = signed_in(make_user("admin-search", Role.ADMINISTRATOR))
    page = admin.get("/staff/organisations/", {"q": "MoD"}).content.decode()
    assert "defence-department" in page and "defence-department-gb" not in page


def test_it_searches_jurisdictions_by_name_or_code() -> None:
    admin = signed_in(make_user("admin-places", Role.ADMINISTRATOR))
    by_code = admin.get("/staff/jurisdictions/", {"q": "mx"}).content.decode()
    assert "Mexico" in by_code and "Germany" not in by_code
    by_name = admin.get("/staff/jurisdictions/", {"q": "germ"}).content.decode()
    assert "Germany" in by_name and "Mexico" not in by_name
