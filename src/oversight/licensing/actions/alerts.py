"""Subscribing to e-mail alerts (double opt-in), confirming and ending: each write audited.

Subscribing sends a confirmation link; nothing else is sent until it is followed.
"""

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.core import audit
from oversight.licensing.alerts import absolute
from oversight.licensing.events import Event
from oversight.licensing.models import Subscription
from oversight.ops import actions as ops
from oversight.registry.models import Category, Jurisdiction


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
                Event.SUBSCRIPTION_REQUESTED,
                row,
                actor_label="public",
                changes={"destination": [None, destination], "category": [None, category]},
            )
        _send_confirmation(row)
    return row


def _send_confirmation(row: Subscription) -> None:
    link = absolute(reverse("licensing:alert_confirm", args=[row.token]))
    body = _(
        "Someone asked for e-mail alerts on new export licensing decisions for this address.\n"
        "Confirm here: %(link)s\nIf it was not you, ignore this message: nothing will be sent."
    ) % {"link": link}
    subject = _("Confirm your licensing alerts")
    ops.queue_mail("licensing.alert_confirmation", subject, body, [row.email])


def confirm(token: str) -> Subscription | None:
    with transaction.atomic():
        row = Subscription.objects.select_for_update().filter(token=token).first()
        if row is not None and row.confirmed_at is None:
            row.confirmed_at = timezone.now()
            row.save(update_fields=["confirmed_at"])
            audit.record(Event.SUBSCRIPTION_CONFIRMED, row, actor_label="public")
    return row


def unsubscribe(token: str) -> bool:
    with transaction.atomic():
        row = Subscription.objects.filter(token=token).first()
        if row is None:
            return False
        audit.record(Event.SUBSCRIPTION_ENDED, row, actor_label="public")
        row.delete()
    return True
