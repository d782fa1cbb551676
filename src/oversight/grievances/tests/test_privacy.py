"""No IP address or user agent of a complainant is stored or logged anywhere."""

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from oversight.grievances.tests.conftest import build_world
from oversight.grievances.tests.dumps import database_bytes, file_store_bytes, leaks
from oversight.grievances.tests.helpers import open_status, receipt_of, submit, token_of

# Serialized rollback restores the migrations' rows (the audit head) that a flush removes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ADDRESS = "198.51.100.173"
AGENT = "CanaryAgent/7.3 (ua-canary-5521)"


def test_it_stores_and_logs_no_address_or_user_agent(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    build_world()
    client = Client(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT, HTTP_X_FORWARDED_FOR=ADDRESS)
    receipt = receipt_of(submit(client, evidence=[SimpleUploadedFile("a.txt", b"hello")]))
    page = open_status(client, receipt)
    client.post("/report/status/", {"form_token": token_of(page), "receipt": receipt,
                                    "action": "reply", "message": "more"})  # fmt: skip
    open_status(client, "00000 00000 00000 00000 00000")  # a wrong receipt is not logged either
    client.get("/report/does-not-exist/")  # a 404 is logged by Django: masked
    stored = database_bytes() + file_store_bytes()
    for value in (ADDRESS, AGENT, "ua-canary-5521"):
        assert not leaks(stored, value), f"{value} stored"
        assert value not in caplog.text, f"{value} logged"
        for record in caplog.records:
            assert value not in str(record.__dict__), f"{value} in a log record"


def test_it_sets_no_session_and_only_the_form_cookie() -> None:
    build_world()
    client = Client()
    response = client.get("/report/")
    assert set(response.cookies) == {"grievance_form"}
    cookie = response.cookies["grievance_form"]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/report/"
    receipt = receipt_of(submit(client))
    assert "sessionid" not in client.cookies
    assert "sessionid" not in open_status(client, receipt).cookies
