"""Standards are versioned, adopted by a vote of the body's constituencies, never altered."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from oversight.accounts.models import User
from oversight.companies import actions
from oversight.companies.models import Requirement, StandardVersion
from oversight.companies.tests.audit_world import adopted_standard, standards_body
from oversight.core import audit
from oversight.core.models import AuditEntry
from oversight.core.rules import Refused

pytestmark = pytest.mark.django_db


def test_it_adopts_a_version_and_records_who_voted_for_it() -> None:
    body, members = standards_body()
    version = adopted_standard(body, members)
    assert version.status == StandardVersion.Status.ADOPTED
    entry = AuditEntry.objects.get(action="companies.standardversion.adopted")
    assert entry.changes["votes"][1]["for"] == ["cyd", "ivy", "sam"]
    assert audit.verify().ok


def test_it_refuses_adoption_without_every_constituency_naming_the_field() -> None:
    body, members = standards_body()
    version = actions.create_standard(body, slug="code", title="Code", actor=members[0])
    actions.add_requirement(
        version, identifier="C1", text="t", recommendation="67(a)", actor=members[0]
    )
    actions.cast_vote(version, choice="for", actor=members[0])
    actions.cast_vote(version, choice="for", actor=members[1])
    actions.cast_vote(version, choice="against", actor=members[2])
    with pytest.raises(Refused) as refused:
        actions.adopt_version(version, actor=members[0])
    assert "States" in " ".join(refused.value.message_dict["votes"])
    version.refresh_from_db()
    assert version.status == StandardVersion.Status.DRAFT
    assert not AuditEntry.objects.filter(action="companies.standardversion.adopted").exists()


def test_it_never_alters_an_adopted_version() -> None:
    body, members = standards_body()
    first = adopted_standard(body, members)
    with pytest.raises(Refused) as refused:
        actions.add_requirement(
            first, identifier="X9", text="t", recommendation="69", actor=members[0]
        )
    assert "version" in refused.value.message_dict
    second = actions.draft_next_version(first.standard, actor=members[0])
    actions.add_requirement(
        second, identifier="X9", text="t", recommendation="69", actor=members[0]
    )
    assert list(first.requirements.values_list("identifier", flat=True)) == ["C1", "D1"]
    assert list(second.requirements.values_list("identifier", flat=True)) == ["C1", "D1", "X9"]
    assert not Requirement.objects.filter(version=first, identifier="X9").exists()


def test_it_lets_no_one_outside_the_body_vote_or_adopt(outsider: User) -> None:
    body, members = standards_body()
    version = actions.create_standard(body, slug="code", title="Code", actor=members[0])
    for act in (
        lambda: actions.cast_vote(version, choice="for", actor=outsider),
        lambda: actions.adopt_version(version, actor=outsider),
        lambda: actions.add_requirement(
            version, identifier="Z", text="t", recommendation="69", actor=outsider
        ),
    ):
        with pytest.raises(PermissionDenied):
            act()
    assert not version.votes.exists() and not version.requirements.exists()


def test_it_refuses_a_second_draft_and_a_bad_vote_naming_the_field() -> None:
    body, members = standards_body()
    version = actions.create_standard(body, slug="code", title="Code", actor=members[0])
    with pytest.raises(ValidationError) as error:
        actions.draft_next_version(version.standard, actor=members[0])
    assert "version" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        actions.cast_vote(version, choice="maybe", actor=members[0])
    assert "choice" in error.value.message_dict
