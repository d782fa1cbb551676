"""E-mail alerts on new decisions, per destination or technology category (double opt-in).

Subscribing sends a confirmation link; nothing else is sent until it is followed.
Every alert carries a one-click unsubscribe link. Addresses are never published.
"""

import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.core import audit
from oversight.licensing.models import Decision, Subscription
from oversight.registry.models import Category, Jurisdiction


def _absolute(path: str) -> str:
    return str(settings.SITE_URL).rstrip("/") + path


def subscribe(email: str, *, destination: str = "", category: str = "") -> Subscription:
    """Ask for alerts; the same request twice sends the confirmation again, creates nothing."""
    email = email.strip().lower()
    errors: dict[str, list[str]] = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Enter a valid e-mail address.")]
    if not destination and not category:
        errors["destination"] = [_("Choose a destination or a technology category, or both.")]
    if destination and not Jurisdiction.objects.filter(pk=destination).exists():
        errors["destination"] = [_("Not a known country code.")]
    if category and category not in Category.values:
        errors["category"] = [_("Not a technology category.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        row = Subscription.objects.filter(
            email=email, destination_id=destination or None, category=category
        ).first()
        if row is None:
            row = Subscription.objects.create(
                email=email,
                destination_id=destination or None,
                category=category,
                token=secrets.token_urlsafe(32),
            )
            audit.record(
                "licensing.subscription.requested",
                row,
                actor_label="public",
                changes={"destination": [None, destination], "category": [None, category]},
            )
        transaction.on_commit(lambda: _send_confirmation(row))
    return row


def _send_confirmation(row: Subscription) -> None:
    link = _absolute(reverse("licensing:alert_confirm", args=[row.token]))
    body = _(
        "Someone asked for e-mail alerts on new export licensing decisions for this address.\n"
        "Confirm here: %(link)s\nIf it was not you, ignore this message: nothing will be sent."
    ) % {"link": link}
    send_mail(_("Confirm your licensing alerts"), body, None, [row.email])


def confirm(token: str) -> Subscription | None:
    with transaction.atomic():
        row = Subscription.objects.select_for_update().filter(token=token).first()
        if row is not None and row.confirmed_at is None:
            row.confirmed_at = timezone.now()
            row.save(update_fields=["confirmed_at"])
            audit.record("licensing.subscription.confirmed", row, actor_label="public")
    return row


def unsubscribe(token: str) -> bool:
    with transaction.atomic():
        row = Subscription.objects.filter(token=token).first()
        if row is None:
            return False
        audit.record("licensing.subscription.ended", row, actor_label="public")
        row.delete()
    return True


def subscribers_for(decision: Decision) -> Any:
    wanted = Q(destination__isnull=True) | Q(destination_id=decision.destination_id)
    category = Q(category="") | Q(category__in=decision.categories)
    specific = ~Q(destination__isnull=True, category="")
    return Subscription.objects.filter(wanted & category & specific, confirmed_at__isnull=False)


def send_alerts(decision_pk: int) -> int:
    decision = Decision.objects.select_related("destination").get(pk=decision_pk)
    sent = 0
    page = _absolute(reverse("portal:record", args=["licence-decisions", decision.reference]))
    for row in subscribers_for(decision):
        stop = _absolute(reverse("licensing:alert_unsubscribe", args=[row.token]))
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
        send_mail(
            _("Licensing decision %(ref)s") % {"ref": decision.reference}, body, None, [row.email]
        )
        sent += 1
    return sent
