"""Writes of standards of conduct and their governance, one function per change, audited.

Only a draft version changes; adoption fixes it for good. A new version copies the last
one's requirements into rows of its own, so the old version is never altered.
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.accounts.access import has_role
from oversight.accounts.models import Role
from oversight.companies import audit_rules
from oversight.companies.events import Event
from oversight.companies.models import (
    Constituency,
    Requirement,
    Standard,
    StandardsMember,
    StandardVersion,
    Vote,
)
from oversight.core import audit
from oversight.core.rules import Reason, Refused, Verdict
from oversight.registry.models import Organisation

Draft = StandardVersion.Status.DRAFT


def seat_of(actor: Any, body: Organisation) -> StandardsMember:
    """The actor's seat on the body; anyone else may not act for it."""
    seat = None
    if getattr(actor, "pk", None) and has_role(actor, Role.STANDARDS_MEMBER, organisation=body):
        seat = StandardsMember.objects.filter(body=body, user=actor).first()
    if seat is None:
        raise PermissionDenied(_("Only a member of %(body)s may do this.") % {"body": body})
    return seat


def seat_member(
    body: Organisation, user: Any, *, constituency: str, actor: Any
) -> StandardsMember:
    """Seat a person holding the STANDARDS_MEMBER role in the body, for a constituency."""
    if constituency not in Constituency.values:
        raise ValidationError({"constituency": [_("Choose industry, civil society or States.")]})
    if not has_role(user, Role.STANDARDS_MEMBER, organisation=body):
        message = _("%(user)s does not hold the standards member role in %(body)s.")
        raise ValidationError({"user": [message % {"user": user, "body": body}]})
    with transaction.atomic():
        seat, created = StandardsMember.objects.get_or_create(
            body=body,
            user=user,
            defaults={"constituency": constituency, "joined_on": timezone.localdate()},
        )
        if created:
            changes = audit.diff({}, {"body_id": body.pk, "constituency": constituency})
            audit.record(Event.STANDARDS_MEMBER_SEATED, seat, actor=actor, changes=changes)
    return seat


def create_standard(
    body: Organisation, *, slug: str, title: str, scope: str = "", actor: Any
) -> StandardVersion:
    """A new standard and its first draft version."""
    seat_of(actor, body)
    standard = Standard(body=body, slug=slug, title=title.strip(), scope=scope.strip())
    standard.full_clean()
    with transaction.atomic():
        standard.save(force_insert=True)
        audit.record(
            Event.STANDARD_CREATED,
            standard,
            actor=actor,
            changes=audit.diff({}, {"slug": slug, "title": standard.title}),
        )
        version = StandardVersion.objects.create(standard=standard, number=1)
        audit.record(
            Event.STANDARD_VERSION_DRAFTED, version, actor=actor, changes={"number": [None, 1]}
        )
    return version


def draft_next_version(standard: Standard, *, actor: Any) -> StandardVersion:
    """A new draft, with copies of the latest version's requirements (never the same rows)."""
    seat_of(actor, standard.body)
    with transaction.atomic():
        versions = StandardVersion.objects.select_for_update().filter(standard=standard)
        latest = versions.order_by("-number").first()
        if latest is not None and latest.status == Draft:
            message = _("Version %(n)d is still a draft: change it or adopt it first.")
            raise ValidationError({"version": [message % {"n": latest.number}]})
        number = latest.number + 1 if latest else 1
        version = StandardVersion.objects.create(standard=standard, number=number)
        if latest is not None:
            Requirement.objects.bulk_create(
                Requirement(
                    version=version,
                    identifier=row.identifier,
                    text=row.text,
                    guidance=row.guidance,
                    recommendation=row.recommendation,
                    position=row.position,
                )
                for row in latest.requirements.all()
            )
        audit.record(
            Event.STANDARD_VERSION_DRAFTED,
            version,
            actor=actor,
            changes={"number": [None, number], "copied_from": [None, latest and latest.number]},
        )
    return version


