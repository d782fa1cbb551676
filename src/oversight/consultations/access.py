"""Who may manage a consultation (moderate, consider, invite), and fetching for them.

Administrators always may. Otherwise the app that owns the matter says who may, by
registering a `Manages` function for its model (licensing does so for applications in
its `AppConfig.ready`). A matter whose app registered none is managed by administrators
only. "Not there" and "not yours" are one 404.
"""

from collections.abc import Callable
from typing import Any, TypeAlias

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Min, Model, Prefetch, QuerySet
from django.db.models.functions import Cast
from django.http import Http404

from oversight.accounts.access import AnyUser, is_administrator, roles_of
from oversight.consultations.models import Comment, CommentAttachment, Consultation

# (user, matter) -> whether the user may manage the consultation on that matter.
Manages: TypeAlias = Callable[[AnyUser, Any], bool]

_managers: dict[str, Manages] = {}


def register_manager(model: type[Model], manages: Manages) -> None:
    """Declare who may manage consultations on `model`'s rows; once per model."""
    label = model._meta.label_lower
    if _managers.get(label, manages) is not manages:
        raise ValueError(f"Consultation managers for {label} are already registered")
    _managers[label] = manages


def consultations_on(matters: QuerySet[Any]) -> QuerySet[Consultation]:
    """The consultations held on these matters (already scoped by the matters' app)."""
    keys = matters.annotate(matter_key=Cast("pk", CharField())).values("matter_key")
    kind = ContentType.objects.get_for_model(matters.model)
    return Consultation.objects.filter(matter_type=kind, matter_id__in=keys)


def waiting_on(matters: QuerySet[Any], now: Any) -> dict[str, dict[str, Any]]:
    """What waits on these matters' consultations: comments to moderate, and periods
    that have ended; each with its count and since when (for the staff dashboard)."""
    held = consultations_on(matters)
    comments = Comment.objects.filter(consultation__in=held, status=Comment.Status.PENDING)
    return {
        "comments": comments.aggregate(oldest=Min("submitted_at"), count=Count("pk")),
        "ended": held.filter(closes_at__lte=now).aggregate(
            oldest=Min("closes_at"), count=Count("pk")
        ),
    }


def is_staff_user(user: AnyUser) -> bool:
    return bool(roles_of(user))


def may_manage(user: AnyUser, consultation: Consultation) -> bool:
    if not user.is_authenticated:
        return False
    if is_administrator(user):
        return True
    manages = _managers.get(
        f"{consultation.matter_type.app_label}.{consultation.matter_type.model}"
    )
    return manages is not None and manages(user, consultation.matter)


def published_comments(consultation: Consultation) -> list[Comment]:
    """The published comments, with their files, once the consultation has closed."""
    if not consultation.is_closed:
        return []
    attachments = Prefetch(
        "attachments",
        CommentAttachment.objects.only(
            "pk", "comment_id", "original_name", "content_type", "size"
        ),
    )
    return list(consultation.comments.published().prefetch_related(attachments))


def published_attachment(reference: str, pk: int) -> CommentAttachment | None:
    """A file of a published comment on consultation `reference`; nothing of any other."""
    return (
        CommentAttachment.objects.filter(
            pk=pk,
            comment__in=Comment.objects.published(),
            comment__consultation__reference=reference.upper(),
        )
        .only("file", "original_name", "content_type")
        .first()
    )


def get_consultation_for_manager(user: AnyUser, reference: str) -> Consultation:
    consultation = Consultation.objects.filter(reference=reference.upper()).first()
    if consultation is None or not may_manage(user, consultation):
        raise Http404
    return consultation


def get_comment_for_manager(user: AnyUser, consultation: Consultation, pk: int) -> Comment:
    comment = consultation.comments.filter(pk=pk).first()
    if comment is None or not may_manage(user, consultation):
        raise Http404
    return comment
