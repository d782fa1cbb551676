"""The audit actions of company compliance, one member per kind of entry.

The values are stored in the audit log and hashed into its chain: never change one.
"""

from collections.abc import Mapping
from enum import StrEnum, unique

from django.db.models import Model

from oversight.companies.models import (
    ContractualSafeguard,
    CustomerContract,
    DueDiligence,
    HumanRightsCommitment,
    MisuseReport,
)


@unique
class Event(StrEnum):
    COMMITMENT_CREATED = "companies.humanrightscommitment.created"
    DUE_DILIGENCE_CREATED = "companies.duediligence.created"
    SAFEGUARD_CREATED = "companies.contractualsafeguard.created"
    MISUSE_REPORT_CREATED = "companies.misusereport.created"
    MISUSE_REPORT_STATUS_CHANGED = "companies.misusereport.status_changed"
    MISUSE_REPORT_INFORMATION_ADDED = "companies.misusereport.information_added"
    CONTRACT_CREATED = "companies.customercontract.created"
    ASSESSMENT_CREATED = "companies.stageassessment.created"


# What filing each kind of record records.
CREATED: Mapping[type[Model], Event] = {
    HumanRightsCommitment: Event.COMMITMENT_CREATED,
    DueDiligence: Event.DUE_DILIGENCE_CREATED,
    ContractualSafeguard: Event.SAFEGUARD_CREATED,
    MisuseReport: Event.MISUSE_REPORT_CREATED,
    CustomerContract: Event.CONTRACT_CREATED,
}
