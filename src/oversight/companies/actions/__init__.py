"""Every write of a company's compliance record, one function per change, each audited."""

from .contracts import register_contract
from .diligence import record_assessment
from .record import (
    MAX_INFORMATION,
    add_misuse_information,
    assessor,
    change_misuse_status,
    file_commitment,
    record_due_diligence,
    record_safeguard,
    report_misuse,
)

__all__ = [
    "MAX_INFORMATION",
    "add_misuse_information",
    "assessor",
    "change_misuse_status",
    "file_commitment",
    "record_assessment",
    "record_due_diligence",
    "record_safeguard",
    "register_contract",
    "report_misuse",
]
