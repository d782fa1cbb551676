"""Who may manage a consultation (moderate, consider, invite), and fetching for them.

Administrators always may; otherwise the matter decides through its optional
`may_manage_consultation(user) -> bool`. "Not there" and "not yours" are one 404.
"""

from django.http import Http404

from oversight.accounts.access import AnyUser, is_administrator, roles_of
from oversight.consultations.models import Comment, Consultation


def is_staff_user(user: AnyUser) -> bool:
    return bool(roles_of(user))


def may_manage(user: AnyUser, consultation: Consultation) -> bool:
    if not user.is_authenticated:
        return False
    if is_administrator(user):
        return True
    decide = getattr(consultation.matter, "may_manage_consultation", None)
    return bool(callable(decide) and decide(user))


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
