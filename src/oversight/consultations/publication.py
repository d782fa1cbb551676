"""Publication schemas: consultations, and the accepted comments of closed ones.

Pending and withheld comments, idempotency keys, moderators and attachments' storage
names are never listed here, so they cannot reach a public page, download or the API.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from oversight.consultations.models import Comment, Consultation, StakeholderType
from oversight.core.publication import Filter, Link, Schema, register


def _stakeholder_types() -> list[tuple[str, str]]:
    return [(str(value), str(label)) for value, label in StakeholderType.choices]


def _published_comments() -> QuerySet[Comment]:
    return Comment.objects.published()


consultations = register(
    Schema(
        name="consultations",
        title=str(_("Consultations")),
        description=str(
            _(
                "Public comment periods on licence applications and purchase proposals: the "
                "public notice, the redactions with their reasons, and when each opens and "
                "closes."
            )
        ),
        queryset=Consultation.objects.all,
        key="reference",
        fields={
            "reference": "reference",
            "title": "title",
            "matter_kind": "matter_type__model",
            "notice": "notice",
            "redactions": "redactions",
            "opens_at": "opens_at",
            "closes_at": "closes_at",
            "closed_at": "closed_at",
        },
        labels={
            "reference": str(_("Reference")),
            "title": str(_("Title")),
            "matter_kind": str(_("About a")),
            "notice": str(_("Public notice")),
            "redactions": str(_("Redactions and reasons")),
            "opens_at": str(_("Opens")),
            "closes_at": str(_("Closes")),
            "closed_at": str(_("Closed")),
        },
        search=("title", "reference"),
        filters=(Filter("year", str(_("Year opened")), "opens_at__year", "int"),),
        list_fields=("reference", "title", "opens_at", "closes_at", "closed_at"),
        ordering=("-opens_at", "reference"),
        licence="CC-BY-4.0",
    )
)

comments = register(
    Schema(
        name="comments",
        title=str(_("Consultation comments")),
        description=str(
            _(
                "Accepted comments of closed consultations, with the officer's response. "
                "Names appear only where the commenter gave one."
            )
        ),
        queryset=_published_comments,
        key="id",
        fields={
            "id": "id",
            "consultation": "consultation__reference",
            "name": "name",
            "stakeholder_type": "stakeholder_type",
            "text": "text",
            "submitted_at": "submitted_at",
            "considered_at": "considered_at",
            "response": "response",
        },
        labels={
            "id": str(_("Number")),
            "consultation": str(_("Consultation")),
            "name": str(_("Name")),
            "stakeholder_type": str(_("Stakeholder type")),
            "text": str(_("Comment")),
            "submitted_at": str(_("Submitted")),
            "considered_at": str(_("Considered")),
            "response": str(_("Officer's response")),
        },
        search=("text", "name", "response", "consultation__reference"),
        filters=(
            Filter(
                "stakeholder_type",
                str(_("Stakeholder type")),
                "stakeholder_type",
                choices=_stakeholder_types,
            ),
        ),
        links={"consultation": Link("consultations", "consultation__reference")},
        list_fields=("id", "consultation", "stakeholder_type", "name", "considered_at"),
        ordering=("consultation__reference", "id"),
        licence="CC-BY-4.0",
    )
)
