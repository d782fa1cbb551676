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
    # Standards of conduct and their governance (models/standards.py).
    STANDARDS_MEMBER_SEATED = "companies.standardsmember.seated"
    STANDARD_CREATED = "companies.standard.created"
    STANDARD_VERSION_DRAFTED = "companies.standardversion.drafted"
    REQUIREMENT_ADDED = "companies.requirement.added"
    VOTE_CAST = "companies.vote.cast"
    STANDARD_VERSION_ADOPTED = "companies.standardversion.adopted"
    # Independent audits (models/audits.py).
    AUDIT_FIRM_ACCREDITED = "companies.auditfirm.accredited"
    CONFLICT_DECLARED = "companies.conflictofinterest.declared"
    ENGAGEMENT_OPENED = "companies.engagement.opened"
    INDEPENDENCE_DECLARED = "companies.engagement.independence_declared"
    ENGAGEMENT_WITHDRAWN = "companies.engagement.withdrawn"
    FINDING_RECORDED = "companies.finding.recorded"
    CORRECTIVE_ACTION_PLANNED = "companies.correctiveaction.planned"
    CORRECTIVE_ACTION_DONE = "companies.correctiveaction.done"
    CORRECTIVE_ACTION_VERIFIED = "companies.correctiveaction.verified"
    CORRECTIVE_ACTION_REOPENED = "companies.correctiveaction.reopened"
    AUDIT_SUMMARY_PUBLISHED = "companies.engagement.published"
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
