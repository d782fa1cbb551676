"""The moratorium (A/HRC/41/35, para. 66(a)), the one rule: how it is declared, when it bites.

A jurisdiction may declare a moratorium on the export, sale, transfer, use or servicing
of privately developed surveillance tools. While it is in force and the jurisdiction
has no certified safeguards regime, no licence or purchase of such a tool that the
moratorium covers may be approved. Licensing applies it to every State an export
touches: the exporting State (its export, transfer or sale), the destination and each
transit country (their sale, transfer or use), and, for a servicing contract, the
servicing too. Procurement applies it to the purchasing jurisdiction (and those above
it) for the sale, transfer and use.

Pure: plain frozen facts in, a `core.rules.Verdict` with readable reasons out, no query.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from oversight.core.rules import Message, Reason, Verdict

# What a moratorium may cover, in the order a declaration is kept.
ACTIVITIES = ("export", "sale", "transfer", "use", "servicing")
# What an export licence authorises: a moratorium on any of these stops it.
EXPORT = frozenset({"export", "transfer", "sale"})
# What receiving a tool (the destination, a transit country, a buyer) amounts to.
RECEIPT = frozenset({"sale", "transfer", "use"})
# What a servicing contract adds, wherever the serviced tool is.
SERVICING = frozenset({"servicing"})


@dataclass(frozen=True)
class Moratorium:
    """One jurisdiction's moratorium: which activities it covers, and since when."""

    jurisdiction: str  # code, e.g. "GB"
    name: str
    in_force: bool
    activities: frozenset[str]
    since: date | None
    safeguards_certified: bool

    @property
    def bites(self) -> bool:
        """In force with no certified safeguards regime to lift it."""
        return self.in_force and not self.safeguards_certified


@dataclass(frozen=True)
class Item:
    """One tool the matter concerns (a goods line, a purchased system)."""

    number: int
    name: str
    privately_developed: bool
    encryption_only: bool


def declaration(in_force: bool, since: date | None, activities: Sequence[str]) -> Verdict:
    """Whether a declared moratorium is complete: known activities, some if in force, a date."""
    reasons = []
    unknown = [value for value in activities if value not in ACTIVITIES]
    if unknown:
        message = _("%(values)s: not one of %(allowed)s") % {
            "values": ", ".join(map(str, unknown)),
            "allowed": ", ".join(ACTIVITIES),
        }
        reasons.append(Reason(message, "moratorium_scope"))
    elif in_force and not activities:
        message = _("A moratorium in force needs at least one scope.")
        reasons.append(Reason(message, "moratorium_scope"))
    if in_force and since is None:
        message = _("A moratorium in force needs the date it took effect.")
        reasons.append(Reason(message, "moratorium_since"))
    return Verdict.of(reasons)


def ordered(activities: Collection[str]) -> list[str]:
    """The activities in the order a declaration is kept."""
    return [value for value in ACTIVITIES if value in activities]


def described(declared: Moratorium) -> str:
    """Which moratorium, declared when, covering what: as a decision must say it."""
    since = declared.since.isoformat() if declared.since else _("an unrecorded date")
    return _("in force since %(since)s, covering %(covers)s") % {
        "since": since,
        "covers": ", ".join(ordered(declared.activities)),
    }


def moratorium(
    declared: Moratorium,
    activities: frozenset[str],
    items: Sequence[Item],
    *,
    matter: Message,
    role: Message = "",
) -> Verdict:
    """Whether `declared` stops a matter doing `activities` with `items`; passes with why not.

    `matter` names the activity for the reasons, e.g. "export" for a licence; `role` says
    what the jurisdiction is to the matter (e.g. "destination"), if not the one acting.
    """
    state = (
        _("%(state)s (%(role)s)") % {"state": declared.name, "role": role}
        if role
        else declared.name
    )
    if not (declared.bites and declared.activities & activities):
        if declared.in_force and declared.safeguards_certified:
            why = _(
                "%(state)s has a moratorium but a certified safeguards regime, "
                "so it does not bite."
            )
        else:
            why = _(
                "%(state)s has no moratorium on the %(matter)s of surveillance tools in force."
            )
        return Verdict.passed(why % {"state": state, "matter": matter})
    caught = [item for item in items if item.privately_developed and not item.encryption_only]
    if not caught:
        return Verdict.passed(
            _(
                "No line is a privately developed surveillance tool; the moratorium of "
                "%(state)s does not apply."
            )
            % {"state": state}
        )
    return Verdict.of(
        _(
            "line %(n)d: %(tech)s is a privately developed surveillance tool and %(state)s has "
            "a moratorium %(declared)s, with no certified safeguards regime "
            "(A/HRC/41/35, para. 66(a))."
        )
        % {"n": item.number, "tech": item.name, "state": state, "declared": described(declared)}
        for item in caught
    )
