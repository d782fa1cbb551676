"""Every write of a consultation, one function per change, each audited in its transaction.

The public audit log never carries a comment's text or the commenter's name, nor an
invited stakeholder's address: ids, statuses and reasons only.
"""

import re
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.consultations import access, rules, uploads
from oversight.consultations.events import Event
from oversight.consultations.models import (
    Comment,
    CommentAttachment,
    Consultation,
    Invitation,
    StakeholderType,
)
from oversight.core import audit
from oversight.ops import actions as ops

KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def _require_staff(actor: Any) -> None:
    if actor is None or not access.is_staff_user(actor):
        raise PermissionDenied(_("Only signed-in staff may do this."))


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _check_opening(
    title: str, notice: dict[str, str], redactions: list[dict[str, str]], days: int
) -> None:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the consultation a title.")]
    if not notice or not all(str(label).strip() for label in notice):
        errors["notice"] = [_("The public notice needs at least one labelled field.")]
    if not 1 <= days <= rules.MAX_DAYS:
        errors["days"] = [_("A comment period lasts 1 to %(max)d days.") % {"max": rules.MAX_DAYS}]
    if problems := rules.check_redactions(redactions):
        errors["redactions"] = problems
    if errors:
        raise ValidationError(errors)


def open_consultation(
    matter: models.Model,
    *,
    title: str,
    notice: dict[str, str],
    redactions: list[dict[str, str]],
    days: int = rules.DEFAULT_DAYS,
    actor: Any,
) -> Consultation:
    """Open a comment period on `matter` now, for `days` days; its reference is C-YYYY-NNNN."""
    _check_opening(title, notice, redactions, days)
    now = timezone.now()
    with transaction.atomic():
        consultation = Consultation.objects.create(
            matter_type=ContentType.objects.get_for_model(matter),
            matter_id=str(matter.pk),
            reference=f"new-{secrets.token_hex(8)}",  # numbered once the row has its id
            title=title.strip(),
            notice={str(label).strip(): str(value) for label, value in notice.items()},
            redactions=[
                {"field": str(r["field"]).strip(), "reason": str(r["reason"]).strip()}
                for r in redactions
            ],
            opens_at=now,
            closes_at=now + timedelta(days=days),
            opened_by=_user(actor),
        )
        consultation.reference = f"C-{now.year}-{consultation.pk:04d}"
        consultation.save(update_fields=["reference"])
        changes = {
            "reference": [None, consultation.reference],
            "matter": [
                None,
                f"{consultation.matter_type.app_label}.{matter._meta.model_name}"
                f":{consultation.matter_id}",
            ],
            "opens_at": [None, consultation.opens_at],
            "closes_at": [None, consultation.closes_at],
            "redactions": [None, consultation.redactions],
        }
        audit.record(Event.CONSULTATION_OPENED, consultation, actor=actor, changes=changes)
    return consultation


def _check_comment(name: str, stakeholder_type: str, text: str, key: str) -> None:
    errors: dict[str, list[str]] = {}
    if len(name) > 200:
        errors["name"] = [_("A name has at most 200 characters.")]
    if stakeholder_type not in StakeholderType.values:
        errors["stakeholder_type"] = [_("Choose one of the stakeholder types listed.")]
    if not text.strip():
        errors["text"] = [_("Write your comment.")]
    elif len(text) > rules.MAX_COMMENT_CHARS:
        errors["text"] = [
            _("A comment has at most %(n)d characters; attach a file for more.")
            % {"n": rules.MAX_COMMENT_CHARS}
        ]
    if not KEY.match(key):
        errors["idempotency_key"] = [_("This form has expired; reload the page and send again.")]
    if errors:
        raise ValidationError(errors)


def submit_comment(
    consultation: Consultation,
    *,
    name: str,
    stakeholder_type: str,
    text: str,
    files: list[UploadedFile],
    idempotency_key: str,
) -> Comment:
    """A public comment, pending moderation. The same key sent twice makes one comment."""
    existing = Comment.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None and existing.consultation_id == consultation.pk:
        return existing
    verdict = rules.taking_comments(consultation, timezone.now())
    if not verdict.ok:
        verdict.enforce()
    _check_comment(name, stakeholder_type, text, idempotency_key)
    if existing is not None:
        raise ValidationError({"idempotency_key": [_("This form has expired; reload the page.")]})
    checked = uploads.check(files)
    try:
        with transaction.atomic():
            comment = _create_comment(consultation, name, stakeholder_type, text, idempotency_key)
            for item in checked:
                _attach(comment, item)
    except IntegrityError:  # the same form posted twice at once: the other one won
        again = Comment.objects.filter(idempotency_key=idempotency_key).first()
        if again is None:
            raise
        return again
    return comment


