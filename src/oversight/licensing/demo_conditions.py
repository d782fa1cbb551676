"""The demo's licence with typed conditions (run by `demo_licensing`; idempotent).

One application of the demo exporter is walked to a licence: its one-day comment period
is opened on a demo clock two days back, so that it has closed, as if the demo had
waited. Its conditions: an end-use certificate met, a usage report and a post-shipment
verification due (the worker's `licensing.check_conditions` flags them when their
deadline passes without evidence).
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any
from unittest import mock

from django.utils import timezone

from oversight.accounts.models import User
from oversight.licensing import actions
from oversight.licensing.actions import conditions
from oversight.licensing.models import Application, Licence, Status
from oversight.licensing.models.review import Criterion
from oversight.registry.models import Organisation

KEY = "demo-licensing-conditions"


@contextmanager
def in_the_past(days_ago: int) -> Iterator[None]:
    then: datetime = timezone.now() - timedelta(days=days_ago)
    with mock.patch.object(timezone, "now", lambda: then):
        yield


def _criteria() -> list[dict[str, Any]]:
    return [
        {"criterion": value, "rating": "meets", "reasoning": "Assessed on the public record.",
         "evidence": []}
        for value in Criterion.values
    ]  # fmt: skip


def walk(prepare: Callable[[Application], None], users: dict[str, User]) -> Licence | None:
    """`prepare` fills and submits the draft (the command's own steps)."""
    officer, reviewer = users["officer"], users["reviewer"]
    exporter = Organisation.objects.get(slug="demo-exporter")
    app = actions.create_application(exporter, actor=users["member"], key=KEY)
    if app.status == Status.ISSUED:
        return Licence.objects.filter(application=app).first()
    prepare(app)
    app.refresh_from_db()
    if app.status == Status.SCREENING:
        # Opened two days ago for one day: closed now, as if the demo had waited for it.
        with in_the_past(2):
            actions.open_consultation(app, actor=officer, days=1)
    actions.start_review(app, actor=officer)
    actions.submit_review(
        app,
        criteria=_criteria(),
        recommendation="approve_with_conditions",
        summary="Approve, with an end-use certificate, usage reports and a site visit.",
        actor=reviewer,
    )
    actions.decide_application(
        app,
        outcome="issued",
        reasons=["The safeguards are adequate, under the conditions set on the licence."],
        conditions=["An end-use certificate, quarterly usage reports and a site visit."],
        valid_until=timezone.localdate() + timedelta(days=365),
        actor=officer,
    )
    return Licence.objects.get(application=app)


def finish(licence: Licence, users: dict[str, User]) -> None:
    """The conditions, once: a certificate met, a usage report and a site visit due. The
    worker flags either if its deadline passes without evidence (tests prove it)."""
    officer, member = users["officer"], users["member"]
    if licence.typed_conditions.exists():
        return
    today = timezone.localdate()
    certificate = conditions.set_condition(
        licence,
        kind="end_use_certificate",
        terms="An end-use certificate signed by the end user, stating the end use.",
        evidence_due=today + timedelta(days=30),
        actor=officer,
    )
    for kind, terms, days in (
        ("usage_report", "A report of every use of the capability, each quarter.", 90),
        ("post_shipment_verification", "A visit to the site by an embassy officer.", 60),
    ):
        conditions.set_condition(
            licence, kind=kind, terms=terms, evidence_due=today + timedelta(days=days),
            actor=officer,
        )  # fmt: skip
    conditions.submit_evidence(
        certificate, evidence="Certificate EUC-2291, signed by the regulator.", actor=member
    )
    conditions.assess_evidence(
        certificate, met=True, reasons=["Signed by the end user; end use stated."], actor=officer
    )
