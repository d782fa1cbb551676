"""Publication schemas: consultations, and the accepted comments of closed ones.

Pending and withheld comments, idempotency keys, moderators and attachments' storage
names are never listed here, so they cannot reach a public page, download or the API.
Column headings are the models' verbose names, except those given here.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from oversight.consultations.models import Comment, Consultation, StakeholderType
from oversight.core.publication import (
    Facet,
    Filter,
    Link,
    Schema,
    choices,
    headings,
    register,
    same,
)


def _published_comments() -> QuerySet[Comment]:
    return Comment.objects.published()


consultations = register(
    Schema(
        name="consultations",
        title=_("Consultations"),
        description=_(
            "Public comment periods on licence applications and purchase proposals: the "
            "public notice, the redactions with their reasons, and when each opens and "
            "closes."
        ),
        queryset=Consultation.objects.all,
        key="reference",
        fields={
            **same("reference title"),
            "matter_kind": "matter_type__model",
            **same("notice redactions opens_at closes_at closed_at"),
        },
        labels=headings(
            matter_kind=_("About a"),
            redactions=_("Redactions and reasons"),
            opens_at=_("Opens"),
            closes_at=_("Closes"),
            closed_at=_("Closed"),
        ),
        search=("title", "reference"),
        facets=(Facet("year", "opens_at__year"),),
        filters=(Filter("year", _("Year opened"), "opens_at__year", "int"),),
        list_fields=("reference", "title", "opens_at", "closes_at", "closed_at"),
        ordering=("-opens_at", "reference"),
        licence="CC-BY-4.0",
    )
)

comments = register(
    Schema(
        name="comments",
        title=_("Consultation comments"),
        description=_(
            "Accepted comments of closed consultations, with the officer's response. "
            "Names appear only where the commenter gave one."
        ),
        queryset=_published_comments,
        key="id",
        fields={
            "id": "id",
            "consultation": "consultation__reference",
            **same("name stakeholder_type text submitted_at considered_at response"),
        },
        labels=headings(
            id=_("Number"),
            consultation=_("Consultation"),
            submitted_at=_("Submitted"),
            considered_at=_("Considered"),
            response=_("Officer's response"),
        ),
        search=("text", "name", "response", "consultation__reference"),
        filters=(
            Filter(
                "stakeholder_type",
                _("Stakeholder type"),
                "stakeholder_type",
                choices=choices(StakeholderType),
            ),
        ),
        links={"consultation": Link("consultations", "consultation__reference")},
        list_fields=("id", "consultation", "stakeholder_type", "name", "considered_at"),
        ordering=("consultation__reference", "id"),
        licence="CC-BY-4.0",
    )
)
