"""Fetch-for-user helpers: the only way views and the API reach applications and licences.

A company member sees their company's applications (drafts included); a licensing
officer or a human rights reviewer sees those lodged in their own State (never
drafts). "Not there" and "not yours" are the same 404.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404

from oversight.accounts.access import (
    AnyUser,
    has_role,
    jurisdiction_ids_for,
    organisation_ids_for,
)
from oversight.accounts.models import Role
from oversight.licensing.models import (
    Appeal,
    Application,
    ApplicationQuerySet,
    Licence,
    LicenceCondition,
    SuspensionProposal,
)

COMPANY, OFFICER, REVIEWER = (
    Role.COMPANY_MEMBER,
    Role.LICENSING_OFFICER,
    Role.HUMAN_RIGHTS_REVIEWER,
)


def applications_for_user(user: AnyUser) -> ApplicationQuerySet:
    rows = Application.objects.select_related("exporter", "exporting_jurisdiction", "destination")
    mine = rows.for_exporters(organisation_ids_for(user, COMPANY))
    lodged = rows.lodged_in(jurisdiction_ids_for(user, OFFICER, REVIEWER))
    return mine | lodged


def get_application_for_user(user: AnyUser, reference: str) -> Application:
    try:
        return applications_for_user(user).get(reference=reference)
    except Application.DoesNotExist:
        raise Http404("No such application") from None


@dataclass(frozen=True)
class Powers:
    """What this user may do on this application, by role in its company or State."""

    applicant: bool
    officer: bool
    reviewer: bool


def powers(user: AnyUser, app: Application) -> Powers:
    state = app.exporting_jurisdiction_id
    return Powers(
        applicant=has_role(user, COMPANY, organisation=app.exporter),
        officer=has_role(user, OFFICER, jurisdiction=state),
        reviewer=has_role(user, REVIEWER, jurisdiction=state),
    )


def may_manage_consultation(user: AnyUser, app: Application) -> bool:
    """Registered with `consultations.access`: officers of the exporting State run comments."""
    return has_role(user, OFFICER, jurisdiction=app.exporting_jurisdiction_id)


def _fetch(user: AnyUser, reference: str, need: str) -> Application:
    app = get_application_for_user(user, reference)
    if not getattr(powers(user, app), need):
        raise Http404("No such application")
    return app


def application_for_applicant(user: AnyUser, reference: str) -> Application:
    return _fetch(user, reference, "applicant")


def application_for_officer(user: AnyUser, reference: str) -> Application:
    return _fetch(user, reference, "officer")


def application_for_reviewer(user: AnyUser, reference: str) -> Application:
    return _fetch(user, reference, "reviewer")


def appeal_for_officer(user: AnyUser, reference: str, pk: int) -> Appeal:
    """An appeal against a decision of the officer's State (the same 404 as any other)."""
    app = application_for_officer(user, reference)
    try:
        return Appeal.objects.select_related("application").get(pk=pk, application=app)
    except Appeal.DoesNotExist:
        raise Http404("No such appeal") from None


def licence_of(app: Application) -> Licence | None:
    """The licence of an application already reached through these helpers, if issued."""
    return Licence.objects.filter(application=app).first()


def licence_for_officer(user: AnyUser, number: str) -> Licence:
    rows = Licence.objects.select_related("application").filter(
        application__exporting_jurisdiction__in=jurisdiction_ids_for(user, OFFICER)
    )
    try:
        return rows.get(number=number)
    except Licence.DoesNotExist:
        raise Http404("No such licence") from None


def licence_for_applicant(user: AnyUser, number: str) -> Licence:
    rows = Licence.objects.select_related("application").filter(
        application__exporter__in=organisation_ids_for(user, COMPANY)
    )
    try:
        return rows.get(number=number)
    except Licence.DoesNotExist:
        raise Http404("No such licence") from None


def licence_for_user(user: AnyUser, number: str) -> tuple[Licence, Powers]:
    """A licence for its State's officers and its holder's members (conditions, evidence)."""
    rows = Licence.objects.select_related(
        "application", "application__exporter", "decision", "decision__destination"
    ).filter(
        Q(application__exporting_jurisdiction__in=jurisdiction_ids_for(user, OFFICER))
        | Q(application__exporter__in=organisation_ids_for(user, COMPANY))
    )
    try:
        licence = rows.get(number=number)
    except Licence.DoesNotExist:
        raise Http404("No such licence") from None
    found = powers(user, licence.application)
    return licence, Powers(applicant=found.applicant, officer=found.officer, reviewer=False)


def condition_of(licence: Licence, pk: int) -> LicenceCondition:
    """A condition of a licence already reached through `licence_for_user`."""
    try:
        return LicenceCondition.objects.select_related("auditor").get(licence=licence, pk=pk)
    except LicenceCondition.DoesNotExist:
        raise Http404("No such condition") from None


def proposal_of(licence: Licence, pk: int) -> SuspensionProposal:
    try:
        return SuspensionProposal.objects.get(licence=licence, pk=pk)
    except SuspensionProposal.DoesNotExist:
        raise Http404("No such proposal") from None
