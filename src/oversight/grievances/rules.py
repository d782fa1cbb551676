"""Pure rules of grievances: states, routing consent, remedies, statistics suppression."""

from collections.abc import Mapping

from django.utils.translation import gettext as _

from oversight.core.rules import Reason, Verdict
from oversight.grievances.models import Destination, RemedyStatus, Status

STATUS_MACHINE: Mapping[str, frozenset[str]] = {
    Status.RECEIVED: frozenset({Status.ADMISSIBLE, Status.OUT_OF_SCOPE}),
    Status.ADMISSIBLE: frozenset({Status.CLOSED}),
    Status.OUT_OF_SCOPE: frozenset(),
    Status.CLOSED: frozenset(),
}
REMEDY_MACHINE: Mapping[str, frozenset[str]] = {
    RemedyStatus.OFFERED: frozenset({RemedyStatus.ACCEPTED, RemedyStatus.REFUSED}),
    RemedyStatus.ACCEPTED: frozenset({RemedyStatus.PROVIDED, RemedyStatus.REFUSED}),
    RemedyStatus.PROVIDED: frozenset(),
    RemedyStatus.REFUSED: frozenset({RemedyStatus.OFFERED}),
}
# The handler's steps each status leaves open: a closed report offers no triage, routing,
# new remedy or second closure; what remains is talking to the complainant, notes, and
# seeing an accepted remedy through.
STEPS: Mapping[str, frozenset[str]] = {
    Status.RECEIVED: frozenset({"triage", "route", "message", "note", "identity"}),
    Status.ADMISSIBLE: frozenset(
        {"route", "message", "note", "remedy", "remedy_status", "close", "identity"}
    ),
    Status.OUT_OF_SCOPE: frozenset({"message", "note"}),
    Status.CLOSED: frozenset({"message", "note", "remedy_status"}),
}


def step_verdict(status: str, step: str) -> Verdict:
    if step in STEPS.get(status, frozenset()):
        return Verdict.passed()
    return Verdict.of(
        [Reason(_("This step is not open for a report that is: %(status)s.")
                % {"status": Status(status).label})]
    )  # fmt: skip


PUBLISH = "publish"
SMALL_COUNT = 5  # counts below this are never published


def routing_verdict(
    consents: list[str], destination: str, *, already_there: bool, accepting: bool
) -> Verdict:
    """A report goes to another channel only with the consent recorded for that destination."""
    reasons = []
    if destination not in consents:
        label = Destination(destination).label
        reasons.append(
            _("The complainant did not consent to sharing with: %(who)s.") % {"who": label}
        )
    if already_there:
        reasons.append(_("The report is already in that channel."))
    if not accepting:
        reasons.append(
            _(
                "That channel is not accepting reports: it has no recovery key, or none of "
                "its handlers holds its key yet, so nobody there could read the report."
            )
        )
    return Verdict.of(Reason(reason, "channel") for reason in reasons)


def closure_verdict(status: str, outcome: str, concerns_given: bool) -> Verdict:
    reasons = []
    if status != Status.ADMISSIBLE:
        reasons.append(Reason(_("Only a report accepted for investigation can be closed.")))
    if outcome == "substantiated" and not concerns_given:
        reasons.append(
            Reason(_("A substantiated outcome names the organisation concerned."), "concerns")
        )
    return Verdict.of(reasons)


def identity_request_verdict(identity_given: bool, reason: str) -> Verdict:
    reasons = []
    if not identity_given:
        reasons.append(Reason(_("The complainant gave no identity.")))
    elif not reason.strip():
        reasons.append(Reason(_("Say why you need the complainant's identity."), "text"))
    return Verdict.of(reasons)


def admission_verdict(
    *, holds_key: bool, oneself: bool, handles_channel: bool, has_key: bool, admitted: bool
) -> Verdict:
    """Who may give a colleague the channel's key: a holder, to another handler of it.

    The role alone opens nothing: an administrator who grants themselves the
    handler role reads no report until a holder of the channel's key admits them.
    """
    reasons = []
    if not holds_key:
        reasons.append(
            Reason(_("Unlock your key first: only a holder of the channel's key admits."))
        )
    if oneself:
        reasons.append(
            Reason(_("Nobody admits themselves: a colleague who holds the key must."), "user")
        )
    if not handles_channel:
        reasons.append(Reason(_("That person is not a handler of this channel."), "user"))
    elif not has_key:
        reasons.append(
            Reason(_("That handler has no key yet: they must unlock once first."), "user")
        )
    elif admitted:
        reasons.append(Reason(_("That handler already holds the channel's key."), "user"))
    return Verdict.of(reasons)


def suppress(counts: Mapping[str, int], threshold: int = SMALL_COUNT) -> dict[str, int | None]:
    """Counts with small ones hidden (None).

    When exactly one cell of a dimension would be hidden, the next smallest is hidden
    too, so it cannot be recovered by subtracting the shown cells from a total.
    """
    shown: dict[str, int | None] = {
        key: (value if value >= threshold else None) for key, value in counts.items()
    }
    hidden = [key for key, value in shown.items() if value is None and counts[key] > 0]
    visible = sorted((value, key) for key, value in shown.items() if value is not None)
    if len(hidden) == 1 and visible:
        shown[visible[0][1]] = None
    return shown


def remedy_bucket(days: float | None) -> str:
    """The time-to-remedy bucket a report falls into."""
    if days is None:
        return "none_yet"
    for limit, name in ((30, "under_30_days"), (90, "30_to_90_days"), (365, "90_to_365_days")):
        if days < limit:
            return name
    return "over_365_days"
