"""The audit actions of the vulnerabilities equities register, one member per kind of entry.

The values are stored in the audit log and hashed into its chain: never change one.
All of them are private (`audit.mark_private("vulnerabilities.")` in apps.py).
"""

from enum import StrEnum, unique


@unique
class Event(StrEnum):
    VULNERABILITY_RECORDED = "vulnerabilities.vulnerability.recorded"
    VULNERABILITY_RESTRICTED = "vulnerabilities.vulnerability.restricted"
    VULNERABILITY_DISCLOSED = "vulnerabilities.vulnerability.disclosed"
    DISCLOSURE_UPDATED = "vulnerabilities.disclosure.updated"
    STATISTICS_PUBLISHED = "vulnerabilities.statistics.published"
