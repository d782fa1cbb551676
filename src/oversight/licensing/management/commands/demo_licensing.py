"""oversight demo_licensing: a few demo applications in different states. Idempotent.

Run by `oversight demo` after the demo users exist. Each application is keyed by
its creation key, and each step runs only if the application has not reached it.
"""

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pikepdf
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError

from oversight.accounts.models import User
from oversight.consultations import actions as consultations
from oversight.licensing import actions, demo_conditions, demo_cycle
from oversight.licensing.actions.submission import consultation_of
from oversight.licensing.models import Application, Status
from oversight.monitoring.models import Case
from oversight.registry import actions as registry
from oversight.registry.models import Organisation

Party = tuple[str, str, str, str]  # role, name, kind, country


def _operator() -> str:
    """A real suspected operator from the demo cases, so the red flags show a match."""
    case = Case.objects.published().exclude(operator="").order_by("pk").first()
    return case.operator if case else "State Security Service"


def _fill(app: Application, user: User, tech: str, code: str, parties: Sequence[Party]) -> None:
    if app.status != Status.DRAFT or app.lines.exists():
        return
    technology = app.exporter.technologies.get(slug=tech)
    line = {
        "technology": technology,
        "control_code": code,
        "quantity": 2,
        "value": Decimal("180000.00"),
        "currency": "EUR",
    }
    actions.add_line(app, line, actor=user)
    for role, name, kind, country in parties:
        values = {"role": role, "name": name, "kind": kind, "jurisdiction_id": country}
        actions.add_party(app, values, actor=user)


def _blank_pdf() -> bytes:
    """A real one-page PDF: a statement is cleaned, so it must be one."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _complete(app: Application, user: User, destination: str, end_use: str) -> None:
    if app.status != Status.DRAFT or app.end_use_statement:
        return
    values = {
        "destination_id": destination,
        "end_use": end_use,
        "declaration_accurate": True,
        "declaration_conditions": True,
    }
    actions.update_draft(app, values, actor=user)
    statement = ContentFile(_blank_pdf(), name="end-use-statement.pdf")
    actions.attach_end_use_statement(app, statement, actor=user)  # type: ignore[arg-type]


def _app(key: str, exporter: str, user: User) -> Application:
    company = Organisation.objects.get(slug=exporter)
    return actions.create_application(company, actor=user, key=key)


def _submit(app: Application, user: User) -> None:
    if app.status == Status.DRAFT:
        actions.submit_application(app, actor=user, key=f"{app.creation_key}-submit")


def _prepare_conditions(app: Application, member: User) -> None:
    """The draft of the demo's licence with conditions: filled, complete, submitted."""
    parties = [
        ("consignee", "Doha Secure Networks WLL", "commercial", "QA"),
        ("end_user", "Communications Regulatory Authority", "government", "QA"),
    ]
    _fill(app, member, "demo-interceptor-x", "5.A.1.f", parties)
    _complete(app, member, "QA", "Lawful interception by the telecom regulator, under warrant.")
    _submit(app, member)


class Command(BaseCommand):
    help = "Create demo licence applications in several states (OVERSIGHT_DEMO=1 only)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO:
            raise CommandError("demo_licensing is demo-only: run it with OVERSIGHT_DEMO=1.")
        member, member_b = (
            User.objects.get(username=n) for n in ("demo-company", "demo-company-b")
        )
        officer = User.objects.get(username="demo-officer")
        registry.ensure_control_entry("5.A.1.j", actor_label="demo_licensing")

        draft = _app("demo-licensing-draft", "demo-exporter", member)
        _fill(draft, member, "demo-interceptor-x", "5.A.1.f", [])

        consulted = _app("demo-licensing-consultation", "demo-exporter", member)
        parties = [
            ("consignee", "Gulf Systems Trading LLC", "commercial", "AE"),
            ("end_user", _operator(), "government", "AE"),
        ]
        _fill(consulted, member, "demo-interceptor-x", "5.A.1.f", parties)
        _complete(consulted, member, "AE", "Interception of mobile networks for criminal cases.")
        _submit(consulted, member)
        consulted.refresh_from_db()
        if consulted.status == Status.SCREENING:
            actions.open_consultation(consulted, actor=officer, days=30)
        consultation = consultation_of(consulted)
        if consultation is not None and not consultation.comments.exists():
            consultations.submit_comment(  # waits for the officer's moderation
                consultation,
                name="",
                stakeholder_type="individual",
                text="The regulator has intercepted journalists before: ask for the warrants.",
                files=[],
                idempotency_key="demo-licensing-consultation-comment",
            )

        exempt = _app("demo-licensing-exempt", "demo-exporter", member)
        parties = [("consignee", "Banca Sicura SpA", "commercial", "IT"),
                   ("end_user", "Banca Sicura SpA", "commercial", "IT")]  # fmt: skip
        _fill(exempt, member, "demo-vault-z", "5.A.2", parties)
        _complete(exempt, member, "IT", "Encrypted messaging between bank branches.")
        _submit(exempt, member)

        screened = _app("demo-licensing-screening-b", "demo-exporter-b", member_b)
        parties = [("consignee", "Riyadh Tech Supplies", "commercial", "SA"),
                   ("end_user", "Presidency of State Security", "government", "SA")]  # fmt: skip
        _fill(screened, member_b, "demo-tracker-y", "5.A.1.j", parties)
        _complete(screened, member_b, "SA", "Locating suspects' phones.")
        _submit(screened, member_b)

        # The whole cycle, weeks apart, by the real actions under a controlled clock.
        reviewer = User.objects.get(username="demo-reviewer")
        licensed = _app("demo-licensing-cycle", "demo-exporter", member)
        parties = [
            ("consignee", "Gulf Systems Trading LLC", "commercial", "AE"),
            ("end_user", "Telecommunications Regulatory Authority", "government", "AE"),
        ]
        with demo_cycle.on(demo_cycle.weeks_ago(10)):
            _fill(licensed, member, "demo-interceptor-x", "5.A.1.f", parties)
            _complete(licensed, member, "AE", "Lawful interception under judicial warrant.")
            _submit(licensed, member)
        demo_cycle.issued_then_suspended(
            licensed, officer, reviewer, member, demo_cycle.weeks_ago(10)
        )
        refused = _app("demo-licensing-refused", "demo-exporter-b", member_b)
        parties = [
            ("consignee", "Riyadh Tech Supplies", "commercial", "SA"),
            ("end_user", "General Intelligence Presidency", "government", "SA"),
        ]
        with demo_cycle.on(demo_cycle.weeks_ago(9)):
            _fill(refused, member_b, "demo-tracker-y", "5.A.1.j", parties)
            _complete(refused, member_b, "SA", "Tracking the phones of persons of interest.")
            _submit(refused, member_b)
        demo_cycle.refused_and_appealed(
            refused, officer, reviewer, member_b, demo_cycle.weeks_ago(9)
        )
        users = {"member": member, "officer": officer, "reviewer": reviewer}
        licence = demo_conditions.walk(lambda app: _prepare_conditions(app, member), users)
        if licence is not None:
            demo_conditions.finish(licence, users)

        rows = Application.objects.filter(creation_key__startswith="demo-licensing-")
        for app in rows.order_by("pk"):
            self.stdout.write(f"{app.reference}  {app.exporter.slug:16}  {app.status}")
