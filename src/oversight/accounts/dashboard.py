"""What the staff dashboard shows each role: one section per role the user holds."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from oversight.accounts.access import AnyUser, jurisdictions_for, organisations_for, roles_of
from oversight.accounts.models import ORGANISATION_ROLES, Role
from oversight.registry.access import TRANSFER_READERS, technologies_for_user, transfers_for_user
from oversight.registry.models import Technology, Transfer

LIST_LIMIT = 50

DESCRIPTIONS: dict[str, Promise] = {
    Role.LICENSING_OFFICER: _(
        "You receive export licence applications, screen them and decide with published "
        "reasons. Below: the known transfers from your country, unpublished ones included."
    ),
    Role.HUMAN_RIGHTS_REVIEWER: _(
        "You review each licence application against legality, necessity and "
        "legitimacy, and advise the licensing officer. Below: your country's transfers."
    ),
    Role.COMPANY_MEMBER: _(
        "You apply for export licences and keep your company's human rights record: "
        "policy commitment, due diligence, contract safeguards and misuse reports. Below: "
        "your technologies, drafts included."
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
        "You will audit companies against the co-regulatory standards of conduct and "
        "publish your findings."
    ),
    Role.ADMINISTRATOR: _(
        "You declare moratoria, record safeguards regimes and manage roles; every change "
        "you make is written to the audit log with your reasons."
    ),
}


@dataclass
class Link:
    label: Promise
    url: str


@dataclass
class Section:
    role: str
    title: str
    description: Promise
    scopes: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    transfers: list[Transfer] | None = None
    technologies: list[Technology] | None = None
    total: int = 0


def _registry_links() -> list[Link]:
    return [
        Link(_("Transfers register"), reverse("portal:transfers")),
        Link(_("Technologies register"), reverse("portal:technologies")),
        Link(_("Organisations register"), reverse("portal:organisations")),
        Link(_("Jurisdictions"), reverse("portal:jurisdictions")),
    ]


# Each role's own work pages, by URL name (accounts imports none of those apps' code).
WORK_LINKS: dict[str, list[tuple[Promise, str]]] = {
    Role.LICENSING_OFFICER: [(_("Licence applications"), "licensing:applications")],
    Role.HUMAN_RIGHTS_REVIEWER: [(_("Applications to review"), "licensing:applications")],
    Role.COMPANY_MEMBER: [
        (_("Your licence applications"), "licensing:applications"),
        (_("Your company's human rights record"), "companies:home"),
    ],
    Role.ANALYST: [
        (_("Cases and communications"), "monitoring:home"),
        (_("Periodic report"), "monitoring:report"),
    ],
    Role.GRIEVANCE_HANDLER: [(_("Grievance inbox"), "grievances:inbox")],
}


def _section(user: AnyUser, role: Role) -> Section:
    section = Section(role.value, str(role.label), DESCRIPTIONS[role], links=_registry_links())
    work = [Link(label, reverse(name)) for label, name in WORK_LINKS.get(role, [])]
    section.links[:0] = work
    if role in TRANSFER_READERS:
        places = jurisdictions_for(user, role)
        section.scopes = [place.name for place in places]
        rows = transfers_for_user(user).filter(supplier_jurisdiction__in=places)
        section.total = rows.count()
        section.transfers = list(rows[:LIST_LIMIT])
    elif role in ORGANISATION_ROLES:
        orgs = organisations_for(user, role)
        section.scopes = [org.name for org in orgs]
        if role == Role.COMPANY_MEMBER:
            rows_t = technologies_for_user(user).filter(vendor__in=orgs)
            section.total = rows_t.count()
            section.technologies = list(rows_t[:LIST_LIMIT])
    elif role == Role.ADMINISTRATOR:
        section.links = [
            *work,
            Link(_("Moratoria and safeguards regimes"), reverse("registry:jurisdictions")),
            Link(_("Administration site"), reverse("admin:index")),
        ]
    section.links.append(Link(_("Public audit log"), reverse("portal:transparency_log")))
    return section


def sections_for(user: AnyUser) -> list[Section]:
    held = roles_of(user)
    return [_section(user, role) for role in Role if role.value in held]
