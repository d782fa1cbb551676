"""The audit actions of witnessing, one member per kind of entry.

The values are stored in the audit log and hashed into its chain: never change one.
"""

from enum import StrEnum, unique


@unique
class Event(StrEnum):
    LOG_ADDED = "witness.log.added"
    COSIGNED = "witness.log.cosigned"
    FORK_DETECTED = "witness.log.fork_detected"
    COSIGNER_ADDED = "witness.cosigner.added"
