"""Every write of a company's compliance record, standards and audits, one function per
change, each audited."""

from .audits import (
    accredit_firm,
    complete_corrective_action,
    declare_conflict,
    declare_independence,
    open_engagement,
    plan_corrective_action,
    publish_summary,
    record_finding,
    verify_corrective_action,
    withdraw_engagement,
)
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
from .standards import (
    add_requirement,
    adopt_version,
    cast_vote,
    create_standard,
    draft_next_version,
    seat_member,
)

__all__ = [
    "MAX_INFORMATION",
    "accredit_firm",
    "add_misuse_information",
    "add_requirement",
    "adopt_version",
    "assessor",
    "cast_vote",
    "change_misuse_status",
    "complete_corrective_action",
    "create_standard",
    "declare_conflict",
    "declare_independence",
    "draft_next_version",
    "file_commitment",
    "open_engagement",
    "plan_corrective_action",
    "publish_summary",
    "record_assessment",
    "record_due_diligence",
    "record_finding",
    "record_safeguard",
    "register_contract",
    "report_misuse",
    "seat_member",
    "verify_corrective_action",
    "withdraw_engagement",
]
