"""The audit actions of core, one member per kind of entry.

The values are stored in the audit log and hashed into its chain: never change one.
"""

from enum import StrEnum, unique


@unique
class Event(StrEnum):
    # One entry per batch of `oversight import`: the file's SHA-256, the batch's lines,
    # its counts, and the SHA-256 of every row it wrote (docs/audit-log.md).
    IMPORT_BATCH = "import.batch"
