"""Registry actions: moratoria and safeguards validated and audited; countries from migrations."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from oversight.core import audit
from oversight.core.models import AuditEntry
from oversight.registry import actions
from oversight.registry.models import Jurisdiction

pytestmark = pytest.mark.django_db


def _ie() -> Jurisdiction:
    return Jurisdiction.objects.get(code="IE")


def test_it_has_every_iso_country_kosovo_and_the_42_wassenaar_states() -> None:
    assert Jurisdiction.objects.count() >= 250
    assert Jurisdiction.objects.get(code="XK").name == "Kosovo"
    assert Jurisdiction.objects.get(code="TR").alpha3 == "TUR"
    wassenaar = Jurisdiction.objects.wassenaar()
    assert wassenaar.count() == 42
    assert wassenaar.filter(wassenaar_joined=1996).count() == 33
    assert dict(
        wassenaar.filter(wassenaar_joined__gt=1996).values_list("code", "wassenaar_joined")
    ) == {
        "ZA": 2006,
        "HR": 2011,
        "MX": 2012,
        "IN": 2017,
    }
    assert not Jurisdiction.objects.filter(moratorium_in_force=True).exists()


def test_it_declares_a_moratorium_with_an_audit_entry() -> None:
    ie = actions.set_moratorium(
        _ie(),
        in_force=True,
        since=date(2025, 1, 1),
        scope=["use", "export"],
        reference="https://example.org/act",
        actor=None,
        reasons=["Parliament passed the act"],
    )
    assert ie.moratorium_in_force and ie.moratorium_scope == ["export", "use"]
    assert ie.moratorium_facts().bites
    entry = AuditEntry.objects.get(action="registry.jurisdiction.moratorium_set")
    assert entry.changes["moratorium_in_force"] == [False, True]
    assert entry.reasons == ["Parliament passed the act"]
    assert audit.verify().ok


def test_it_refuses_a_bad_moratorium_naming_the_fields() -> None:
    with pytest.raises(ValidationError) as caught:
        actions.set_moratorium(
            _ie(), in_force=True, since=None, scope=["import"], reference="", actor=None,
            reasons=["x"],
        )  # fmt: skip
    assert set(caught.value.message_dict) == {"moratorium_scope", "moratorium_since"}
    assert "import" in caught.value.message_dict["moratorium_scope"][0]
    with pytest.raises(ValidationError, match="reasons"):
        actions.set_moratorium(
            _ie(), in_force=False, since=None, scope=[], reference="", actor=None, reasons=[]
        )
    assert not AuditEntry.objects.exists()


def test_it_requires_date_and_evidence_for_certified_safeguards() -> None:
    with pytest.raises(ValidationError) as caught:
        actions.set_safeguards_status(
            _ie(), status="certified", since=None, evidence=" ", actor=None, reasons=["x"]
        )
    assert set(caught.value.message_dict) == {"safeguards_since", "safeguards_evidence"}
    with pytest.raises(ValidationError, match="safeguards_evidence"):
        actions.set_safeguards_status(
            _ie(), status="certified", since=date(2025, 2, 1), evidence="not a link",
            actor=None, reasons=["x"],
        )  # fmt: skip
    ie = actions.set_safeguards_status(
        _ie(), status="certified", since=date(2025, 2, 1), evidence="https://example.org/c",
        actor=None, reasons=["Certified by the review body"],
    )  # fmt: skip
    assert ie.safeguards_status == "certified"
    assert AuditEntry.objects.filter(action="registry.jurisdiction.safeguards_set").count() == 1


def test_it_writes_nothing_when_nothing_changes() -> None:
    values = {"name": "Acme (test)", "kind": "company", "jurisdiction_id": "GB"}
    assert actions.upsert_organisation("acme", values)[1] == "created"
    assert actions.upsert_organisation("acme", values)[1] == "unchanged"
    assert actions.upsert_organisation("acme", {**values, "jurisdiction_id": "IE"})[1] == "updated"
    changes = [entry.changes for entry in AuditEntry.objects.order_by("seq")]
    assert changes[0]["slug"] == [None, "acme"]
    assert changes[1] == {"jurisdiction_id": ["GB", "IE"]}
    assert len(changes) == 2


def test_it_validates_fields_before_writing() -> None:
    with pytest.raises(ValidationError) as caught:
        actions.upsert_organisation("bad", {"name": "Bad", "kind": "pirate"})
    assert "kind" in caught.value.message_dict
    assert not AuditEntry.objects.exists()


def test_it_creates_a_city_inside_a_country_once_with_an_audit_entry() -> None:
    values = {"name": "Demo City", "kind": "city", "parent_id": "IE"}
    city, status = actions.upsert_subdivision("IE-DC", values, actor_label="test")
    assert status == "created" and city.parent == _ie() and city.kind == "city"
    entry = AuditEntry.objects.get(action="registry.jurisdiction.created")
    assert entry.changes["parent_id"] == [None, "IE"]
    assert actions.upsert_subdivision("IE-DC", values, actor_label="test")[1] == "unchanged"
    assert AuditEntry.objects.filter(action__startswith="registry.jurisdiction.").count() == 1


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": "Nowhere", "kind": "country", "parent_id": "IE"}, "kind"),
        ({"name": "Nowhere", "kind": "city", "parent_id": "ZZZ"}, "parent"),
        ({"name": "Nowhere", "kind": "city"}, "parent"),
    ],
)
def test_it_refuses_a_sub_national_jurisdiction_without_kind_or_parent(
    values: dict[str, str], field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        actions.upsert_subdivision("IE-NW", values)
    assert field in refused.value.message_dict
    assert not Jurisdiction.objects.filter(code="IE-NW").exists()
    assert not AuditEntry.objects.filter(action="registry.jurisdiction.created").exists()
