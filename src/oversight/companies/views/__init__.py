"""Staff pages under /staff/companies/: a company's members keep its compliance record;
/staff/standards/ and /staff/audits/: standards of conduct and independent audits."""

from .audits import (
    accredit,
    audit,
    audit_act,
    audits,
    declare_conflict,
    open_audit,
    standards,
    version,
    version_act,
)
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
    "accredit",
    "add",
    "assessment",
    "assessments",
    "audit",
    "audit_act",
    "audits",
    "company",
    "company_page",
    "declare_conflict",
    "home",
    "misuse_information",
    "misuse_status",
    "open_audit",
    "standards",
    "version",
    "version_act",
]
