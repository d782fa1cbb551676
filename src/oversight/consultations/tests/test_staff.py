"""The officer's side: moderation, marking comments considered, invitations, closing."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from oversight.accounts.models import User
from oversight.accounts.tests.helpers import make_user, signed_in
from oversight.consultations import access, actions
from oversight.consultations.models import Comment, Consultation, Invitation
from oversight.consultations.tests.helpers import comment, past_close
from oversight.core.models import AuditEntry
from oversight.ops.tests.helpers import run_tasks

pytestmark = pytest.mark.django_db


def _staff(consultation: Consultation, tail: str = "") -> str:
    return f"/staff/consultations/{consultation.reference}/{tail}"


def test_it_shows_pending_text_only_to_a_manager(
    consultation: Consultation, admin: User, officer: User
) -> None:
    comment(consultation, "Pending words")
    assert "Pending words" in signed_in(admin).get(_staff(consultation)).content.decode()
    assert signed_in(officer).get(_staff(consultation)).status_code == 404
    assert Client().get(_staff(consultation)).status_code == 302  # to sign-in


def test_it_withholds_a_comment_only_with_a_reason(
    consultation: Consultation, admin: User
) -> None:
    pending = comment(consultation)
    client = signed_in(admin)
    url = _staff(consultation, f"comments/{pending.pk}/moderate/")
    response = client.post(url, {"decision": "reject", "reason": ""}, follow=True)
    assert "Say why the comment is withheld" in response.content.decode()
    assert Comment.objects.get().status == "pending"
    client.post(url, {"decision": "reject", "reason": "Doxxing"})
    assert Comment.objects.get().rejection_reason == "Doxxing"
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry is not None and entry.reasons == ["Doxxing"]


def test_it_marks_considered_only_after_the_close(consultation: Consultation, admin: User) -> None:
    kept = actions.moderate_comment(comment(consultation), accept=True, reason="", actor=admin)
    client = signed_in(admin)
    url = _staff(consultation, f"comments/{kept.pk}/consider/")
    response = client.post(url, {"response": "Noted"}, follow=True)
    assert "Comments are considered after the consultation closes" in response.content.decode()
    assert Comment.objects.get().considered_at is None
    past_close(consultation, close=True)
    client.post(url, {"response": "Added a condition"})
    saved = Comment.objects.get()
    assert saved.considered_at is not None and saved.considered_by == admin
    assert saved.response == "Added a condition"


def test_it_lets_only_staff_mark_considered(
    consultation: Consultation, admin: User, officer: User
) -> None:
    kept = actions.moderate_comment(comment(consultation), accept=True, reason="", actor=admin)
    consultation = past_close(consultation, close=True)
    url = _staff(consultation, f"comments/{kept.pk}/consider/")
    assert Client().post(url, {"response": ""}).status_code == 302  # to sign-in
    assert signed_in(officer).post(url, {"response": ""}).status_code == 404
    nobody = make_user("nobody")
    with pytest.raises(PermissionDenied):
        actions.mark_considered(kept, response="", actor=nobody)
    assert Comment.objects.get().considered_at is None


def test_it_lets_the_matter_decide_who_manages(
    consultation: Consultation, officer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert signed_in(officer).get(_staff(consultation)).status_code == 404  # none registered
    monkeypatch.setitem(
        access._managers, "registry.organisation", lambda user, matter: user == officer
    )
    assert signed_in(officer).get(_staff(consultation)).status_code == 200


def test_it_refuses_a_second_manager_for_one_kind_of_matter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from oversight.registry.models import Organisation

    monkeypatch.setitem(access._managers, "registry.organisation", lambda user, matter: False)
    with pytest.raises(ValueError, match="already registered"):
        access.register_manager(Organisation, lambda user, matter: True)


def test_it_sends_an_invitation_on_commit_once(
    consultation: Consultation,
    admin: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    client = signed_in(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_staff(consultation, "invite/"), {"email": "ngo@example.org"})
        client.post(_staff(consultation, "invite/"), {"email": "NGO@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []  # queued with the invitation; the worker sends it
    run_tasks()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ngo@example.org"]
    assert consultation.reference in message.body and consultation.title in message.subject
    assert f"/consultations/{consultation.reference}/" in message.body
    assert Invitation.objects.count() == 1
    assert "ngo@example.org" not in str(list(AuditEntry.objects.values()))


def test_it_sends_nothing_when_the_transaction_fails(
    consultation: Consultation,
    admin: User,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError),
    ):
        actions.invite(consultation, email="not an address", actor=admin)
    run_tasks()
    assert callbacks == [] and mail.outbox == []


def test_it_refuses_to_close_early_and_closes_once(
    consultation: Consultation, admin: User
) -> None:
    client = signed_in(admin)
    response = client.post(_staff(consultation, "close/"), follow=True)
    assert "cannot be closed early" in response.content.decode()
    past_close(consultation)
    client.post(_staff(consultation, "close/"))
    client.post(_staff(consultation, "close/"))
    assert Consultation.objects.get().closed_at is not None
    assert AuditEntry.objects.filter(action="consultations.consultation.closed").count() == 1