def _create_comment(
    consultation: Consultation, name: str, stakeholder_type: str, text: str, key: str
) -> Comment:
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    verdict = rules.taking_comments(locked, timezone.now())
    if not verdict.ok:
        verdict.enforce()
    comment = Comment.objects.create(
        consultation=locked,
        name=name.strip(),
        stakeholder_type=stakeholder_type,
        text=text.strip(),
        idempotency_key=key,
    )
    changes = {"status": [None, comment.status], "stakeholder_type": [None, stakeholder_type]}
    audit.record(Event.COMMENT_SUBMITTED, comment, actor_label="public", changes=changes)
    return comment


def _attach(comment: Comment, item: uploads.Checked) -> CommentAttachment:
    attachment = CommentAttachment(
        comment=comment,
        original_name=item.name,
        content_type=item.content_type,
        size=item.size,
        sha256=item.sha256,
    )
    attachment.file.save("upload", item.upload, save=False)
    attachment.save()
    return attachment


def moderate_comment(comment: Comment, *, accept: bool, reason: str, actor: Any) -> Comment:
    """Accept a comment, or withhold it for abuse with a reason the public can read."""
    _require_staff(actor)
    reason = reason.strip()
    if not accept and not reason:
        raise ValidationError(
            {
                "reason": [
                    _("Say why the comment is withheld; the reason is published in its place.")
                ]
            }
        )
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        old = {"status": locked.status, "rejection_reason": locked.rejection_reason}
        if locked.considered_at is not None:
            raise ValidationError(_("This comment has already been considered."))
        locked.status = Comment.Status.ACCEPTED if accept else Comment.Status.REJECTED
        locked.rejection_reason = "" if accept else reason
        locked.moderated_at, locked.moderated_by = timezone.now(), _user(actor)
        fields = ["status", "rejection_reason", "moderated_at", "moderated_by"]
        locked.save(update_fields=fields)
        new = {"status": locked.status, "rejection_reason": locked.rejection_reason}
        audit.record(
            Event.COMMENT_MODERATED,
            locked,
            actor=actor,
            changes=audit.diff(old, new),
            reasons=[reason] if reason else [],
        )
    return locked


def close_consultation(consultation: Consultation, *, actor: Any) -> Consultation:
    """Close a comment period whose time is up; closing again changes nothing."""
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if locked.closed_at is not None:
            return locked
        now = timezone.now()
        if now < locked.closes_at:
            raise ValidationError(
                _("The comment period runs until %(when)s; it cannot be closed early.")
                % {"when": rules.when(locked.closes_at)}
            )
        locked.closed_at = now
        locked.save(update_fields=["closed_at"])
        counts = {
            status: locked.comments.filter(status=status).count()
            for status in Comment.Status.values
        }
        audit.record(
            Event.CONSULTATION_CLOSED,
            locked,
            actor=actor,
            changes={"closed_at": [None, now], "comments": [None, counts]},
        )
    return locked


def close_due(*, actor: Any = None) -> list[Consultation]:
    """Close every consultation past its closing time (the daily timer)."""
    return [close_consultation(c, actor=actor) for c in Consultation.objects.due().order_by("pk")]


def mark_considered(comment: Comment, *, response: str, actor: Any) -> Comment:
    """Record that the officer considered an accepted comment, with a response if it mattered."""
    _require_staff(actor)
    with transaction.atomic():
        locked = (
            Comment.objects.select_for_update().select_related("consultation").get(pk=comment.pk)
        )
        verdict = rules.may_consider(locked.consultation, locked)
        if not verdict.ok:
            verdict.enforce()
        old = {"considered": locked.considered_at is not None, "response": locked.response}
        locked.considered_at, locked.considered_by = timezone.now(), _user(actor)
        locked.response = response.strip()
        locked.save(update_fields=["considered_at", "considered_by", "response"])
        new = {"considered": True, "response": locked.response}
        audit.record(Event.COMMENT_CONSIDERED, locked, actor=actor, changes=audit.diff(old, new))
    return locked


def invite(
    consultation: Consultation, *, email: str, organisation: Any = None, actor: Any
) -> Invitation:
    """Invite a stakeholder; the e-mail leaves after the commit. Inviting twice sends once."""
    _require_staff(actor)
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": [_("Enter a valid e-mail address.")]}) from None
    if not rules.taking_comments(consultation, timezone.now()).ok:
        raise ValidationError(_("Invitations are sent only while the consultation is open."))
    with transaction.atomic():
        invitation, created = Invitation.objects.get_or_create(
            consultation=consultation,
            email=email,
            defaults={"organisation": organisation, "invited_by": _user(actor)},
        )
        if not created:
            return invitation
        changes = {"organisation": [None, getattr(organisation, "slug", None)]}
        audit.record(Event.INVITATION_SENT, invitation, actor=actor, changes=changes)
        _send_invitation(invitation)
    return invitation


def _send_invitation(invitation: Invitation) -> None:
    consultation = invitation.consultation
    context = {
        "consultation": consultation,
        "when": rules.when(consultation.closes_at),
        "site_url": settings.SITE_URL.rstrip("/"),
    }
    subject = _("Invitation to comment: %(title)s") % {"title": consultation.title}
    body = render_to_string("consultations/email/invitation.txt", context)
    ops.queue_mail("consultations.invitation", subject, body, [invitation.email])
