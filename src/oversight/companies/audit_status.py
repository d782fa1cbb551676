"""The facts `audit_rules.audit_status` needs, read from the database (published audits only)."""

from datetime import date

from django.utils.translation import gettext as _

from oversight.companies import audit_rules, rules
from oversight.companies.models import CorrectiveAction, Engagement, Finding
from oversight.registry.models import Organisation


def latest_audit(company: Organisation) -> audit_rules.LatestAudit | None:
    latest = (
        Engagement.objects.published()
        .filter(company=company)
        .select_related("version__standard")
        .order_by("-published_on", "-pk")
        .first()
    )
    if latest is None:
        return None
    actions = CorrectiveAction.objects.filter(finding__engagement=latest)
    return audit_rules.LatestAudit(
        engagement=latest.pk,
        published_on=latest.published_on or date.min,
        version=str(latest.version),
        results=list(Finding.objects.filter(engagement=latest).values_list("result", flat=True)),
        action_due=list(actions.unverified().values_list("due_on", flat=True)),
        actions_verified=actions.filter(status=CorrectiveAction.Status.VERIFIED).count(),
    )


def audit_status_of(company: Organisation, today: date) -> audit_rules.AuditStatus:
    """The company's audit status, derived from its latest published audit."""
    return audit_rules.audit_status(latest_audit(company), today)


@rules.element_check
def audit_element(subject: rules.Subject) -> list[rules.Element]:
    """The UNGP check's audit element: it fails only while corrective actions of the latest
    published audit are overdue (an audit is not required, and an open action on time is
    the follow-up working as it should)."""
    status = audit_status_of(subject.company, subject.today)
    link = f"/audit-summaries/{status.engagement}/" if status.engagement else ""
    label = _("Independent audit: %(status)s") % {"status": status.label}
    return [rules.Element("audit", label, status.key != "overdue", status.reason, link)]
