"""E-mail alerts on new decisions, per destination or technology category (double opt-in).

Subscribing, confirming and ending are writes: `licensing.actions.alerts`. Every alert
carries a one-click unsubscribe link. Addresses are never published.
"""

from typing import Any

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from oversight.licensing.models import Decision, Subscription
from oversight.ops import actions as ops


def absolute(path: str) -> str:
    return str(settings.SITE_URL).rstrip("/") + path


def subscribers_for(decision: Decision) -> Any:
    wanted = Q(destination__isnull=True) | Q(destination_id=decision.destination_id)
    category = Q(category="") | Q(category__in=decision.categories)
    specific = ~Q(destination__isnull=True, category="")
    return Subscription.objects.filter(wanted & category & specific, confirmed_at__isnull=False)


def send_alerts(decision_pk: int) -> int:
    decision = Decision.objects.select_related("destination").get(pk=decision_pk)
    sent = 0
    page = absolute(reverse("portal:record", args=["licence-decisions", decision.reference]))
    for row in subscribers_for(decision):
        stop = absolute(reverse("licensing:alert_unsubscribe", args=[row.token]))
        body = _(
            "New licensing decision %(ref)s: %(outcome)s, destination %(dest)s.\n%(page)s\n\n"
            "Stop these alerts: %(stop)s"
        ) % {
            "ref": decision.reference,
            "outcome": decision.get_outcome_display(),
            "dest": decision.destination.name if decision.destination else "—",
            "page": page,
            "stop": stop,
        }
        subject = _("Licensing decision %(ref)s") % {"ref": decision.reference}
        ops.queue_mail("licensing.alert", subject, body, [row.email])
        sent += 1
    return sent
