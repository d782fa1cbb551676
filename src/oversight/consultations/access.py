"""Who may manage a consultation (moderate, consider, invite), and fetching for them.

Administrators always may. Otherwise the app that owns the matter says who may, by
registering a `Manages` function for its model (licensing does so for applications in
its `AppConfig.ready`). A matter whose app registered none is managed by administrators
only. "Not there" and "not yours" are one 404.
"""

from collections.abc import Callable
from typing import Any, TypeAlias

from django.db.models import Model, Prefetch
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
