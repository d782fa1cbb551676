"""Moving a consultation in time, and submitting comments, for the consultations tests."""

import secrets
from datetime import timedelta

from django.utils import timezone

from oversight.consultations import actions
from oversight.consultations.models import Comment, Consultation


def past_close(consultation: Consultation, *, close: bool = False) -> Consultation:
    """Its comment period over (as if 31 days passed); closed too if `close`."""
    now = timezone.now()
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=now - timedelta(days=31), closes_at=now - timedelta(days=1)
    )
    consultation.refresh_from_db()
    if close:
        consultation = actions.close_consultation(consultation, actor=None)
    return consultation


def comment(consultation: Consultation, text: str = "Please refuse.", **kw: str) -> Comment:
    return actions.submit_comment(
        consultation,
        name=kw.get("name", ""),
        stakeholder_type=kw.get("stakeholder_type", "civil_society"),
        text=text,
        files=[],
        idempotency_key=secrets.token_urlsafe(24),
    )
