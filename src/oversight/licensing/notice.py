"""The public face of an application: its notice (minus justified redactions) and register row.

Only what is built here leaves the licensing authority: the consultation notice
and the published decision. Confidential fields are replaced by their redaction,
whose reason is published.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from oversight.licensing.models import Application, ConfidentialField, GoodsLine, Party

F = ConfidentialField.Field


@dataclass
class PublicView:
    notice: dict[str, str]
    redactions: list[dict[str, str]]
    categories: list[str] = field(default_factory=list)
    control_codes: list[str] = field(default_factory=list)
    end_user_types: list[str] = field(default_factory=list)
    value: Decimal | None = None
    currency: str = ""


def _withheld(label: str) -> str:
    return _("[withheld: %(what)s — see the redactions and their reasons]") % {"what": label}


def _items(lines: list[GoodsLine], hidden: set[str]) -> str:
    parts = []
    for line in lines:
        what = line.technology.get_category_display()
        if F.PRODUCT_NAMES not in hidden:
            what = f"{line.technology.name} ({what})"
        code = line.control_entry.code if line.control_entry else _("no entry given")
        quantity = "" if F.QUANTITIES in hidden else f" x {line.quantity}"
        value = "" if F.VALUES in hidden else f", {line.value} {line.currency}"
        parts.append(f"{line.number}. {what}, {code}{quantity}{value}")
    return "; ".join(parts)


def _parties(parties: list[Party], role: str) -> str:
    """Organisations by name; a private individual only as such (their name stays private)."""
    return "; ".join(
        f"{_name(p)} ({p.get_kind_display()}, {p.jurisdiction.name})"
        for p in parties
        if p.role == role
    )


def _name(party: Party) -> str:
    return str(_("a private individual")) if party.kind == Party.Kind.INDIVIDUAL else party.name


def public_view(app: Application) -> PublicView:
    lines = list(app.lines.select_related("technology", "control_entry").order_by("number"))
    parties = list(app.parties.select_related("jurisdiction"))
    confidential = list(app.confidential_fields.all())
    hidden = {row.field for row in confidential}
    end_users = [
        p for p in parties if p.role in (Party.Role.END_USER, Party.Role.ULTIMATE_END_USER)
    ]
    kinds = sorted({p.kind for p in end_users})
    notice = {
        str(_("Exporter")): app.exporter.name,
        str(_("Exporting State")): app.exporting_jurisdiction.name,
        str(_("Destination")): app.destination.name if app.destination else "",
        str(_("Transit countries")): ", ".join(app.transit or []) or "—",
        str(_("Servicing contract")): str(_("yes")) if app.servicing else str(_("no")),
        str(_("Items (category, control entry)")): _items(lines, hidden),
        str(_("End user")): _parties(parties, Party.Role.END_USER),
        str(_("Ultimate end user")): _parties(parties, Party.Role.ULTIMATE_END_USER) or "—",
        str(_("End-user type")): ", ".join(kinds),
        str(_("Stated end use")): app.end_use,
        str(_("Consignee")): _withheld(str(F.CONSIGNEE.label))
        if F.CONSIGNEE in hidden
        else _parties(parties, Party.Role.CONSIGNEE),
        str(_("Intermediaries")): _withheld(str(F.INTERMEDIARIES.label))
        if F.INTERMEDIARIES in hidden
        else (_parties(parties, Party.Role.INTERMEDIARY) or "—"),
    }
    redactions = [
        {"field": str(row.get_field_display()), "reason": row.reason} for row in confidential
    ]
    currencies = {line.currency for line in lines}
    total = sum((line.value for line in lines), Decimal(0)) if lines else None
    show_value = F.VALUES not in hidden and len(currencies) == 1
    return PublicView(
        notice=notice,
        redactions=redactions,
        categories=sorted({line.technology.category for line in lines}),
        control_codes=sorted({line.control_entry.code for line in lines if line.control_entry}),
        end_user_types=kinds,
        value=total if show_value else None,
        currency=currencies.pop() if show_value else "",
    )
