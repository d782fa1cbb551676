"""No plaintext at rest: a canary planted in every field and file is nowhere in the
raw database (SQLite file and WAL, or a pg_dump), nor in the file store."""

import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from oversight.grievances.models import EvidenceFile, Report
from oversight.grievances.tests.conftest import build_world
from oversight.grievances.tests.dumps import database_bytes, file_store_bytes, leaks
from oversight.grievances.tests.helpers import (
    handler_client,
    jpeg_with_exif,
    open_status,
    pdf_with_author,
    receipt_of,
    submit,
    token_of,
)

# Serialized rollback restores the migrations' rows (the audit head) that a flush removes.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
CANARY = "zq7canary4e1b"


def _canaried(field: str) -> str:
    return f"{field}-{CANARY}"


def _files() -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile(f"{CANARY}.txt", f"statement {CANARY}".encode()),
        SimpleUploadedFile(f"photo-{CANARY}.jpg", jpeg_with_exif(CANARY)),
        SimpleUploadedFile(f"doc-{CANARY}.pdf", pdf_with_author(CANARY)),
    ]


def _plant_everywhere() -> str:
    world = build_world()
    handler_client(world.handler)
    client = Client()
    fields: dict[str, Any] = {
        name: _canaried(name)
        for name in ("what_happened", "when", "suspected", "harm", "remedy_text", "name")
    }
    response = submit(
        client, **fields, identity_contact=_canaried("contact"), contact="email",
        email=f"{CANARY}@example.org", evidence=_files(), keep_original="on", consents=["company"],
    )  # fmt: skip
    receipt = receipt_of(response)
    page = open_status(client, receipt)
    extra = SimpleUploadedFile(f"r-{CANARY}.txt", CANARY.encode())
    client.post(
        "/report/status/",
        {"form_token": token_of(page), "receipt": receipt, "action": "reply",
         "message": _canaried("reply"), "evidence": [extra]},
    )  # fmt: skip
    report = Report.objects.get()
    staff = handler_client(world.handler)
    base = f"/staff/grievances/{report.reference}"
    staff.post(f"{base}/triage/", {"decision": "admissible"})
    for step, data in [
        ("note", {"text": _canaried("note")}),
        ("message", {"text": _canaried("message")}),
        ("remedy", {"kind": "apology", "detail": _canaried("remedy")}),
        ("identity", {"text": _canaried("why")}),
    ]:
        assert staff.post(f"{base}/{step}/", data).status_code == 302
    assert CANARY in staff.get(f"{base}/").content.decode()  # the handler can read it all
    return receipt


def test_it_keeps_no_plaintext_in_the_database_or_the_file_store() -> None:
    before = set(Path(tempfile.gettempdir()).iterdir())
    receipt = _plant_everywhere()
    assert EvidenceFile.objects.count() == 6  # 3 cleaned or kept, 2 originals, 1 reply
    stored = database_bytes()
    assert len(stored) > 10_000 and b"grievances_report" in stored
    assert not leaks(stored, CANARY), "canary found in the database"
    assert not leaks(stored, receipt.replace(" ", "")), "receipt found in the database"
    files = file_store_bytes()
    assert len(files) > 1000
    assert not leaks(files, CANARY), "canary found in the file store"
    new_temp = [p for p in set(Path(tempfile.gettempdir()).iterdir()) - before if p.is_file()]
    assert not any(leaks(p.read_bytes(), CANARY) for p in new_temp)


def test_it_finds_a_planted_plaintext(settings: Any) -> None:
    """The search itself works: a plain row is found in the same dump."""
    from oversight.registry.models import Organisation

    Organisation.objects.create(slug="plain", name=f"plain-{CANARY}", kind="company")
    assert leaks(database_bytes(), CANARY)
