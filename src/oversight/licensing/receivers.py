"""What licensing does when something below it happens (it listens; nothing imports it)."""

from typing import Any

from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from oversight.companies.models import MisuseReport
from oversight.companies.signals import misuse_substantiated
from oversight.grievances.signals import grievance_substantiated
from oversight.licensing import screening
from oversight.licensing.actions import flag_licence, history
from oversight.licensing.models import Licence
from oversight.monitoring.signals import case_substantiated
from oversight.registry.models import Jurisdiction, LicenceStatistic, Organisation, Technology
from oversight.registry.signals import (
    licence_statistics_saved,
    moratorium_declared,
    origin_misused,
)


@receiver(post_save, sender=LicenceStatistic, dispatch_uid="licensing-uk-history")
def derive_historical_decision(sender: Any, instance: LicenceStatistic, **kwargs: Any) -> None:
    if instance.dataset == history.DATASET:
        history.derive(instance)


@receiver(licence_statistics_saved, dispatch_uid="licensing-uk-history-batch")
def derive_historical_decisions(
    sender: Any, rows: list[LicenceStatistic], actor_label: str = "", **kwargs: Any
) -> None:
    history.derive_many(rows, actor_label=actor_label or "import uk-licences")


def licences_concerned(report: MisuseReport) -> Any:
    """Live licences of the company for the product, or to the end user, of the report."""
    rows = Licence.objects.live().filter(application__exporter_id=report.company_id)
    if report.end_user_id is not None:
        users = rows.filter(application__parties__organisation_id=report.end_user_id)
    elif report.end_user_text.strip():
        users = rows.filter(application__parties__name__iexact=report.end_user_text.strip())
    else:
        users = rows.none()
    if report.technology_id is None:
        return users.distinct()
    product = rows.filter(application__lines__technology_id=report.technology_id)
    return (product | users).distinct()


def licences_through(jurisdiction: Jurisdiction) -> list[Licence]:
    """Live licences whose export touches the jurisdiction: from, to or through it."""
    rows = Licence.objects.live().select_related(
        "application__exporting_jurisdiction", "application__destination"
    )
    code = jurisdiction.code
    route = Q(application__exporting_jurisdiction=code) | Q(application__destination=code)
    near = list(rows.filter(route))
    seen = {licence.pk for licence in near}
    # Transit is a JSON list: read in Python, the same on SQLite and PostgreSQL.
    through = [
        licence
        for licence in rows.exclude(application__transit=[]).exclude(pk__in=seen)
        if code in (licence.application.transit or [])
    ]
    return [*near, *through]


@receiver(moratorium_declared, dispatch_uid="licensing-flag-on-moratorium")
def flag_on_moratorium(sender: Any, jurisdiction: Jurisdiction, **kwargs: Any) -> None:
    """A moratorium declared (or biting again) after a licence was issued flags the licence."""
    for licence in licences_through(jurisdiction):
        check = screening.moratorium_check(licence.application)
        if check.effect == "block":
            lead = _("A moratorium now forbids this export: review, suspend or revoke.")
            flag_licence(licence, reason=" ".join([lead, *check.reasons]))


@receiver(misuse_substantiated, dispatch_uid="licensing-flag-on-misuse")
def flag_on_misuse(sender: Any, report: MisuseReport, **kwargs: Any) -> None:
    reason = _("Substantiated misuse report #%(id)d (%(what)s): review, suspend or revoke.") % {
        "id": report.pk,
        "what": report.end_user_label or str(report.technology or ""),
    }
    for licence in licences_concerned(report):
        flag_licence(licence, reason=reason)


def licences_about(organisation: Organisation | None, technology: Technology | None) -> Any:
    """Live licences of this company (for this product, if named) or to this end user."""
    rows = Licence.objects.live()
    if organisation is None and technology is None:
        return rows.none()
    condition = Q()
    if organisation is not None:
        exporter = Q(application__exporter=organisation)
        if technology is not None:
            exporter &= Q(application__lines__technology=technology)
        condition |= exporter | Q(application__parties__organisation=organisation)
    else:
        condition |= Q(application__lines__technology=technology)
    return rows.filter(condition).distinct()


@receiver(grievance_substantiated, dispatch_uid="licensing-flag-on-grievance")
def flag_on_grievance(
    sender: Any,
    report: Any,
    organisation: Organisation | None = None,
    technology: Technology | None = None,
    **kwargs: Any,
) -> None:
    reason = _("Substantiated grievance #%(id)s: review, suspend or revoke.") % {
        "id": getattr(report, "pk", "?")
    }
    for licence in licences_about(organisation, technology):
        flag_licence(licence, reason=reason)


@receiver(origin_misused, dispatch_uid="licensing-flag-on-chain")
def flag_on_chain(sender: Any, origin: str, reference: str, reason: str, **kwargs: Any) -> None:
    """Misuse was substantiated downstream (a purchase, its grievances): flag the licence
    that let the technology in, with the reason given."""
    if origin != "licence" or not reference:
        return
    for licence in Licence.objects.filter(number=reference):
        flag_licence(licence, reason=reason)


@receiver(case_substantiated, dispatch_uid="licensing-flag-on-case")
def flag_on_case(
    sender: Any,
    case: Any,
    states: list[Jurisdiction] | None = None,
    technology: Technology | None = None,
    **kwargs: Any,
) -> None:
    """A case substantiated against a State flags the live licences for its technology to
    that State (the destination)."""
    if technology is None or not states:
        return
    reason = _(
        "Substantiated monitoring case %(ref)s (%(title)s): the destination used this "
        "technology to abuse; review, suspend or revoke."
    ) % {"ref": getattr(case, "external_id", "?"), "title": getattr(case, "title", "")}
    rows = Licence.objects.live().filter(
        application__lines__technology=technology,
        application__destination__in=[state.code for state in states],
    )
    for licence in rows.distinct():
        flag_licence(licence, reason=reason)
