"""Publication schemas of structured due diligence and the contract register's coverage.

Assessments per product and stage, their risk ratings and consultations, are public, so
that companies compare (para. 67(a)). Of the contract register only the clause coverage
per product and country is public: never a customer, a contract or its date.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from oversight.companies.models import (
    AssessedRisk,
    Clause,
    ClauseCoverage,
    Consultation,
    Right,
    Stage,
    StageAssessment,
)
from oversight.companies.publication import COMPANY, COMPANY_LINKS, LABELS
from oversight.core.publication import (
    Filter,
    Schema,
    choices,
    headings,
    linked,
    register,
    same,
)

PRODUCT = {"technology": "technology__name", "technology_slug": "technology__slug"}
PRODUCT_LINKS = linked("technologies", "technology__slug", " ".join(PRODUCT))
STAGE_FILTER = Filter("stage", _("Stage"), "stage", choices=choices(Stage))


def _public_assessments() -> QuerySet[StageAssessment]:
    return StageAssessment.objects.filter(technology__published=True)


def _public_risks() -> QuerySet[AssessedRisk]:
    return AssessedRisk.objects.filter(assessment__technology__published=True)


def _public_consultations() -> QuerySet[Consultation]:
    return Consultation.objects.filter(assessment__technology__published=True)


def _public_coverage() -> QuerySet[ClauseCoverage]:
    return ClauseCoverage.objects.filter(technology__published=True, contracts__gt=0)


assessments = register(
    Schema(
        name="due-diligence-assessments",
        title=_("Due diligence per product and stage"),
        description=_(
            "Companies' human rights due diligence of each product at each stage (design, "
            "development, sale, servicing): when it was assessed, when it must be reviewed, "
            "and the human-rights-by-design features it has. Its risks and consultations "
            "are in their own datasets."
        ),
        queryset=_public_assessments,
        fields={
            "id": "id",
            **COMPANY,
            **PRODUCT,
            **same("stage assessed_on review_by summary features"),
        },
        labels=headings(**LABELS, technology=_("Product")),
        search=("company__name", "technology__name", "summary"),
        filters=(STAGE_FILTER,),
        links={**COMPANY_LINKS, **PRODUCT_LINKS},
        list_fields=("company", "technology", "stage", "assessed_on", "review_by"),
        ordering=("company__name", "technology__name", "stage", "-assessed_on"),
        licence="CC-BY-4.0",
    )
)

risks = register(
    Schema(
        name="due-diligence-risks",
        title=_("Due diligence: risks per right"),
        description=_(
            "The risk each due diligence assessment finds to each right (privacy, "
            "expression, assembly, non-discrimination, life and security), its likelihood "
            "and severity from 1 (low) to 4 (very high), and its mitigation."
        ),
        queryset=_public_risks,
        fields={
            "id": "id",
            "assessment": "assessment_id",
            "company": "assessment__company__name",
            "company_slug": "assessment__company__slug",
            "technology": "assessment__technology__name",
            "stage": "assessment__stage",
            **same("right likelihood severity mitigation"),
        },
        labels=headings(
            id=LABELS["id"],
            assessment=_("Assessment"),
            company=_("Company"),
            company_slug=LABELS["company_slug"],
            technology=_("Product"),
            stage=_("Stage"),
        ),
        filters=(
            Filter("right", _("Right"), "right", choices=choices(Right)),
            Filter("stage", _("Stage"), "assessment__stage", choices=choices(Stage)),
        ),
        links={
            **linked("organisations", "assessment__company__slug", "company company_slug"),
            **linked("due-diligence-assessments", "assessment_id", "assessment"),
        },
        list_fields=("company", "technology", "stage", "right", "likelihood", "severity"),
        ordering=("assessment__company__name", "assessment_id", "right"),
        licence="CC-BY-4.0",
    )
)

consultations = register(
    Schema(
        name="due-diligence-consultations",
        title=_("Due diligence: civil-society consultations"),
        description=_(
            "The consultations with civil society that companies held for their due "
            "diligence: with whom, when, and what changed because of them."
        ),
        queryset=_public_consultations,
        fields={
            "id": "id",
            "assessment": "assessment_id",
            "company": "assessment__company__name",
            "company_slug": "assessment__company__slug",
            "technology": "assessment__technology__name",
            "stage": "assessment__stage",
            **same("held_with held_on outcome"),
        },
        labels=headings(
            id=LABELS["id"],
            assessment=_("Assessment"),
            company=_("Company"),
            company_slug=LABELS["company_slug"],
            technology=_("Product"),
            stage=_("Stage"),
        ),
        search=("assessment__company__name", "held_with", "outcome"),
        links={
            **linked("organisations", "assessment__company__slug", "company company_slug"),
            **linked("due-diligence-assessments", "assessment_id", "assessment"),
        },
        list_fields=("company", "technology", "stage", "held_with", "held_on"),
        ordering=("assessment__company__name", "held_on", "id"),
        licence="CC-BY-4.0",
    )
)

CLAUSE_FIELDS = {code: f"carrying__{code}" for code in Clause.values}

clause_coverage = register(
    Schema(
        name="clause-coverage",
        title=_("Contract clause coverage"),
        description=_(
            "For each company, product and country: how many of its customer contracts "
            "there carry each clause of the clause library (prohibited customisation, "
            "targeting, servicing and use; audit rights; suspension and termination on "
            "misuse; end-use reporting). Customers and contracts stay confidential."
        ),
        queryset=_public_coverage,
        fields={
            "id": "id",
            **COMPANY,
            **PRODUCT,
            "destination": "destination__name",
            "destination_code": "destination_id",
            "contracts": "contracts",
            **CLAUSE_FIELDS,
        },
        labels=headings(
            **LABELS,
            technology=_("Product"),
            destination_code=_("Country code"),
            **{code: Clause(code).label for code in Clause.values},
        ),
        links={
            **COMPANY_LINKS,
            **PRODUCT_LINKS,
            **linked("jurisdictions", "destination_id", "destination destination_code"),
        },
        list_fields=("company", "technology", "destination", "contracts", *Clause.values),
        ordering=("company__name", "technology__name", "destination__name"),
        licence="CC-BY-4.0",
    )
)
