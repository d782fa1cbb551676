"""The UNGP check's elements that read the contract register and the stage assessments.

Each loads the facts and hands them to a pure rule in `rules.py`; `apps.ready()` imports
this module, which adds them to every check with `rules.element_check`. Each element
links to the public company page, where its facts are shown.
"""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _

from oversight.companies.models import CustomerContract, StageAssessment
from oversight.companies.rules import (
    Element,
    Subject,
    clause_coverage_problem,
    element_check,
    stage_problem,
)


def _page(subject: Subject, anchor: str) -> str:
    return reverse("companies:public", kwargs={"slug": subject.company.slug}) + anchor


@element_check
def clause_elements(subject: Subject) -> list[Element]:
    """Clause coverage of each product's contracts to the destination, when there is one."""
    if not subject.destination:
        return []
    elements = []
    for technology in subject.technologies:
        found = (
            CustomerContract.objects.filter(company=subject.company, signed_on__lte=subject.today)
            .for_product_to(technology, subject.destination)
            .values_list("signed_on", "clauses")
        )
        rows = [(str(day), list(clauses)) for day, clauses in found]
        problem = clause_coverage_problem(rows, technology, subject.destination)
        facts = {"n": len(rows), "t": technology, "d": subject.destination}
        fine = (
            _("All %(n)d contracts for %(t)s to %(d)s carry the required clauses.")
            if rows
            else _("No contract for %(t)s to %(d)s is on file yet.")
        ) % facts
        label = _("Contract clauses: %(t)s to %(d)s") % facts
        elements.append(
            Element(
                "clause_coverage",
                label,
                problem is None,
                problem or fine,
                _page(subject, "#clauses"),
            )
        )
    return elements


@element_check
def stage_elements(subject: Subject) -> list[Element]:
    """Whether each product's current stage assessments are reviewed on time (yearly)."""
    current = StageAssessment.objects.current().filter(
        company=subject.company,
        technology__in=[t.pk for t in subject.technologies],
        assessed_on__lte=subject.today,
    )
    by_product: dict[int, list[tuple[str, date]]] = {}
    for technology_id, stage, review_by in current.values_list(
        "technology_id", "stage", "review_by"
    ):
        by_product.setdefault(technology_id, []).append((stage, review_by))
    elements = []
    for technology in subject.technologies:
        rows = by_product.get(technology.pk, [])
        problem = stage_problem(rows, technology, subject.today)
        fine = (
            _("%(n)d of 4 stages of %(t)s assessed, each reviewed on time.")
            if rows
            else _("No stage of %(t)s assessed yet.")
        ) % {"n": len(rows), "t": technology}
        elements.append(
            Element(
                "overdue_due_diligence",
                _("Due diligence reviewed yearly: %(t)s") % {"t": technology},
                problem is None,
                problem or fine,
                _page(subject, "#diligence"),
            )
        )
    return elements