def _refuse_unless_draft(version: StandardVersion) -> None:
    if version.status != Draft:
        message = _("%(version)s is adopted and never changes: draft a new version.")
        raise Refused([Reason(message % {"version": version}, "version")])


def add_requirement(
    version: StandardVersion,
    *,
    identifier: str,
    text: str,
    guidance: str = "",
    recommendation: str,
    actor: Any,
) -> Requirement:
    seat_of(actor, version.standard.body)
    with transaction.atomic():
        locked = StandardVersion.objects.select_for_update().get(pk=version.pk)
        _refuse_unless_draft(locked)
        if locked.requirements.filter(identifier=identifier.strip()).exists():
            message = _("%(id)s is already a requirement of this version.")
            raise ValidationError({"identifier": [message % {"id": identifier}]})
        row = Requirement(
            version=locked,
            identifier=identifier.strip(),
            text=text.strip(),
            guidance=guidance.strip(),
            recommendation=recommendation.strip(),
            position=locked.requirements.count() + 1,
        )
        row.full_clean()
        row.save(force_insert=True)
        fields = {"identifier": row.identifier, "recommendation": row.recommendation}
        audit.record(Event.REQUIREMENT_ADDED, row, actor=actor, changes=audit.diff({}, fields))
    return row


def cast_vote(version: StandardVersion, *, choice: str, actor: Any) -> Vote:
    """The actor's vote on a draft (a second vote replaces the first, both audited)."""
    seat = seat_of(actor, version.standard.body)
    if choice not in Vote.Choice.values:
        raise ValidationError({"choice": [_("Vote for, against, or abstain.")]})
    with transaction.atomic():
        locked = StandardVersion.objects.select_for_update().get(pk=version.pk)
        _refuse_unless_draft(locked)
        old = Vote.objects.filter(version=locked, member=seat).first()
        vote, _created = Vote.objects.update_or_create(
            version=locked, member=seat, defaults={"choice": choice}
        )
        changes = {"choice": [old.choice if old else None, choice]}
        audit.record(Event.VOTE_CAST, vote, actor=actor, changes=changes)
    return vote


def _tally(votes: list[Vote]) -> Mapping[str, list[str]]:
    tally: dict[str, list[str]] = {choice: [] for choice in Vote.Choice.values}
    for vote in votes:
        tally[vote.choice].append(vote.member.user.get_username())
    return tally


def adopt_version(version: StandardVersion, *, actor: Any) -> StandardVersion:
    """Adopt a draft when the votes carry it; the entry records who voted for it."""
    seat_of(actor, version.standard.body)
    with transaction.atomic():
        locked = StandardVersion.objects.select_for_update().get(pk=version.pk)
        _refuse_unless_draft(locked)
        seats = list(
            StandardsMember.objects.filter(body=locked.standard.body).values_list(
                "constituency", flat=True
            )
        )
        votes = list(locked.votes.select_related("member__user"))
        verdict = audit_rules.adoption(
            seats, [v.member.constituency for v in votes], [v.choice for v in votes]
        )
        reasons = list(verdict.reasons)
        if not locked.requirements.exists():
            reasons.append(Reason(_("The version has no requirement."), "requirements"))
        Verdict.of(reasons).enforce()
        tally = _tally(votes)
        locked.status, locked.adopted_on = StandardVersion.Status.ADOPTED, timezone.localdate()
        locked.adoption_votes = dict(tally)
        locked.save(update_fields=["status", "adopted_on", "adoption_votes"])
        audit.record(
            Event.STANDARD_VERSION_ADOPTED,
            locked,
            actor=actor,
            changes={"status": [Draft, locked.status], "votes": [None, dict(tally)]},
            reasons=[
                _("%(n)d of %(seats)d members voted for it.")
                % {"n": len(tally["for"]), "seats": len(seats)}
            ],
        )
    return locked
