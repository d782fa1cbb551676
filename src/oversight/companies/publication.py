"""Publication schemas of company compliance: commitments, due diligence, misuse reports.

Misuse reports are public once substantiated (and after resolution), never with who
reported them; due diligence only by its public summary. Column headings are the
models' verbose names, except those given here.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from oversight.companies.models import DueDiligence, HumanRightsCommitment, MisuseReport
from oversight.core.publication import Filter, Schema, choices, headings, linked, register, same


def _public_misuse() -> QuerySet[MisuseReport]:
    return MisuseReport.objects.public()


COMPANY = {"company": "company__name", "company_slug": "company__slug"}
TECHNOLOGY = {"technology": "technology__name", "technology_slug": "technology__slug"}
LABELS = headings(
    id=_("Number"),
    company_slug=_("Company identifier"),
    technology_slug=_("Technology identifier"),
)
COMPANY_LINKS = linked("organisations", "company__slug", " ".join(COMPANY))
TECHNOLOGY_LINKS = linked("technologies", "technology__slug", " ".join(TECHNOLOGY))

commitments = register(
    Schema(
        name="commitments",
        title=_("Human rights commitments"),
        description=_(
            "Companies' public policy commitments to respect human rights under the UN "
            "Guiding Principles, every version of each: its text, who signed it, when it "
            "was adopted and last reviewed."
        ),
        queryset=HumanRightsCommitment.objects.all,
        fields={
            "id": "id",
            **COMPANY,
            **same("version url signatory adopted_on last_reviewed_on text"),
        },
        labels=headings(id=LABELS["id"], company_slug=LABELS["company_slug"]),
        search=("company__name",),
        links=COMPANY_LINKS,
        list_fields=("company", "version", "adopted_on", "last_reviewed_on", "url"),
        ordering=("company__name", "-version"),
        licence="CC-BY-4.0",
    )
)

due_diligence = register(
    Schema(
        name="due-diligence",
        title=_("Product due diligence"),
        description=_(
            "Human rights due diligence companies completed for each product, with its "
            "public summary and how long it is valid."
        ),
        queryset=DueDiligence.objects.all,
        fields={
            "id": "id",
            **COMPANY,
            **TECHNOLOGY,
            **same("summary url completed_on valid_until"),
        },
        labels=LABELS,
        search=("company__name", "technology__name", "summary"),
        links={**COMPANY_LINKS, **TECHNOLOGY_LINKS},
        list_fields=("company", "technology", "completed_on", "valid_until"),
        ordering=("company__name", "technology__name", "-completed_on"),
        licence="CC-BY-4.0",
    )
)

misuse_reports = register(
    Schema(
        name="misuse-reports",
        title=_("Misuse reports"),
        description=_(
            "Substantiated reports of misuse of a company's products, and how they were "
            "resolved. Reports under investigation or found unsubstantiated are not listed."
        ),
        queryset=_public_misuse,
        fields={
            **{"id": "id", **COMPANY, **TECHNOLOGY},
            "end_user": "end_user__name",
            "end_user_slug": "end_user__slug",
            **same("end_user_text description reported_on status resolution resolved_on"),
            **same("addressed_to status_reasons"),
        },
        labels=headings(**LABELS, end_user_slug=_("End user identifier")),
        search=("company__name", "technology__name", "end_user__name", "end_user_text"),
        filters=(
            Filter(
                "status",
                _("Status"),
                "status",
                choices=choices([MisuseReport.Status.SUBSTANTIATED, MisuseReport.Status.RESOLVED]),
            ),
        ),
        links={
            **COMPANY_LINKS,
            **TECHNOLOGY_LINKS,
            **linked("organisations", "end_user__slug", "end_user end_user_slug"),
        },
        list_fields=("company", "technology", "end_user", "reported_on", "status"),
        ordering=("-reported_on", "id"),
        licence="CC-BY-4.0",
    )
)
