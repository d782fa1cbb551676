"""Accounts' part of the staff dashboard: one section per role the user holds.

The work of each role (applications, cases, the inbox, transfers) is in the sections
its own app registers with `core.dashboard`.
"""

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from oversight.accounts.access import AnyUser, assignments_of
from oversight.accounts.models import Role
from oversight.core.dashboard import Link, Section

DESCRIPTIONS: dict[str, Promise] = {
    Role.LICENSING_OFFICER: _(
        "You receive export licence applications, screen them and decide with published reasons."
    ),
    Role.HUMAN_RIGHTS_REVIEWER: _(
        "You review each licence application against legality, necessity and "
        "legitimacy, and advise the licensing officer."
    ),
    Role.COMPANY_MEMBER: _(
        "You apply for export licences and keep your company's human rights record: "
        "policy commitment, due diligence, contract safeguards and misuse reports."
    ),
    Role.AGENCY_OFFICIAL: _(
        "You will propose purchases or new uses of surveillance technology, each with an "
        "impact assessment, for public comment and oversight."
    ),
    Role.OVERSIGHT_MEMBER: _(
        "You will hold public comment periods, vote on purchase proposals, set use "
        "policies and read annual reports."
    ),
    Role.GRIEVANCE_HANDLER: _(
        "You triage, route and investigate grievances, and record the remedy."
    ),
    Role.ANALYST: _(
        "You record individual cases, communications to States and companies and their "
        "replies, and watch trends."
    ),
    Role.AUDITOR: _(
        "You audit companies against the co-regulatory standards of conduct and "
        "publish your findings."
    ),
    Role.STANDARDS_MEMBER: _(
        "You take part in the standards body: you propose and vote on the industry's "
        "standards of conduct, for industry, civil society or a State."
    ),
    Role.EQUITIES_BOARD: _(
        "You sit on your State's vulnerabilities equities board: you decide whether a "
        "vulnerability is disclosed to its vendor or restricted, and review restrictions."
    ),
    Role.ADMINISTRATOR: _(
        "You declare moratoria, record safeguards regimes and manage roles; every change "
        "you make is written to the audit log with your reasons."
    ),
}


def _scopes(user: AnyUser) -> dict[str, list[str]]:
    """Role → the names of the places or organisations it is held in (one query)."""
    scopes: dict[str, list[str]] = {}
    rows = assignments_of(user).select_related("jurisdiction", "organisation")
    for row in rows.order_by("pk"):
        place = row.jurisdiction or row.organisation
        scopes.setdefault(row.role, [])
        if place is not None:
            scopes[row.role].append(place.name)
    return scopes


def role_sections(user: AnyUser, roles: frozenset[str]) -> list[Section]:
    """One section per role the user holds: what the role is for, and where it is held."""
    if not roles:
        return []
    scopes = _scopes(user)
    sections = []
    for role in Role:
        if role.value not in roles:
            continue
        section = Section(
            f"role-{role.value}", role.label, DESCRIPTIONS[role], scopes=scopes.get(role, [])
        )
        if role == Role.ADMINISTRATOR:
            section.links.append(Link(_("Administration site"), reverse("admin:index")))
        sections.append(section)
    return sections
