"""Pure rules of a comment period: inputs in, a verdict and readable reasons out."""

from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from oversight.consultations.models import Comment, Consultation
from oversight.core.rules import Verdict

DEFAULT_DAYS = 30
MAX_DAYS = 365
MAX_COMMENT_CHARS = 20_000


def when(moment: datetime) -> str:
    """A moment as people read it, in the site's time zone, e.g. "1 March 2026, 17:00 UTC"."""
    local = timezone.localtime(moment)
    return f"{formats.date_format(local, 'j F Y, H:i')} {local.tzname()}"


def taking_comments(consultation: Consultation, now: datetime) -> Verdict:
    if consultation.closed_at is not None or now >= consultation.closes_at:
        closed = consultation.closed_at or consultation.closes_at
        closed = min(closed, consultation.closes_at)
        return Verdict.of(
            [
                _("This consultation closed on %(when)s; comments are no longer accepted.")
                % {"when": when(closed)}
            ]
        )
    if now < consultation.opens_at:
        return Verdict.of(
            [
                _("This consultation opens on %(when)s; comments are accepted from then.")
                % {"when": when(consultation.opens_at)}
            ]
        )
    return Verdict.of([])


def may_consider(consultation: Consultation, comment: Comment) -> Verdict:
    reasons = []
    if consultation.closed_at is None:
        reasons.append(
            _("Comments are considered after the consultation closes (it closes on %(when)s).")
            % {"when": when(consultation.closes_at)}
        )
    if comment.status != Comment.Status.ACCEPTED:
        reasons.append(
            _("Only accepted comments are considered; this one is %(status)s.")
            % {"status": comment.get_status_display()}
        )
    return Verdict.of(reasons)


def ready_for_decision(consultation: Consultation, now: datetime) -> Verdict:
    """Closed, nothing awaiting moderation, and every accepted comment considered."""
    reasons = []
    if consultation.closed_at is None:
        if now < consultation.closes_at:
            reasons.append(
                _("The consultation is still open until %(when)s.")
                % {"when": when(consultation.closes_at)}
            )
        else:
            reasons.append(_("The consultation's closing time has passed but it is not closed."))
    comments = list(consultation.comments.only("pk", "status", "considered_at"))
    pending = [c for c in comments if c.status == Comment.Status.PENDING]
    if pending:
        reasons.append(
            ngettext(
                "%(count)d comment awaits moderation.",
                "%(count)d comments await moderation.",
                len(pending),
            )
            % {"count": len(pending)}
        )
    for comment in comments:
        if comment.status == Comment.Status.ACCEPTED and comment.considered_at is None:
            reasons.append(
                _("Comment #%(id)d has not been marked as considered.") % {"id": comment.pk}
            )
    return Verdict.of(reasons)


def check_redactions(redactions: list[dict[str, str]]) -> list[str]:
    """Every redaction names a field and gives its reason."""
    problems = []
    for index, item in enumerate(redactions, start=1):
        if not isinstance(item, dict) or not str(item.get("field", "")).strip():
            problems.append(_("Redaction %(n)d: name the withheld field.") % {"n": index})
        elif not str(item.get("reason", "")).strip():
            problems.append(
                _("Redaction of “%(field)s”: a redaction needs a recorded reason.")
                % {"field": item["field"]}
            )
    return problems
