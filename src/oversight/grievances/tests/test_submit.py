"""Submitting a report at /report/ and following it with the receipt, through HTTP."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from oversight.core.models import AuditEntry
from oversight.grievances.actions import submitting
from oversight.grievances.models import EvidenceFile, Report
from oversight.grievances.tests.conftest import World
from oversight.grievances.tests.helpers import (
    jpeg_with_exif,
    open_status,
    receipt_of,
    submit,
    token_of,
)


def test_it_shows_the_form_with_private_headers(world: World) -> None:
    page = Client().get("/report/")
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "no-referrer"
    assert page["Cache-Control"] == "no-store"
    assert "default-src 'none'" in page["Content-Security-Policy"]
    html = page.content.decode()
    assert "What happened?" in html and 'content="no-referrer"' in html
    assert "http://" not in html.replace("http://testserver", "") and "https://" not in html
    assert "<script" not in html
    assert "sessionid" not in page.cookies


def test_it_takes_a_report_and_shows_a_receipt_once(world: World) -> None:
    client = Client()
    response = submit(client)
    assert response.status_code == 200, response.content.decode()[:2000]
    receipt = receipt_of(response)
    assert len(receipt.replace(" ", "")) == 25
    report = Report.objects.get()
    assert report.channel == world.un and report.status == "received"
    assert AuditEntry.objects.filter(action="grievances.report_received").count() == 1
    status = open_status(client, receipt)
    assert status.status_code == 200
    assert "Received, waiting to be read" in status.content.decode()
    assert "They tapped my phone." in status.content.decode()
    assert receipt not in status.content.decode().replace(f'value="{receipt}"', "")


def test_it_makes_one_report_from_a_double_submit(world: World) -> None:
    client = Client()
    token = token_of(client.get("/report/"))
    data = {"what_happened": "Twice", "contact": "receipt", "form_token": token}
    first, second = client.post("/report/", data), client.post("/report/", data)
    assert Report.objects.count() == 1
    assert receipt_of(first) == receipt_of(second)  # the retry still sees its receipt


def test_it_refuses_a_post_without_our_cookie_and_changes_nothing(world: World) -> None:
    client = Client()
    token = token_of(client.get("/report/"))
    stranger = Client()  # another browser: no cookie, as in a cross-site post
    response = stranger.post(
        "/report/",
        {"what_happened": "x", "contact": "receipt", "form_token": token},
        HTTP_ORIGIN="null",
    )
    assert response.status_code == 400
    assert Report.objects.count() == 0
    assert "press “Send my report” again" in response.content.decode()


def test_it_accepts_origin_null_from_our_own_form(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    token = token_of(client.get("/report/"))
    response = client.post(
        "/report/",
        {"what_happened": "x", "contact": "receipt", "form_token": token},
        HTTP_ORIGIN="null",
    )
    assert response.status_code == 200 and Report.objects.count() == 1


def test_it_names_the_field_when_input_is_bad(world: World) -> None:
    response = submit(Client(), what_happened="", contact="email")
    html = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in html and "Give an e-mail address" in html
    assert Report.objects.count() == 0


def test_it_sends_to_a_company_channel(world: World) -> None:
    receipt_of(submit(Client(), path="/report/to/exporter/"))
    assert Report.objects.get().channel == world.company
    assert Client().get("/report/to/nowhere/").status_code == 404


def test_it_refuses_disallowed_and_oversize_files(world: World, settings: Any) -> None:
    settings.GRIEVANCE_MAX_FILE_MB = 1
    exe = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00\x03" + b"\x00" * 100)
    big = SimpleUploadedFile("big.txt", b"a" * (1024 * 1024 + 10))
    response = submit(Client(), evidence=[exe, big])
    html = response.content.decode()
    assert response.status_code == 400
    assert "“photo.jpg” is not a kind of file we accept" in html
    assert "“big.txt” is too large" in html
    assert Report.objects.count() == 0 and EvidenceFile.objects.count() == 0
    assert not [p for p in settings.GRIEVANCE_FILES_DIR.rglob("*") if p.is_file()]


def test_it_lets_the_complainant_write_and_add_files(world: World) -> None:
    client = Client()
    receipt = receipt_of(submit(client))
    page = open_status(client, receipt)
    note = SimpleUploadedFile("more.txt", b"more evidence")
    response = client.post(
        "/report/status/",
        {"form_token": token_of(page), "receipt": receipt, "action": "reply",
         "message": "Also this.", "evidence": [note]},
    )  # fmt: skip
    assert "We received what you sent." in response.content.decode()
    assert "Also this." in response.content.decode() and "more.txt" in response.content.decode()
    assert EvidenceFile.objects.count() == 1


def test_it_leaves_nothing_when_a_submit_fails_midway(
    world: World, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any) -> int:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(submitting, "assign", broken)
    client = Client(raise_request_exception=False)
    evidence = [
        SimpleUploadedFile("a.txt", b"words"),
        SimpleUploadedFile("b.jpg", jpeg_with_exif("m")),
    ]
    response = submit(client, evidence=evidence)
    assert response.status_code == 500
    assert Report.objects.count() == 0 and EvidenceFile.objects.count() == 0
    assert not AuditEntry.objects.filter(action="grievances.report_received").exists()
    assert not [p for p in settings.GRIEVANCE_FILES_DIR.rglob("*") if p.is_file()]
