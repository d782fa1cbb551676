"""Publication schemas of company compliance: commitments, due diligence, misuse reports.

Misuse reports are public once substantiated (and after resolution), never with who
reported them; due diligence only by its public summary.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from oversight.companies.models import DueDiligence, HumanRightsCommitment, MisuseReport
from oversight.core.publication import Filter, Link, Schema, register


def _public_misuse() -> QuerySet[MisuseReport]:
    return MisuseReport.objects.public()


COMPANY = {"company": "company__name", "company_slug": "company__slug"}
COMPANY_LABELS = {"company": str(_("Company")), "company_slug": str(_("Company identifier"))}
COMPANY_LINKS = {
    "company": Link("organisations", "company__slug"),
    "company_slug": Link("organisations", "company__slug"),
}

commitments = register(
    Schema(
        name="commitments",
        title=str(_("Human rights commitments")),
        description=str(
            _(
                "Companies' public policy commitments to respect human rights under the UN "
                "Guiding Principles, with when each was adopted and last reviewed."
            )
        ),
        queryset=HumanRightsCommitment.objects.all,
        fields={
            **{"id": "id"},
            **COMPANY,
            "url": "url",
            "adopted_on": "adopted_on",
            "last_reviewed_on": "last_reviewed_on",
        },
        labels={
            **COMPANY_LABELS,
            "id": str(_("Number")),
            "url": str(_("Public URL")),
            "adopted_on": str(_("Adopted on")),
            "last_reviewed_on": str(_("Last reviewed on")),
        },
        search=("company__name",),
        links=COMPANY_LINKS,
        list_fields=("company", "adopted_on", "last_reviewed_on", "url"),
        ordering=("company__name", "-adopted_on"),
        licence="CC-BY-4.0",
    )
)

due_diligence = register(
    Schema(
        name="due-diligence",
        title=str(_("Product due diligence")),
        description=str(
            _(
                "Human rights due diligence companies completed for each product, with its "
                "public summary and how long it is valid."
            )
        ),
        queryset=DueDiligence.objects.all,
        fields={
            **{"id": "id"},
            **COMPANY,
            "technology": "technology__name",
            "technology_slug": "technology__slug",
            "summary": "summary",
            "url": "url",
            "completed_on": "completed_on",
            "valid_until": "valid_until",
        },
        labels={
            **COMPANY_LABELS,
            "id": str(_("Number")),
            "technology": str(_("Technology")),
            "technology_slug": str(_("Technology identifier")),
            "summary": str(_("Public summary")),
            "url": str(_("Document URL")),
            "completed_on": str(_("Completed on")),
            "valid_until": str(_("Valid until")),
        },
        search=("company__name", "technology__name", "summary"),
        links={
            **COMPANY_LINKS,
            "technology": Link("technologies", "technology__slug"),
            "technology_slug": Link("technologies", "technology__slug"),
        },
        list_fields=("company", "technology", "completed_on", "valid_until"),
        ordering=("company__name", "technology__name", "-completed_on"),
        licence="CC-BY-4.0",
    )
)

misuse_reports = register(
    Schema(
        name="misuse-reports",
        title=str(_("Misuse reports")),
        description=str(
            _(
                "Substantiated reports of misuse of a company's products, and how they were "
                "resolved. Reports under investigation or found unsubstantiated are not listed."
            )
        ),
        queryset=_public_misuse,
        fields={
            **{"id": "id"},
            **COMPANY,
            "technology": "technology__name",
            "technology_slug": "technology__slug",
            "end_user": "end_user__name",
            "end_user_slug": "end_user__slug",
            "end_user_text": "end_user_text",
            "description": "description",
            "reported_on": "reported_on",
            "status": "status",
            "resolution": "resolution",
            "resolved_on": "resolved_on",
        },
        labels={
            **COMPANY_LABELS,
            "id": str(_("Number")),
            "technology": str(_("Technology")),
            "technology_slug": str(_("Technology identifier")),
            "end_user": str(_("End user")),
            "end_user_slug": str(_("End user identifier")),
            "end_user_text": str(_("End user (as reported)")),
            "description": str(_("Description")),
            "reported_on": str(_("Reported on")),
            "status": str(_("Status")),
            "resolution": str(_("Resolution")),
            "resolved_on": str(_("Resolved on")),
        },
        search=("company__name", "technology__name", "end_user__name", "end_user_text"),
        filters=(
            Filter(
                "status",
                str(_("Status")),
                "status",
                choices=lambda: [
                    (
                        MisuseReport.Status.SUBSTANTIATED.value,
                        str(MisuseReport.Status.SUBSTANTIATED.label),
                    ),
                    (MisuseReport.Status.RESOLVED.value, str(MisuseReport.Status.RESOLVED.label)),
                ],
            ),
        ),
        links={
            **COMPANY_LINKS,
            "technology": Link("technologies", "technology__slug"),
            "technology_slug": Link("technologies", "technology__slug"),
            "end_user": Link("organisations", "end_user__slug"),
            "end_user_slug": Link("organisations", "end_user__slug"),
        },
        list_fields=("company", "technology", "end_user", "reported_on", "status"),
        ordering=("-reported_on", "id"),
        licence="CC-BY-4.0",
    )
)
