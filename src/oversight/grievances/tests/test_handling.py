"""Handling through HTTP: inbox per channel, triage, routing with consent, notes, remedies."""

from typing import Any

from django.test import Client

from oversight.accounts.tests.helpers import signed_in
from oversight.core import audit
from oversight.core.models import AuditEntry
from oversight.grievances.models import Report
from oversight.grievances.signals import grievance_substantiated
from oversight.grievances.tests.conftest import World
from oversight.grievances.tests.helpers import handler_client, open_status, receipt_of, submit

SECRET = "the-words-of-the-complainant"


def _report(world: World, **fields: Any) -> tuple[Report, str]:
    client = Client()
    receipt = receipt_of(submit(client, **({"what_happened": SECRET} | fields)))
    return Report.objects.latest("pk"), receipt


def test_it_lists_only_the_handlers_channels(world: World) -> None:
    report, _ = _report(world)
    mine = handler_client(world.handler).get("/staff/grievances/")
    assert report.reference in mine.content.decode()
    outsider = signed_in(world.outsider)
    assert report.reference not in outsider.get("/staff/grievances/").content.decode()
    assert outsider.get(f"/staff/grievances/{report.reference}/").status_code == 404
    assert outsider.get("/staff/grievances/G-NOTTHERE/").status_code == 404
    response = outsider.post(f"/staff/grievances/{report.reference}/note/", {"text": "x"})
    assert response.status_code == 404
    assert Client().get("/staff/grievances/").status_code == 302  # to sign-in


def test_it_needs_the_unlocked_key_to_read(world: World) -> None:
    report, _ = _report(world)
    handler_client(world.handler)  # creates the key: the report predates it
    locked = signed_in(world.handler).get(f"/staff/grievances/{report.reference}/")
    assert SECRET not in locked.content.decode()
    assert "Unlock your key" in locked.content.decode()


def test_it_handles_a_report_from_triage_to_closure(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    handler_client(world.handler)  # the handler has a key before the report arrives
    report, receipt = _report(world, consents=["company"])
    client = handler_client(world.handler)
    page = client.get(f"/staff/grievances/{report.reference}/").content.decode()
    assert SECRET in page
    base = f"/staff/grievances/{report.reference}"
    client.post(f"{base}/triage/", {"decision": "admissible"})
    client.post(f"{base}/note/", {"text": "internal-note-words"})
    client.post(f"{base}/message/", {"text": "message-to-complainant-words"})
    client.post(f"{base}/remedy/", {"kind": "deletion", "detail": "remedy-words"})
    remedy = report.remedies.get()
    client.post(f"{base}/remedy_status/", {"remedy": remedy.pk, "status": "accepted"})
    client.post(f"{base}/remedy_status/", {"remedy": remedy.pk, "status": "provided"})
    received = []
    grievance_substantiated.connect(lambda **kw: received.append(kw), weak=False, dispatch_uid="t")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"{base}/close/",
            {"outcome": "substantiated", "concerns": world.company.organisation_id},
        )
    grievance_substantiated.disconnect(dispatch_uid="t")
    report.refresh_from_db()
    assert (report.status, report.outcome) == ("closed", "substantiated")
    assert report.remedied_at and report.purge_after
    assert received and received[0]["organisation"] == world.company.organisation
    status = open_status(Client(), receipt).content.decode()
    assert "message-to-complainant-words" in status and "remedy-words" in status
    assert "internal-note-words" not in status
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "grievances.status_changed",
        "grievances.note_added",
        "grievances.remedy_updated",
    } <= actions
    assert audit.verify().ok


def test_it_refuses_illegal_steps_and_says_why(world: World) -> None:
    report, _ = _report(world)
    client = handler_client(world.handler)
    base = f"/staff/grievances/{report.reference}"
    page = client.post(f"{base}/close/", {"outcome": "resolved"}, follow=True).content.decode()
    assert "This step is not open for a report that is: Received, waiting to be read." in page
    triaged = client.post(f"{base}/triage/", {"decision": "out_of_scope"}, follow=True)
    assert "Give the complainant the reason" in triaged.content.decode()
    report.refresh_from_db()
    assert report.status == "received"


def test_it_routes_only_with_consent_and_reencrypts_for_the_new_channel(world: World) -> None:
    handler_client(world.company_handler)  # the company handler has a key
    handler_client(world.handler)
    report, _ = _report(world, consents=["company"])
    client = handler_client(world.handler)
    base = f"/staff/grievances/{report.reference}"
    company = handler_client(world.company_handler)
    assert company.get(f"{base}/").status_code == 404
    page = client.post(f"{base}/route/", {"channel": world.company.pk}, follow=True)
    assert "Done." in page.content.decode()
    assert report.assignments.filter(channel=world.company).exclude(reading_box=b"").exists()
    assert SECRET in company.get(f"{base}/").content.decode()
    # No consent for the UN channel: a second report cannot go there from the company.
    receipt_of(submit(Client(), path="/report/to/exporter/"))
    report2 = Report.objects.latest("pk")
    page = company.post(
        f"/staff/grievances/{report2.reference}/route/", {"channel": world.un.pk}, follow=True
    )
    assert "did not consent to sharing with: The UN working group" in page.content.decode()
    assert not report2.assignments.filter(channel=world.un).exists()


def test_it_tells_the_complainant_why_it_is_out_of_scope(world: World) -> None:
    report, receipt = _report(world)
    client = handler_client(world.handler)
    client.post(
        f"/staff/grievances/{report.reference}/triage/",
        {"decision": "out_of_scope", "reason": "not-our-mandate-words"},
    )
    page = open_status(Client(), receipt).content.decode()
    assert "Out of scope" in page and "not-our-mandate-words" in page


def test_it_never_writes_content_to_the_audit_log(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    test_it_handles_a_report_from_triage_to_closure(world, django_capture_on_commit_callbacks)
    dumped = str(list(AuditEntry.objects.values()))
    for words in (SECRET, "internal-note-words", "message-to-complainant-words", "remedy-words"):
        assert words not in dumped


def test_it_lists_the_inbox_in_a_few_queries(
    world: World, django_assert_max_num_queries: Any
) -> None:
    for i in range(4):
        _report(world, what_happened=f"r{i}")
    client = handler_client(world.handler)
    with django_assert_max_num_queries(15):  # with the channel keys, whatever the rows
        page = client.get("/staff/grievances/")
    assert page.content.decode().count("/staff/grievances/G-") == 4
