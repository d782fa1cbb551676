"""A file we cannot clean never costs the complainant their words (issue 17, finding 2)."""

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from oversight.core.middleware import STRICT_CSP
from oversight.grievances import actions
from oversight.grievances.models import Entry, EvidenceFile, Report
from oversight.grievances.tests.conftest import World
from oversight.grievances.tests.helpers import open_status, receipt_of, submit, token_of

WORDS = "They followed me from the protest to my door."


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((256, 256), 50).convert("RGB").save(out, "JPEG")
    return out.getvalue()


DAMAGED = {
    "truncated.jpg": _jpeg()[:3000],
    "junk.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
    "broken.pdf": b"%PDF-1.7\n" + b"\x93garbage with no objects\x00" * 40,
    "broken.webp": b"RIFF\x40\x00\x00\x00WEBPVP8 " + b"\x01\xfe" * 64,
}


def _stored_files(settings: Any) -> list[Any]:
    return [p for p in settings.GRIEVANCE_FILES_DIR.rglob("*") if p.is_file()]


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_it_shows_the_words_again_with_an_error_naming_the_file(
    world: World, settings: Any, name: str
) -> None:
    client = Client()
    response = submit(
        client, what_happened=WORDS, evidence=[SimpleUploadedFile(name, DAMAGED[name])]
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert WORDS in html  # the text is back in the form, nothing to type again
    assert f"“{name}”" in html and "damaged" in html
    assert Report.objects.count() == 0 and not _stored_files(settings)
    fields = {"form_token": token_of(response), "what_happened": WORDS, "contact": "receipt"}
    again = client.post("/report/", fields)
    assert receipt_of(again)
    assert Report.objects.count() == 1


def test_it_keeps_a_reply_when_its_file_cannot_be_cleaned(world: World, settings: Any) -> None:
    client = Client()
    receipt = receipt_of(submit(client))
    page = open_status(client, receipt)
    broken = SimpleUploadedFile("scan.pdf", DAMAGED["broken.pdf"])
    response = client.post(
        "/report/status/",
        {"form_token": token_of(page), "receipt": receipt, "action": "reply",
         "message": WORDS, "evidence": [broken]},
    )  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 400
    assert WORDS in html and "“scan.pdf”" in html
    assert "We received what you sent." not in html
    assert not Entry.objects.filter(kind=Entry.Kind.FROM_COMPLAINANT).exists()
    assert EvidenceFile.objects.count() == 0


def test_a_server_error_on_the_complainant_pages_keeps_their_headers(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any) -> Any:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(actions, "submit_report", broken)
    client = Client(raise_request_exception=False)
    response = submit(client, what_happened=WORDS)
    assert response.status_code == 500
    assert response["Content-Security-Policy"] == STRICT_CSP
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    assert WORDS not in response.content.decode()


def test_every_server_error_page_is_private(monkeypatch: pytest.MonkeyPatch, db: None) -> None:
    from oversight.portal import views

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "render", broken)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert response["Content-Security-Policy"] == STRICT_CSP
    assert response["Cache-Control"] == "no-store"
