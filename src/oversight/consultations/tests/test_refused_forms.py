"""A refused staff form comes back as typed, each reason beside its field, as a 400."""

import re
from html import escape

import pytest

from oversight.accounts.models import User
from oversight.accounts.tests.helpers import signed_in
from oversight.consultations import actions
from oversight.consultations.models import Comment, Consultation, Invitation
from oversight.consultations.tests.helpers import comment
from oversight.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _staff(consultation: Consultation, tail: str = "") -> str:
    return f"/staff/consultations/{consultation.reference}/{tail}"


def _refused(admin: User, url: str, data: dict[str, str]) -> str:
    before = AuditEntry.objects.count(), list(Comment.objects.values()), Invitation.objects.count()
    response = signed_in(admin).post(url, data)
    assert response.status_code == 400, response.content.decode()[-1500:]
    after = AuditEntry.objects.count(), list(Comment.objects.values()), Invitation.objects.count()
    assert after == before
    return response.content.decode()


def test_it_keeps_a_withholding_without_reason_as_chosen(
    consultation: Consultation, admin: User
) -> None:
    other, pending = comment(consultation, "First"), comment(consultation, "Second")
    page = _refused(
        admin, _staff(consultation, f"comments/{pending.pk}/moderate/"), {"decision": "reject"}
    )
    reason = "Say why the comment is withheld; the reason is published in its place."
    field = re.search(rf'id="moderationform-{pending.pk}-reason".*?</p>', page, re.S)
    assert field is not None and escape(reason) in field.group(0)  # beside the field
    assert re.search(rf'value="reject"[^>]*id="moderationform-{pending.pk}-decision_1"', page) or (
        re.search(rf'<input[^>]*value="reject"[^>]*checked[^>]*{pending.pk}', page)
    )
    assert not re.search(rf"<input[^>]*checked[^>]*moderationform-{other.pk}-", page)
    assert page.count(escape(reason)) == 2  # beside the field, and in the summary


def test_it_refuses_a_response_before_the_close_with_its_reason(
    consultation: Consultation, admin: User
) -> None:
    """The page offers no response form before the close: only the summary comes back."""
    kept = actions.moderate_comment(comment(consultation), accept=True, reason="", actor=admin)
    page = _refused(
        admin, _staff(consultation, f"comments/{kept.pk}/consider/"), {"response": "Noted"}
    )
    assert "Comments are considered after the consultation closes" in page


def test_it_keeps_a_bad_invitation_address_as_typed(
    consultation: Consultation, admin: User
) -> None:
    page = _refused(admin, _staff(consultation, "invite/"), {"email": "someone@"})
    assert 'value="someone@"' in page
    assert "Enter a valid email address." in page


def test_it_refuses_an_early_close_with_its_reason(
    consultation: Consultation, admin: User
) -> None:
    page = _refused(admin, _staff(consultation, "close/"), {})
    assert "it cannot be closed early" in page
    consultation.refresh_from_db()
    assert consultation.closed_at is None
