"""Every write on grievances: one function per step, in a transaction, with its audit entry.

- `submitting`: the complainant's report, messages and files;
- `handling`: the handler's steps, from triage to closure;
- `keys`: handler keys and channel keys (made at unlock, given by a colleague);
- `custody`: channels, escrow keys, recovery and identity decisions (the CLI);
- `retention`: the daily job (purge, reminders, statistics).

Audit action names come from `grievances.events.Event`; refusals are
`core.rules.Refused`.
"""

from oversight.grievances.actions.submitting import (
    Submission,
    complainant_writes,
    existing_receipt,
    nonce_digest,
    open_with_receipt,
    submit_report,
)

__all__ = [
    "Submission",
    "complainant_writes",
    "existing_receipt",
    "nonce_digest",
    "open_with_receipt",
    "submit_report",
]
