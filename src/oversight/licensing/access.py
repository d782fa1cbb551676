"""Fetch-for-user helpers: the only way views and the API reach applications and licences.

A company member sees their company's applications (drafts included); a licensing
officer or a human rights reviewer sees those lodged in their own State (never
drafts). "Not there" and "not yours" are the same 404.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
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
    CatchAllNotification,
    Licence,
    LicenceCondition,
    Question,
    Queue,
    RulingRequest,
    Status,
    SuspensionProposal,
)
from oversight.licensing.models.rulings import CatchAllQuerySet, RulingQuerySet

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


def lodged_with(user: AnyUser, role: str) -> ApplicationQuerySet:
    """The applications lodged in the States where `user` holds `role`: their work."""
    return Application.objects.lodged_in(jurisdiction_ids_for(user, role))


def conditions_lodged_with(user: AnyUser) -> QuerySet[LicenceCondition]:
    """The typed conditions of licences issued by the States where `user` is an officer."""
    states = jurisdiction_ids_for(user, OFFICER)
    return LicenceCondition.objects.filter(licence__application__exporting_jurisdiction__in=states)


def conditions_held_by(user: AnyUser) -> QuerySet[LicenceCondition]:
    """The typed conditions of the licences that `user`'s companies hold."""
    companies = organisation_ids_for(user, COMPANY)
    return LicenceCondition.objects.filter(licence__application__exporter__in=companies)


def proposals_lodged_with(user: AnyUser) -> QuerySet[SuspensionProposal]:
    states = jurisdiction_ids_for(user, OFFICER)
    return SuspensionProposal.objects.filter(
        licence__application__exporting_jurisdiction__in=states
    )


def assigned_to(user: AnyUser) -> ApplicationQuerySet:
    """The open applications of the officer's States assigned to them in a queue."""
    rows = Application.objects.lodged_in(jurisdiction_ids_for(user, OFFICER)).open()
    return rows.filter(case_file__assigned_to_id=user.pk)


def questions_to_answer(user: AnyUser) -> QuerySet[Question]:
    """The authority's open questions to `user`'s companies."""
    companies = organisation_ids_for(user, COMPANY)
    return Question.objects.filter(application__exporter__in=companies, state=Question.State.OPEN)


def drafts_of(user: AnyUser) -> ApplicationQuerySet:
    return Application.objects.for_exporters(organisation_ids_for(user, COMPANY)).filter(
        status=Status.DRAFT
    )


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


# Casework (#14 §3-4): rulings and catch-all notifications are the exporter's and its
# State's officers'; queues are their State's officers'; a question or the advice is
# reached through its application. The same 404 for "not there" and "not yours".


def rulings_for_user(user: AnyUser) -> RulingQuerySet:
    rows = RulingRequest.objects.select_related("exporter", "jurisdiction", "control_entry")
    mine = rows.filter(exporter__in=organisation_ids_for(user, COMPANY))
    theirs = rows.filter(jurisdiction__in=jurisdiction_ids_for(user, OFFICER))
    return mine | theirs


def ruling_for_user(user: AnyUser, reference: str) -> RulingRequest:
    try:
        return rulings_for_user(user).get(reference=reference)
    except RulingRequest.DoesNotExist:
        raise Http404("No such ruling request") from None


def published_ruling(reference: str, jurisdiction: str) -> RulingRequest:
    """A ruling any exporter of its State may cite: answered, so published."""
    try:
        return RulingRequest.objects.published().get(
            reference=reference, jurisdiction_id=jurisdiction
        )
    except RulingRequest.DoesNotExist:
        raise Http404("No such published ruling") from None


def notifications_for_user(user: AnyUser) -> CatchAllQuerySet:
    rows = CatchAllNotification.objects.select_related(
        "exporter", "jurisdiction", "destination", "technology"
    )
    mine = rows.filter(exporter__in=organisation_ids_for(user, COMPANY))
    theirs = rows.filter(jurisdiction__in=jurisdiction_ids_for(user, OFFICER))
    return mine | theirs


def notification_for_user(user: AnyUser, reference: str) -> CatchAllNotification:
    try:
        return notifications_for_user(user).get(reference=reference)
    except CatchAllNotification.DoesNotExist:
        raise Http404("No such notification") from None


def queues_for_officer(user: AnyUser) -> QuerySet[Queue]:
    states = jurisdiction_ids_for(user, OFFICER)
    return Queue.objects.filter(team__jurisdiction__in=states).select_related("team")


def queue_for_officer(user: AnyUser, slug: str) -> Queue:
    try:
        return queues_for_officer(user).get(slug=slug)
    except Queue.DoesNotExist:
        raise Http404("No such queue") from None


def queue_cases(queue: Queue) -> ApplicationQuerySet:
    """The open applications of a queue reached through `queue_for_officer`."""
    rows = Application.objects.open().filter(case_file__queue=queue)
    return rows.select_related("exporter", "destination", "case_file__assigned_to")


def question_of(app: Application, pk: int) -> Question:
    """A question on an application already reached through these helpers."""
    try:
        return Question.objects.select_related("application").get(pk=pk, application=app)
    except Question.DoesNotExist:
        raise Http404("No such question") from None


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
