"""The audit actions of operations, one member per kind of entry.

The values are stored in the audit log and hashed into its chain: never change one.
"""

from enum import StrEnum, unique


@unique
class Event(StrEnum):
    JOB_RAN = "ops.job.ran"  # a periodic job that changed something, with its counts
    JOB_FAILED = "ops.job.failed"
    BACKUP_RESTORED = "ops.backup.restored"
