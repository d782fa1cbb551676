"""Readiness for decision, the daily close command, and what the public datasets expose."""

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from oversight.accounts.models import User
from oversight.consultations import actions, rules
from oversight.consultations.models import Comment, Consultation
from oversight.consultations.tests.helpers import comment, past_close
from oversight.core import publication
from oversight.core.rules import Verdict

pytestmark = pytest.mark.django_db


def test_ready_for_decision_lists_each_missing_thing(
    consultation: Consultation, admin: User
) -> None:
    first = actions.moderate_comment(comment(consultation), accept=True, reason="", actor=admin)
    comment(consultation)
    verdict = rules.ready_for_decision(consultation, timezone.now())
    assert not verdict.ok
    assert verdict.messages[0].startswith("The consultation is still open until")
    assert "1 comment awaits moderation." in verdict.messages
    assert f"Comment #{first.pk} has not been marked as considered." in verdict.messages
    for pending in Comment.objects.pending():
        actions.moderate_comment(pending, accept=False, reason="Spam", actor=admin)
    consultation = past_close(consultation, close=True)
    actions.mark_considered(first, response="", actor=admin)
    assert rules.ready_for_decision(consultation, timezone.now()) == Verdict(True, [])


def test_close_due_closes_past_consultations_once(
    consultation: Consultation, matter: Any, admin: User
) -> None:
    still_open = actions.open_consultation(
        matter, title="Still open", notice={"A": "B"}, redactions=[], actor=admin
    )
    past_close(consultation)
    out = StringIO()
    call_command("consultations", "close-due", stdout=out)
    assert f"closed {consultation.reference}" in out.getvalue()
    again = StringIO()
    call_command("consultations", "close-due", stdout=again)
    assert "0 consultation(s) closed." in again.getvalue()
    assert Consultation.objects.get(pk=consultation.pk).closed_at is not None
    assert Consultation.objects.get(pk=still_open.pk).closed_at is None


def test_a_redaction_needs_a_reason(matter: Any, admin: User) -> None:
    with pytest.raises(ValidationError) as raised:
        actions.open_consultation(
            matter,
            title="T",
            notice={"A": "B"},
            redactions=[{"field": "Value", "reason": ""}],
            actor=admin,
        )
    assert "needs a recorded reason" in str(raised.value.message_dict["redactions"])


def test_the_datasets_expose_no_pending_or_withheld_text_nor_keys(
    consultation: Consultation, admin: User, tmp_path: Path
) -> None:
    kept = actions.moderate_comment(
        comment(consultation, "KEPT words"), accept=True, reason="", actor=admin
    )
    withheld = comment(consultation, "WITHHELD words")
    actions.moderate_comment(withheld, accept=False, reason="Abuse", actor=admin)
    comment(consultation, "PENDING words")
    schema = publication.get("comments")
    assert "idempotency_key" not in schema.fields.values()
    assert list(schema.rows()) == []  # nothing before the close
    past_close(consultation, close=True)
    rows = list(schema.rows())
    assert [row["id"] for row in rows] == [kept.pk]
    api = Client().get("/api/v1/datasets/comments").content.decode()
    page = Client().get("/comments/").content.decode()
    target = tmp_path / "comments.json"
    call_command("export", "comments", "--format", "json", "--output", str(target))
    exported = target.read_text()
    for text in (api, page, exported):
        assert "KEPT" in text or "Kept" in text or str(kept.pk) in text
        assert "WITHHELD" not in text and "PENDING" not in text
        assert kept.idempotency_key not in text
    assert json.loads(exported)[0]["text"] == "KEPT words"
