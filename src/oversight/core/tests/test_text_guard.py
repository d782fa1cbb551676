"""Text that cannot be stored as given is refused naming its field, never cut or kept with NULs.

The guard runs before every save of a project model, so forms, the API and imports
all meet it; long free text never reaches the audit log, only its length and digest.
"""

import hashlib

import pytest
from django.core.exceptions import ValidationError

from oversight.core import audit
from oversight.core.models import AuditEntry
from oversight.core.validators import MAX_TEXT_LENGTH, has_nul
from oversight.registry import actions
from oversight.registry.models import Transfer

pytestmark = pytest.mark.django_db


def _transfer(**values: object) -> None:
    actions.upsert_transfer(
        "guard-1", {"recipient_jurisdiction_id": "FR", **values}, actor_label="test"
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Sales\x00 to Algeria"),
        ("end_user_text", "Ministry\x00"),
        ("sources", "A report\x00"),
        ("goods", ["Biometrics", "Lawful\x00interception"]),
    ],
)
def test_it_refuses_a_nul_character_naming_the_field(field: str, value: object) -> None:
    with pytest.raises(ValidationError) as refused:
        _transfer(**{"title": "Sale", field: value})
    assert list(refused.value.message_dict) == [field]
    assert "NUL" in refused.value.message_dict[field][0]
    assert not Transfer.objects.exists()


def test_it_refuses_an_over_long_title_instead_of_cutting_it() -> None:
    with pytest.raises(ValidationError) as refused:
        _transfer(title="x" * 301)
    [message] = refused.value.message_dict["title"]
    assert "300" in message and "301" in message
    assert not Transfer.objects.exists()
    _transfer(title="x" * 300)
    assert len(Transfer.objects.get().title) == 300


def test_it_caps_free_text_without_a_declared_size() -> None:
    with pytest.raises(ValidationError) as refused:
        _transfer(title="Sale", sources="s" * (MAX_TEXT_LENGTH + 1))
    assert list(refused.value.message_dict) == ["sources"]
    _transfer(title="Sale", sources="s" * MAX_TEXT_LENGTH)


def test_it_records_a_length_and_a_digest_of_long_text_in_the_audit_log() -> None:
    long_text = "Lawful interception of every subscriber. " * 200
    _transfer(title="Sale", sources=long_text)
    entry = AuditEntry.objects.get(action="registry.transfer.created")
    digest = hashlib.sha256(long_text.encode()).hexdigest()
    assert entry.changes["sources"] == [None, {"length": len(long_text), "sha256": digest}]
    assert long_text not in str(entry.changes)
    assert entry.changes["title"][1] == "Sale"  # short text stays readable
    assert audit.verify().ok


def test_it_finds_nul_characters_inside_lists_and_mappings() -> None:
    assert has_nul(["a", {"b": "c\x00"}]) and has_nul("\x00")
    assert not has_nul(["a", {"b": 1}, None, 2.5])
