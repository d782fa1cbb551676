"""Every licensing write: one function per transition, in a transaction, audited.

Each locks the application (`select_for_update`) and, when given the version the
person saw, refuses with `Changed` if someone else moved it first.
"""

from oversight.licensing.actions.aftercare import (
    decide_appeal,
    expire_licences,
    flag_licence,
    lodge_appeal,
    reinstate_licence,
    revoke_licence,
    surrender_licence,
    suspend_licence,
)
from oversight.licensing.actions.base import Changed
from oversight.licensing.actions.deciding import decide_application, issue_licence, submit_review
from oversight.licensing.actions.drafting import (
    add_line,
    add_party,
    attach_end_use_statement,
    create_application,
    mark_confidential,
    remove_line,
    remove_party,
    unmark_confidential,
    update_draft,
)
from oversight.licensing.actions.research import confirm_research, refuse_research
from oversight.licensing.actions.submission import (
    open_consultation,
    start_review,
    submit_application,
    withdraw_application,
)

__all__ = [
    "Changed",
    "add_line",
    "add_party",
    "attach_end_use_statement",
    "confirm_research",
    "create_application",
    "decide_appeal",
    "decide_application",
    "expire_licences",
    "flag_licence",
    "issue_licence",
    "lodge_appeal",
    "mark_confidential",
    "open_consultation",
    "refuse_research",
    "reinstate_licence",
    "remove_line",
    "remove_party",
    "revoke_licence",
    "start_review",
    "submit_application",
    "submit_review",
    "surrender_licence",
    "suspend_licence",
    "unmark_confidential",
    "update_draft",
    "withdraw_application",
]
