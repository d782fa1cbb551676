"""Publication schemas of company compliance: commitments, due diligence, misuse reports.

Misuse reports are public once substantiated (and after resolution), never with who
reported them; due diligence only by its public summary. Column headings are the
models' verbose names, except those given here.
"""

from django.db.models import Case, Count, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oversight.companies.models import (
    CorrectiveAction,
    DueDiligence,
    Engagement,
    Finding,
    HumanRightsCommitment,
    MisuseReport,
    Requirement,
    StandardVersion,
)
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


# Standards of conduct and independent audits: adopted requirements, published audits.


def _adopted_requirements() -> QuerySet[Requirement]:
    return Requirement.objects.filter(version__status=StandardVersion.Status.ADOPTED)


def _published_audits() -> QuerySet[Engagement]:
    """Published audits with their counts of findings and of corrective actions overdue
    today; nothing of an engagement before its summary is published."""
    today = timezone.localdate()
    results = {
        key: Count("findings", filter=Q(findings__result=key), distinct=True)
        for key in Finding.Result.values
    }
    rows = Engagement.objects.published().annotate(
        **{f"findings_{key}": count for key, count in results.items()},
        actions_open=Count(
            "findings__actions",
            filter=~Q(findings__actions__status=CorrectiveAction.Status.VERIFIED),
            distinct=True,
        ),
        actions_overdue=Count(
            "findings__actions",
            filter=~Q(findings__actions__status=CorrectiveAction.Status.VERIFIED)
            & Q(findings__actions__due_on__lt=today),
            distinct=True,
        ),
    )
    # The status `audit_rules.audit_status` derives, per audit; the latest is the company's.
    return rows.annotate(
        audit_status=Case(
            When(Q(findings_minor=0, findings_major=0), then=Value("conforms")),
            When(actions_overdue__gt=0, then=Value("overdue")),
            When(actions_open__gt=0, then=Value("open")),
            default=Value("verified"),
        )
    )


def _audited_companies() -> list[tuple[str, str]]:
    rows = Engagement.objects.published().values_list("company__slug", "company__name")
    return sorted(set(rows), key=lambda row: row[1])


def _statuses() -> list[tuple[str, str]]:
    return [
        ("conforms", str(_("Conforms"))),
        ("open", str(_("Corrective actions open"))),
        ("overdue", str(_("Corrective actions overdue"))),
        ("verified", str(_("Corrective actions verified"))),
    ]


standards = register(
    Schema(
        name="standards",
        title=_("Standards of conduct"),
        description=_(
            "The requirements of every adopted version of the industry's standards of "
            "conduct, with their guidance and the recommendation of A/HRC/41/35 each "
            "implements. An adopted version never changes; a change is a new version."
        ),
        queryset=_adopted_requirements,
        fields={
            "id": "id",
            "standard": "version__standard__title",
            "standard_slug": "version__standard__slug",
            "version": "version__number",
            "adopted_on": "version__adopted_on",
            **same("identifier text guidance recommendation"),
        },
        labels=headings(
            id=_("Number"),
            standard=_("Standard"),
            standard_slug=_("Standard identifier"),
            version=_("Version"),
            adopted_on=_("Adopted on"),
        ),
        list_fields=("standard", "version", "identifier", "text", "recommendation"),
        ordering=("version__standard__title", "-version__number", "position"),
        licence="CC-BY-4.0",
    )
)

audits = register(
    Schema(
        name="audit-summaries",
        title=_("Independent audits"),
        description=_(
            "Published summaries of independent audits of companies against a standard of "
            "conduct: the firm, the version, the period, the findings per result and the "
            "corrective actions still open or overdue today."
        ),
        queryset=_published_audits,
        fields={
            "id": "id",
            **COMPANY,
            "firm": "firm__organisation__name",
            "standard": "version__standard__title",
            "version": "version__number",
            **same("period_start period_end published_on summary"),
            **same("findings_conforms findings_minor findings_major findings_observation"),
            **same("actions_open actions_overdue audit_status"),
            "reaudit_of": "reaudit_of_id",
        },
        labels=headings(
            id=_("Number"),
            company_slug=LABELS["company_slug"],
            firm=_("Audit firm"),
            standard=_("Standard"),
            version=_("Version"),
            findings_conforms=_("Requirements met"),
            findings_minor=_("Minor nonconformities"),
            findings_major=_("Major nonconformities"),
            findings_observation=_("Observations"),
            actions_open=_("Corrective actions not yet verified"),
            actions_overdue=_("Corrective actions overdue"),
            reaudit_of=_("Re-audit of"),
            audit_status=_("Audit status (conforms, open, overdue or verified)"),
        ),
        links=COMPANY_LINKS,
        # The company's page (/organisations/<slug>/) links to its audits through this.
        filters=(
            Filter("company", _("Company"), "company__slug", choices=_audited_companies),
            Filter("status", _("Audit status"), "audit_status", choices=_statuses),
        ),
        list_fields=(
            "company",
            "standard",
            "version",
            "published_on",
            "findings_major",
            "findings_minor",
            "actions_overdue",
            "audit_status",
        ),
        ordering=("-published_on", "-id"),
        licence="CC-BY-4.0",
    )
)
