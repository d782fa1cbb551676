"""Staff pages under /staff/companies/: a company's members keep its compliance record."""

from .public import company_page
from .record import (
    add,
    assessment,
    assessments,
    company,
    home,
    misuse_information,
    misuse_status,
)

__all__ = [
    "add",
    "assessment",
    "assessments",
    "company",
    "company_page",
    "home",
    "misuse_information",
    "misuse_status",
]
