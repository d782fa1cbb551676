"""The daily jobs and the custodian's commands, through the CLI; e-mails carry no content."""

import base64
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from oversight.accounts import actions as accounts
from oversight.accounts.models import Role
from oversight.core.models import AuditEntry
from oversight.grievances.models import Report
from oversight.grievances.tests.conftest import World
from oversight.grievances.tests.helpers import handler_client, receipt_of, submit
from oversight.ops.models import OutgoingMail
from oversight.ops.tests.helpers import run_tasks
from oversight.registry.management.commands.demo import demo_password
from oversight.registry.models import Organisation

SECRET = "nothing-of-this-in-any-email"


def _run(*args: str) -> str:
    out = StringIO()
    call_command("grievances", *args, stdout=out)
    return out.getvalue()


def test_it_reminds_handlers_of_overdue_reports_without_content(world: World) -> None:
    receipt_of(submit(Client(), what_happened=SECRET))
    report = Report.objects.get()
    Report.objects.filter(pk=report.pk).update(due_at=report.submitted_at - timedelta(days=1))
    assert "1 reminders sent" in _run("remind")
    run_tasks()
    assert mail.outbox[0].to == ["handler@example.org"]
    assert report.reference in mail.outbox[0].body and SECRET not in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="grievances.reminder_sent").exists()
    page = handler_client(world.handler).get("/staff/grievances/").content.decode()
    assert "overdue" in page


def test_it_emails_the_complainant_only_that_there_is_news(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    handler_client(world.handler)
    receipt_of(submit(Client(), what_happened=SECRET, contact="email", email="me@example.org"))
    report = Report.objects.get()
    client = handler_client(world.handler)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/grievances/{report.reference}/message/", {"text": SECRET})
    run_tasks()
    assert [m.to for m in mail.outbox] == [["me@example.org"]]
    assert SECRET not in mail.outbox[0].body and report.reference not in mail.outbox[0].body
    # Sent through the queue: the complainant's address is kept nowhere once sent.
    assert "me@example.org" not in str(list(OutgoingMail.objects.values()))


def test_it_lists_identity_requests_for_the_custodian(world: World, tmp_path: Path) -> None:
    handler_client(world.handler)
    receipt_of(submit(Client(), name="Someone"))
    report = Report.objects.get()
    handler_client(world.handler).post(
        f"/staff/grievances/{report.reference}/identity/", {"text": "reason-for-custodian"}
    )
    key = tmp_path / "un.key"
    key.write_text(base64.b64encode(world.escrow["un"]).decode())
    listed = _run("identity", "list", "un", "--key-file", str(key))
    assert "reason-for-custodian" in listed and report.reference in listed
    bad = tmp_path / "bad.key"
    bad.write_text("not base64 !")
    with pytest.raises(CommandError, match="--key-file"):
        _run("identity", "list", "un", "--key-file", str(bad))


def test_it_refuses_the_demo_outside_demo_mode(settings: Any) -> None:
    settings.DEMO = False
    with pytest.raises(CommandError, match="demo-only"):
        _run("demo")


def test_it_creates_demo_channels_once(world: World, settings: Any, tmp_path: Path) -> None:
    settings.DEMO, settings.VAR_DIR = True, tmp_path
    Report.objects.all().delete()
    world.un.delete()
    world.company.delete()
    for name, org in (
        ("demo-handler", "un-working-group"),
        ("demo-handler-company", "demo-exporter"),
    ):
        user = accounts.create_user(name, email="", password=demo_password(name))
        accounts.grant_role(
            user, Role.GRIEVANCE_HANDLER, organisation=Organisation.objects.get(slug=org)
        )
    _run("demo")
    entries = AuditEntry.objects.count()
    _run("demo")
    assert AuditEntry.objects.count() == entries  # the second run writes nothing
    assert (tmp_path / "escrow" / "un-working-group.key").stat().st_mode & 0o777 == 0o600
    assert Client().get("/report/").status_code == 200
    assert Client().get("/report/to/demo-exporter/").status_code == 200
